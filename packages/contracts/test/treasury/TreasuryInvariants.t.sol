// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {ITreasury} from "../../contracts/treasury/ITreasury.sol";
import {EducationFund} from "../../contracts/treasury/EducationFund.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../mocks/FeeOnTransferERC20.sol";
import {TreasuryHandler} from "./TreasuryHandler.sol";

contract TreasuryInvariantsTest is InvariantTest {
    uint256 internal constant HOLDINGS = 1e30;

    Treasury internal treasury;
    EducationFund internal fund;
    TreasuryHandler internal handler;
    FeeOnTransferERC20 internal feeToken;
    address internal gov = address(0x6000);
    address internal safe = address(0x5AFE);

    function setUp() public {
        vm.warp(1_700_000_000);
        fund = new EducationFund(gov);
        treasury = new Treasury(gov, address(fund), 800, safe);
        MockERC20 a = new MockERC20("A", "A");
        MockERC20 b = new MockERC20("B", "B");
        feeToken = new FeeOnTransferERC20(250);
        vm.startPrank(gov);
        treasury.setSpendingLimit(address(0), 5 ether, 1 days);
        treasury.setSpendingLimit(address(a), 1_000e18, 12 hours);
        treasury.setSpendingLimit(address(b), 1, 1 hours); // a tiny limit: most spends are rejected
        treasury.setSpendingLimit(address(feeToken), 77e18, 2 days);
        vm.stopPrank();
        handler = new TreasuryHandler(treasury, gov, safe, a, b, feeToken);

        // Holdings the Safe can spend from (transferred directly: not income).
        vm.deal(address(treasury), HOLDINGS);
        a.mint(address(treasury), HOLDINGS);
        b.mint(address(treasury), HOLDINGS);
        feeToken.mint(address(treasury), HOLDINGS);

        targetContract(address(handler));
    }

    /// @dev Treasury header: every inflow of `amount` sends at least ceil(amount * MIN_EDUCATION_BPS / 10_000) to
    /// the EducationFund.
    function invariant_educationReceivesAtLeastMinShareOfEveryInflow() public view {
        assertEq(handler.ghostInflowsBelowFloor(), 0, "an inflow sent less than the floor");
        address[] memory assets = handler.assets();
        for (uint256 i = 0; i < assets.length; i++) {
            address asset = assets[i];
            assertGe(handler.ghostSentToFund(asset), handler.ghostMinShare(asset), "sum of shares below floor");
            assertEq(handler.ghostSentToFund(asset), handler.ghostExpectedShare(asset), "share != ceil(bps rate)");
            uint256 fundBalance = asset == address(0) ? address(fund).balance : IERC20(asset).balanceOf(address(fund));
            assertEq(fundBalance, handler.ghostFundReceived(asset), "fund balance != what it received");
            if (asset != address(feeToken)) {
                assertGe(fundBalance, handler.ghostMinShare(asset), "fund holds less than the floor");
            }
        }
    }

    /// @dev Treasury header: educationBps() is always in [MIN_EDUCATION_BPS, 10_000].
    function invariant_educationBpsWithinFloorAndHundredPercent() public view {
        uint256 bps = treasury.educationBps();
        assertGe(bps, treasury.MIN_EDUCATION_BPS(), "below floor");
        assertLe(bps, 10_000, "above 100%");
        assertEq(handler.ghostOutOfRangeBpsAccepted(), 0, "an out-of-range rate was accepted");
    }

    /// @dev Treasury header: in every window the Safe spends at most its limit for each token.
    function invariant_safeSpendsAtMostLimitPerWindow() public view {
        assertEq(handler.ghostSafeSpendsAboveRemainingAccepted(), 0, "a spend above the remaining was accepted");
        address[] memory assets = handler.assets();
        for (uint256 i = 0; i < assets.length; i++) {
            address asset = assets[i];
            uint256 limit = handler.limitAmount(asset);
            assertLe(handler.ghostMaxSpentInWindow(asset), limit, "window spent above limit");
            ITreasury.SpendingLimit memory current = treasury.spendingLimit(asset);
            uint256 window = handler.windowOf(asset);
            assertEq(current.spent, handler.ghostSpentInWindow(asset, window), "current window spent");
            assertEq(
                current.windowStart,
                handler.limitStart(asset) + window * handler.limitPeriod(asset),
                "window aligned to the limit's start"
            );
            assertEq(treasury.remainingAllowance(asset), limit - current.spent, "remaining");
        }
    }

    /// @dev Accounting: the treasury holds its holdings plus what it received, minus education shares, minus Safe
    /// spends (governance does not spend in this handler).
    function invariant_treasuryBalanceMatchesGhostAccounting() public view {
        address[] memory assets = handler.assets();
        for (uint256 i = 0; i < assets.length; i++) {
            address asset = assets[i];
            uint256 balance =
                asset == address(0) ? address(treasury).balance : IERC20(asset).balanceOf(address(treasury));
            assertEq(
                balance,
                HOLDINGS +
                    handler.ghostReceived(asset) -
                    handler.ghostSentToFund(asset) -
                    handler.ghostSafeSpent(asset),
                "treasury balance"
            );
        }
    }
}
