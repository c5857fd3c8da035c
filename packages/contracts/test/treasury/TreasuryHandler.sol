// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {ITreasury} from "../../contracts/treasury/ITreasury.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../mocks/FeeOnTransferERC20.sol";

/// @dev Drives the Treasury through deposits of several tokens and ETH, education-rate changes by governance,
/// Safe spends and time warps, and keeps ghost values mirroring what the treasury must have done.
contract TreasuryHandler is Test {
    uint256 internal constant MIN_BPS = 800;
    uint256 internal constant BPS = 10_000;

    Treasury public immutable treasury;
    address public immutable fund;
    address public immutable gov;
    address public immutable safe;
    address public constant RECIPIENT = address(0xCAFE);

    /// @dev address(0) (ETH), two plain tokens and a fee-on-transfer token.
    address[] internal _assets;
    mapping(address asset => bool) public isFeeToken;

    // ---- education ghosts, per asset ----
    /// @dev Sum of the amounts received (as credited by the treasury).
    mapping(address asset => uint256) public ghostReceived;
    /// @dev Sum over inflows of ceil(received * MIN_EDUCATION_BPS / 10_000): the floor the fund is owed.
    mapping(address asset => uint256) public ghostMinShare;
    /// @dev Sum over inflows of ceil(received * educationBps / 10_000) at the time of the inflow.
    mapping(address asset => uint256) public ghostExpectedShare;
    /// @dev What actually left the treasury for the fund (measured by balances).
    mapping(address asset => uint256) public ghostSentToFund;
    /// @dev What the fund's balance grew by (differs from ghostSentToFund only for the fee token).
    mapping(address asset => uint256) public ghostFundReceived;
    /// @dev Inflows whose education share was below the floor (must stay 0).
    uint256 public ghostInflowsBelowFloor;
    uint256 public ghostInflows;

    // ---- education rate ghosts ----
    uint256 public ghostOutOfRangeBpsAccepted;

    // ---- Safe ghosts, per asset ----
    mapping(address asset => uint128) public limitAmount;
    mapping(address asset => uint48) public limitPeriod;
    mapping(address asset => uint256) public limitStart;
    mapping(address asset => mapping(uint256 window => uint256)) public ghostSpentInWindow;
    mapping(address asset => uint256) public ghostMaxSpentInWindow;
    mapping(address asset => uint256) public ghostSafeSpent;
    uint256 public ghostSafeSpendsAboveRemainingAccepted;

    constructor(Treasury treasury_, address gov_, address safe_, MockERC20 a, MockERC20 b, FeeOnTransferERC20 f) {
        treasury = treasury_;
        fund = treasury_.educationFund();
        gov = gov_;
        safe = safe_;
        _assets.push(address(0));
        _assets.push(address(a));
        _assets.push(address(b));
        _assets.push(address(f));
        isFeeToken[address(f)] = true;
        for (uint256 i = 1; i < _assets.length; i++) {
            IERC20(_assets[i]).approve(address(treasury_), type(uint256).max);
        }
        // Governance set the Safe's limits before the handler was deployed; record them.
        for (uint256 i = 0; i < _assets.length; i++) {
            ITreasury.SpendingLimit memory limit = treasury_.spendingLimit(_assets[i]);
            limitAmount[_assets[i]] = limit.amount;
            limitPeriod[_assets[i]] = limit.period;
            limitStart[_assets[i]] = limit.windowStart;
        }
    }

    function assets() external view returns (address[] memory) {
        return _assets;
    }

    function assetCount() external view returns (uint256) {
        return _assets.length;
    }

    function windowOf(address asset) public view returns (uint256) {
        return (block.timestamp - limitStart[asset]) / limitPeriod[asset];
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function deposit(uint256 assetSeed, uint256 amount, uint8 sourceSeed) external {
        address asset = _assets[1 + (assetSeed % (_assets.length - 1))];
        amount = bound(amount, 1, 1e30);
        ITreasury.IncomeSource source = ITreasury.IncomeSource(sourceSeed % 4);
        MockERC20(asset).mint(address(this), amount);

        uint256 treasuryBefore = IERC20(asset).balanceOf(address(treasury));
        uint256 fundBefore = IERC20(asset).balanceOf(fund);
        uint256 bps = treasury.educationBps();
        uint256 received = treasury.deposit(IERC20(asset), amount, source);
        uint256 kept = IERC20(asset).balanceOf(address(treasury)) - treasuryBefore;

        _recordInflow(asset, received, received - kept, IERC20(asset).balanceOf(fund) - fundBefore, bps);
    }

    function depositETH(uint256 amount, uint8 sourceSeed) external {
        amount = bound(amount, 1, 1e24);
        vm.deal(address(this), address(this).balance + amount);
        uint256 treasuryBefore = address(treasury).balance;
        uint256 fundBefore = fund.balance;
        uint256 bps = treasury.educationBps();
        treasury.depositETH{value: amount}(ITreasury.IncomeSource(sourceSeed % 4));
        uint256 kept = address(treasury).balance - treasuryBefore;
        _recordInflow(address(0), amount, amount - kept, fund.balance - fundBefore, bps);
    }

    function sendETH(uint256 amount) external {
        amount = bound(amount, 1, 1e24);
        vm.deal(address(this), address(this).balance + amount);
        uint256 treasuryBefore = address(treasury).balance;
        uint256 fundBefore = fund.balance;
        uint256 bps = treasury.educationBps();
        (bool ok, ) = address(treasury).call{value: amount}("");
        require(ok, "plain ETH transfer failed");
        uint256 kept = address(treasury).balance - treasuryBefore;
        _recordInflow(address(0), amount, amount - kept, fund.balance - fundBefore, bps);
    }

    function setEducationBps(uint16 bps) external {
        bool inRange = bps >= MIN_BPS && bps <= BPS;
        // Mostly valid rates, sometimes an invalid one that must be rejected.
        if (!inRange && bps % 4 != 0) {
            bps = uint16(bound(bps, MIN_BPS, BPS));
            inRange = true;
        }
        vm.prank(gov);
        try treasury.setEducationBps(bps) {
            if (!inRange) ghostOutOfRangeBpsAccepted++;
        } catch {}
    }

    function safeSpend(uint256 assetSeed, uint256 amount) external {
        address asset = _assets[assetSeed % _assets.length];
        uint256 limit = limitAmount[asset];
        amount = bound(amount, 1, limit + limit / 4 + 1);
        uint256 window = windowOf(asset);
        bool fits = ghostSpentInWindow[asset][window] + amount <= limit;

        vm.prank(safe);
        try treasury.safeSpend(asset, RECIPIENT, amount) {
            if (!fits) ghostSafeSpendsAboveRemainingAccepted++;
            ghostSpentInWindow[asset][window] += amount;
            ghostSafeSpent[asset] += amount;
            if (ghostSpentInWindow[asset][window] > ghostMaxSpentInWindow[asset]) {
                ghostMaxSpentInWindow[asset] = ghostSpentInWindow[asset][window];
            }
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    // ---------------------------------------------------------------------------------------------------------
    // internals
    // ---------------------------------------------------------------------------------------------------------

    function _recordInflow(address asset, uint256 received, uint256 sent, uint256 fundGot, uint256 bps) private {
        uint256 minShare = _ceil(received, MIN_BPS);
        ghostInflows++;
        ghostReceived[asset] += received;
        ghostMinShare[asset] += minShare;
        ghostExpectedShare[asset] += _ceil(received, bps);
        ghostSentToFund[asset] += sent;
        ghostFundReceived[asset] += fundGot;
        // The fee token taxes the forward to the fund too, so for it the treasury's side is what is checked.
        uint256 credited = isFeeToken[asset] ? sent : fundGot;
        if (credited < minShare) ghostInflowsBelowFloor++;
    }

    function _ceil(uint256 amount, uint256 bps) private pure returns (uint256) {
        return (amount * bps + BPS - 1) / BPS;
    }
}
