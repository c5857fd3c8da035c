// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ChildTreasury} from "../../contracts/factory/ChildTreasury.sol";
import {RevenueShareToken} from "../../contracts/templates/revenue/RevenueShareToken.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @dev Drives a revenue-sharing DAO's treasury and token: incomes in two payout tokens from anyone, share transfers
/// among holders and claims, with ghost sums of what the protocol fee and the holders must have received.
contract ChildTreasuryHandler is Test {
    ChildTreasury public immutable treasury;
    RevenueShareToken public immutable token;
    uint16 public immutable feeBps;
    address[] internal _holders;
    MockERC20[] internal _payouts;

    mapping(IERC20 payout => uint256) public ghostReceived;
    mapping(IERC20 payout => uint256) public ghostFees;
    mapping(IERC20 payout => uint256) public ghostClaimed;
    uint256 public ghostIncomes;

    constructor(
        ChildTreasury treasury_,
        RevenueShareToken token_,
        uint16 feeBps_,
        address[] memory holders_,
        MockERC20[] memory payouts_
    ) {
        treasury = treasury_;
        token = token_;
        feeBps = feeBps_;
        _holders = holders_;
        _payouts = payouts_;
    }

    function deposit(uint256 payerSeed, uint256 payoutSeed, uint256 amount) external {
        MockERC20 payout = _payouts[payoutSeed % _payouts.length];
        amount = bound(amount, 1, 1e30);
        address payer = address(uint160(uint256(keccak256(abi.encode("payer", payerSeed % 5)))));
        payout.mint(payer, amount);
        vm.startPrank(payer);
        payout.approve(address(treasury), amount);
        treasury.deposit(payout, amount);
        vm.stopPrank();
        ghostReceived[payout] += amount;
        ghostFees[payout] += (amount * feeBps) / 10_000;
        ghostIncomes++;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _holders[fromSeed % _holders.length];
        address to = _holders[toSeed % _holders.length];
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(to, amount);
    }

    function claim(uint256 holderSeed, uint256 payoutSeed) external {
        address holder = _holders[holderSeed % _holders.length];
        MockERC20 payout = _payouts[payoutSeed % _payouts.length];
        uint256 before = payout.balanceOf(holder);
        vm.prank(holder);
        token.claim(payout);
        ghostClaimed[payout] += payout.balanceOf(holder) - before;
    }

    function holders() external view returns (address[] memory) {
        return _holders;
    }

    function payouts() external view returns (MockERC20[] memory) {
        return _payouts;
    }
}
