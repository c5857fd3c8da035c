// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RevenueShareToken} from "../../../contracts/templates/revenue/RevenueShareToken.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../../mocks/FeeOnTransferERC20.sol";

/// @dev Drives one RevenueShareToken clone through transfers among several holders, distributions in three payout
/// tokens (one taking a fee on transfer) by the DAO and by holders, claims, claims for others, delegations and time
/// warps, and keeps ghost sums per payout token mirroring what the token must have done.
contract RevenueShareTokenHandler is Test {
    RevenueShareToken public immutable token;
    address public immutable dao;

    address[] internal _actors;
    IERC20[] internal _payouts;

    // ---- ghosts, per payout token ----
    /// @dev Sum of the amounts received (measured by the token's balance).
    mapping(IERC20 payout => uint256) public ghostReceived;
    /// @dev Sum of the amounts paid by claims (what left the token).
    mapping(IERC20 payout => uint256) public ghostClaimed;
    mapping(IERC20 payout => uint256) public ghostDistributions;
    /// @dev Σ over distributions of received * balanceOf(actor) at that moment: the actor's exact entitlement is
    /// this divided by the total supply.
    mapping(IERC20 payout => mapping(address actor => uint256)) public ghostEntitlementNumerator;
    /// @dev Sum of the amounts paid to the actor by claims.
    mapping(IERC20 payout => mapping(address actor => uint256)) public ghostClaimedBy;

    // ---- failures recorded when they happen (must stay 0) ----
    /// @dev A distribution whose return value differed from the balance change.
    uint256 public ghostReceivedMismatches;
    /// @dev A claim that paid something other than what claimable() said just before.
    uint256 public ghostClaimMismatches;
    /// @dev A transfer that changed someone's claimable (settlement must move no revenue).
    uint256 public ghostTransferMovedRevenue;

    constructor(RevenueShareToken token_, address dao_, address[] memory actors_, IERC20[] memory payouts_) {
        token = token_;
        dao = dao_;
        _actors = actors_;
        _payouts = payouts_;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function payouts() external view returns (IERC20[] memory) {
        return _payouts;
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        uint256[][] memory before = _claimables(from, to);
        vm.prank(from);
        token.transfer(to, amount);
        _checkUnchanged(from, to, before);
    }

    function transferFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 toSeed, uint256 amount) external {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, token.balanceOf(owner));
        vm.prank(owner);
        token.approve(spender, amount);
        uint256[][] memory before = _claimables(owner, to);
        vm.prank(spender);
        token.transferFrom(owner, to, amount);
        _checkUnchanged(owner, to, before);
    }

    function distribute(uint256 payoutSeed, uint256 amount, uint256 payerSeed) external {
        IERC20 payout = _payout(payoutSeed);
        amount = bound(amount, 1, 1e30);
        // Only the distributor admin registers a payout token; afterwards holders distribute too.
        address payer = token.totalDistributed(payout) == 0 || payerSeed % 3 == 0 ? dao : _actor(payerSeed);
        MockERC20(address(payout)).mint(payer, amount);
        vm.prank(payer);
        payout.approve(address(token), amount);

        uint256 balanceBefore = payout.balanceOf(address(token));
        vm.prank(payer);
        uint256 received = token.distribute(payout, amount);
        if (received != payout.balanceOf(address(token)) - balanceBefore) ghostReceivedMismatches++;

        ghostReceived[payout] += received;
        ghostDistributions[payout]++;
        for (uint256 i = 0; i < _actors.length; i++) {
            ghostEntitlementNumerator[payout][_actors[i]] += received * token.balanceOf(_actors[i]);
        }
    }

    function claim(uint256 actorSeed, uint256 payoutSeed) external {
        address actor = _actor(actorSeed);
        IERC20 payout = _payout(payoutSeed);
        uint256 expected = token.claimable(actor, payout);
        vm.prank(actor);
        uint256 paid = token.claim(payout);
        _recordClaim(actor, payout, expected, paid);
    }

    function claimFor(uint256 callerSeed, uint256 actorSeed, uint256 payoutSeed) external {
        address actor = _actor(actorSeed);
        IERC20 payout = _payout(payoutSeed);
        uint256 expected = token.claimable(actor, payout);
        vm.prank(_actor(callerSeed));
        uint256 paid = token.claimFor(actor, payout);
        _recordClaim(actor, payout, expected, paid);
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        vm.prank(_actor(actorSeed));
        token.delegate(_actor(delegateeSeed));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 7 days));
    }

    // ---------------------------------------------------------------------------------------------------------
    // internals
    // ---------------------------------------------------------------------------------------------------------

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _payout(uint256 seed) private view returns (IERC20) {
        return _payouts[seed % _payouts.length];
    }

    function _recordClaim(address actor, IERC20 payout, uint256 expected, uint256 paid) private {
        if (paid != expected) ghostClaimMismatches++;
        ghostClaimed[payout] += paid;
        ghostClaimedBy[payout][actor] += paid;
    }

    /// @dev claimable(a) and claimable(b) in every payout token.
    function _claimables(address a, address b) private view returns (uint256[][] memory values) {
        values = new uint256[][](2);
        values[0] = new uint256[](_payouts.length);
        values[1] = new uint256[](_payouts.length);
        for (uint256 i = 0; i < _payouts.length; i++) {
            values[0][i] = token.claimable(a, _payouts[i]);
            values[1][i] = token.claimable(b, _payouts[i]);
        }
    }

    function _checkUnchanged(address a, address b, uint256[][] memory before) private {
        uint256[][] memory afterwards = _claimables(a, b);
        for (uint256 i = 0; i < _payouts.length; i++) {
            if (afterwards[0][i] != before[0][i] || afterwards[1][i] != before[1][i]) ghostTransferMovedRevenue++;
        }
    }
}
