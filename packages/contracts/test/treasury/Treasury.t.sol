// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {ITreasury} from "../../contracts/treasury/ITreasury.sol";
import {EducationFund} from "../../contracts/treasury/EducationFund.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../mocks/FeeOnTransferERC20.sol";
import {RejectETH} from "../mocks/RejectETH.sol";

contract TreasuryTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint48 internal constant DAY = 1 days;

    Treasury internal treasury;
    EducationFund internal fund;
    MockERC20 internal token;
    MockERC20 internal other;
    FeeOnTransferERC20 internal feeToken;

    address internal gov = address(0x6000);
    address internal safe = address(0x5AFE);
    address internal payer = address(0xB0B);
    address internal recipient = address(0xCAFE);
    address internal stranger = address(0xBAD);

    function setUp() public {
        vm.warp(T0);
        fund = new EducationFund(gov);
        treasury = new Treasury(gov, address(fund), 800, safe);
        token = new MockERC20("Mock", "MCK");
        other = new MockERC20("Other", "OTH");
        feeToken = new FeeOnTransferERC20(100); // 1% burnt on every transfer
        token.mint(payer, 1_000_000e18);
        feeToken.mint(payer, 1_000_000e18);
        vm.startPrank(payer);
        token.approve(address(treasury), type(uint256).max);
        feeToken.approve(address(treasury), type(uint256).max);
        vm.stopPrank();
        vm.deal(payer, 1_000 ether);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _ceilShare(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps + 9_999) / 10_000;
    }

    /// @dev Gives the treasury `amount` of `token` (ERC20) as holdings, not income.
    function _fundTreasury(uint256 amount) internal {
        token.mint(address(treasury), amount);
    }

    function _setLimit(address token_, uint128 amount, uint48 period) internal {
        vm.prank(gov);
        treasury.setSpendingLimit(token_, amount, period);
    }

    // ---------------------------------------------------------------------------------------------------------
    // constructor and views
    // ---------------------------------------------------------------------------------------------------------

    function test_constructor_setsState() public view {
        assertEq(treasury.owner(), gov, "owner");
        assertEq(treasury.educationFund(), address(fund), "education fund");
        assertEq(treasury.educationBps(), 800, "bps");
        assertEq(treasury.safe(), safe, "safe");
        assertEq(treasury.MIN_EDUCATION_BPS(), 800, "floor");
    }

    function test_constructor_emitsInitialSettings() public {
        vm.expectEmit();
        emit ITreasury.EducationBpsSet(0, 1_000);
        vm.expectEmit();
        emit ITreasury.SafeSet(address(0), safe);
        new Treasury(gov, address(fund), 1_000, safe);
    }

    function test_constructor_acceptsNoSafe() public {
        Treasury t = new Treasury(gov, address(fund), 800, address(0));
        assertEq(t.safe(), address(0), "no safe");
    }

    function test_constructor_revertsOnZeroEducationFund() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        new Treasury(gov, address(0), 800, safe);
    }

    function test_constructor_revertsOnBpsBelowFloor() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryEducationBpsOutOfRange.selector, 799));
        new Treasury(gov, address(fund), 799, safe);
    }

    function test_constructor_revertsOnBpsAboveHundredPercent() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryEducationBpsOutOfRange.selector, 10_001));
        new Treasury(gov, address(fund), 10_001, safe);
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new Treasury(address(0), address(fund), 800, safe);
    }

    // ---------------------------------------------------------------------------------------------------------
    // deposit
    // ---------------------------------------------------------------------------------------------------------

    function test_deposit_routesEducationShareInSameTx() public {
        vm.prank(payer);
        uint256 received = treasury.deposit(token, 1_000e18, ITreasury.IncomeSource.ProtocolFee);
        assertEq(received, 1_000e18, "received");
        assertEq(token.balanceOf(address(fund)), 80e18, "education share");
        assertEq(token.balanceOf(address(treasury)), 920e18, "treasury keeps the rest");
        assertEq(token.balanceOf(payer), 1_000_000e18 - 1_000e18, "pulled from payer");
    }

    function test_deposit_roundsEducationShareUp() public {
        vm.startPrank(payer);
        treasury.deposit(token, 1, ITreasury.IncomeSource.Donation); // 0.08 -> 1
        assertEq(token.balanceOf(address(fund)), 1, "1 wei income sends 1 wei");
        assertEq(token.balanceOf(address(treasury)), 0, "nothing kept");
        treasury.deposit(token, 13, ITreasury.IncomeSource.Donation); // 1.04 -> 2
        assertEq(token.balanceOf(address(fund)), 3, "ceil(1.04) = 2");
        treasury.deposit(token, 125, ITreasury.IncomeSource.Donation); // exactly 10
        assertEq(token.balanceOf(address(fund)), 13, "exact share is not rounded");
        vm.stopPrank();
    }

    function test_deposit_emitsIncomeReceivedWithSource() public {
        for (uint8 s = 0; s <= uint8(ITreasury.IncomeSource.Other); s++) {
            ITreasury.IncomeSource source = ITreasury.IncomeSource(s);
            vm.expectEmit();
            emit ITreasury.IncomeReceived(address(token), payer, source, 500, 40);
            vm.prank(payer);
            treasury.deposit(token, 500, source);
        }
    }

    function test_deposit_usesCurrentEducationBps() public {
        vm.prank(gov);
        treasury.setEducationBps(2_500);
        vm.expectEmit();
        emit ITreasury.IncomeReceived(address(token), payer, ITreasury.IncomeSource.TokenSale, 1_000, 250);
        vm.prank(payer);
        treasury.deposit(token, 1_000, ITreasury.IncomeSource.TokenSale);
        assertEq(token.balanceOf(address(fund)), 250, "25%");
        assertEq(token.balanceOf(address(treasury)), 750, "75%");
    }

    function test_deposit_atFullBpsRoutesEverything() public {
        vm.prank(gov);
        treasury.setEducationBps(10_000);
        vm.prank(payer);
        treasury.deposit(token, 777, ITreasury.IncomeSource.Donation);
        assertEq(token.balanceOf(address(fund)), 777, "all to education");
        assertEq(token.balanceOf(address(treasury)), 0, "nothing kept");
    }

    function test_deposit_creditsFeeOnTransferTokenByAmountReceived() public {
        // 10_000 sent, 1% burnt: 9_900 arrive. The share is computed on 9_900: ceil(792) = 792.
        vm.expectEmit();
        emit ITreasury.IncomeReceived(address(feeToken), payer, ITreasury.IncomeSource.ProtocolFee, 9_900, 792);
        vm.prank(payer);
        uint256 received = treasury.deposit(feeToken, 10_000, ITreasury.IncomeSource.ProtocolFee);
        assertEq(received, 9_900, "received");
        assertEq(feeToken.balanceOf(address(treasury)), 9_900 - 792, "treasury keeps received - share");
        // The token also taxes the forward to the fund (792 - 7): a property of the token, not of the treasury.
        assertEq(feeToken.balanceOf(address(fund)), 792 - feeToken.feeOf(792), "fund gets share net of fee");
    }

    function test_deposit_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(payer);
        treasury.deposit(token, 0, ITreasury.IncomeSource.ProtocolFee);
    }

    function test_deposit_revertsOnZeroToken() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        vm.prank(payer);
        treasury.deposit(IERC20(address(0)), 1, ITreasury.IncomeSource.ProtocolFee);
    }

    function test_deposit_revertsWithoutAllowance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(treasury), 0, 1)
        );
        vm.prank(stranger);
        treasury.deposit(token, 1, ITreasury.IncomeSource.ProtocolFee);
    }

    // ---------------------------------------------------------------------------------------------------------
    // depositETH and receive
    // ---------------------------------------------------------------------------------------------------------

    function test_depositETH_routesEducationShare() public {
        vm.expectEmit();
        emit ITreasury.IncomeReceived(address(0), payer, ITreasury.IncomeSource.Donation, 1 ether, 0.08 ether);
        vm.prank(payer);
        treasury.depositETH{value: 1 ether}(ITreasury.IncomeSource.Donation);
        assertEq(address(fund).balance, 0.08 ether, "education share");
        assertEq(address(treasury).balance, 0.92 ether, "treasury keeps the rest");
    }

    function test_depositETH_roundsEducationShareUp() public {
        vm.prank(payer);
        treasury.depositETH{value: 1}(ITreasury.IncomeSource.TokenSale);
        assertEq(address(fund).balance, 1, "1 wei goes to education");
        assertEq(address(treasury).balance, 0, "nothing kept");
    }

    function test_depositETH_revertsOnZeroValue() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryUnexpectedValue.selector, 0));
        vm.prank(payer);
        treasury.depositETH(ITreasury.IncomeSource.Donation);
    }

    function test_depositETH_revertsWhenEducationFundRejectsETH() public {
        Treasury t = new Treasury(gov, address(new RejectETH()), 800, safe);
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        vm.prank(payer);
        t.depositETH{value: 1 ether}(ITreasury.IncomeSource.Donation);
    }

    function test_receive_routesPlainETHAsOther() public {
        vm.expectEmit();
        emit ITreasury.IncomeReceived(address(0), payer, ITreasury.IncomeSource.Other, 2 ether, 0.16 ether);
        vm.prank(payer);
        (bool ok, ) = address(treasury).call{value: 2 ether}("");
        assertTrue(ok, "plain transfer accepted");
        assertEq(address(fund).balance, 0.16 ether, "education share");
        assertEq(address(treasury).balance, 1.84 ether, "treasury keeps the rest");
    }

    function test_receive_revertsOnZeroValue() public {
        vm.prank(payer);
        (bool ok, bytes memory data) = address(treasury).call("");
        assertTrue(!ok, "zero-value transfer rejected");
        assertTrue(
            keccak256(data) == keccak256(abi.encodeWithSelector(ITreasury.TreasuryUnexpectedValue.selector, 0)),
            "TreasuryUnexpectedValue(0)"
        );
    }

    // ---------------------------------------------------------------------------------------------------------
    // spend (governance)
    // ---------------------------------------------------------------------------------------------------------

    function test_spend_paysERC20ByOwner() public {
        _fundTreasury(100);
        vm.expectEmit();
        emit ITreasury.Spent(address(token), recipient, 60, false);
        vm.prank(gov);
        treasury.spend(address(token), recipient, 60);
        assertEq(token.balanceOf(recipient), 60, "recipient");
        assertEq(token.balanceOf(address(treasury)), 40, "treasury");
    }

    function test_spend_paysETHByOwner() public {
        vm.deal(address(treasury), 3 ether);
        vm.expectEmit();
        emit ITreasury.Spent(address(0), recipient, 1 ether, false);
        vm.prank(gov);
        treasury.spend(address(0), recipient, 1 ether);
        assertEq(recipient.balance, 1 ether, "recipient");
        assertEq(address(treasury).balance, 2 ether, "treasury");
    }

    function test_spend_isNotBoundBySafeLimit() public {
        _fundTreasury(1_000);
        _setLimit(address(token), 10, DAY);
        vm.prank(gov);
        treasury.spend(address(token), recipient, 500);
        assertEq(token.balanceOf(recipient), 500, "governance spends freely");
        assertEq(treasury.remainingAllowance(address(token)), 10, "Safe allowance untouched");
    }

    function test_spend_revertsForNonOwner() public {
        _fundTreasury(100);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        treasury.spend(address(token), recipient, 1);
    }

    function test_spend_revertsForSafe() public {
        _fundTreasury(100);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, safe));
        vm.prank(safe);
        treasury.spend(address(token), recipient, 1);
    }

    function test_spend_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(gov);
        treasury.spend(address(token), recipient, 0);
    }

    function test_spend_revertsOnZeroRecipient() public {
        _fundTreasury(100);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        vm.prank(gov);
        treasury.spend(address(token), address(0), 1);
    }

    function test_spend_revertsOnInsufficientETH() public {
        vm.deal(address(treasury), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientBalance.selector, 1 ether, 2 ether));
        vm.prank(gov);
        treasury.spend(address(0), recipient, 2 ether);
    }

    function test_spend_revertsWhenETHRecipientRejects() public {
        vm.deal(address(treasury), 1 ether);
        address rejecter = address(new RejectETH());
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        vm.prank(gov);
        treasury.spend(address(0), rejecter, 1 ether);
    }

    function test_spend_revertsOnInsufficientERC20() public {
        _fundTreasury(5);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, address(treasury), 5, 6)
        );
        vm.prank(gov);
        treasury.spend(address(token), recipient, 6);
    }

    // ---------------------------------------------------------------------------------------------------------
    // safeSpend
    // ---------------------------------------------------------------------------------------------------------

    function test_safeSpend_paysWithinLimit() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.expectEmit();
        emit ITreasury.Spent(address(token), recipient, 4, true);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 4);
        assertEq(treasury.remainingAllowance(address(token)), 6, "remaining after 4");
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 6);
        assertEq(treasury.remainingAllowance(address(token)), 0, "limit used up");
        assertEq(token.balanceOf(recipient), 10, "recipient");
        assertEq(treasury.spendingLimit(address(token)).spent, 10, "spent recorded");
    }

    function test_safeSpend_revertsAboveLimit() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasurySpendingLimitExceeded.selector, address(token), 11, 10)
        );
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 11);
    }

    function test_safeSpend_revertsAboveRemaining() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 4);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasurySpendingLimitExceeded.selector, address(token), 7, 6));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 7);
    }

    function test_safeSpend_revertsForNonSafe() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNotSafe.selector, stranger));
        vm.prank(stranger);
        treasury.safeSpend(address(token), recipient, 1);
    }

    function test_safeSpend_revertsForOwner() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNotSafe.selector, gov));
        vm.prank(gov);
        treasury.safeSpend(address(token), recipient, 1);
    }

    function test_safeSpend_revertsWhenSafeUnset() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.prank(gov);
        treasury.setSafe(address(0));
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNotSafe.selector, safe));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 1);
    }

    function test_safeSpend_revertsOnZeroAmount() public {
        _setLimit(address(token), 10, DAY);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 0);
    }

    function test_safeSpend_revertsOnZeroRecipient() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        vm.prank(safe);
        treasury.safeSpend(address(token), address(0), 1);
    }

    function test_safeSpend_failedPaymentDoesNotConsumeLimit() public {
        vm.deal(address(treasury), 1 ether);
        _setLimit(address(0), 1 ether, DAY);
        address rejecter = address(new RejectETH());
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        vm.prank(safe);
        treasury.safeSpend(address(0), rejecter, 0.5 ether);
        assertEq(treasury.remainingAllowance(address(0)), 1 ether, "limit untouched");
    }

    function test_safeSpend_windowRollsOverAfterPeriod() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 10);

        vm.warp(T0 + DAY - 1);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasurySpendingLimitExceeded.selector, address(token), 1, 0));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 1);

        vm.warp(T0 + DAY);
        assertEq(treasury.remainingAllowance(address(token)), 10, "fresh window");
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 10);
        assertEq(token.balanceOf(recipient), 20, "two windows' worth");
    }

    function test_safeSpend_windowsStayAligned() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);

        // Spending half-way through the second window does not move the window's start to now.
        vm.warp(T0 + DAY + DAY / 2);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 10);
        ITreasury.SpendingLimit memory limit = treasury.spendingLimit(address(token));
        assertEq(limit.windowStart, T0 + DAY, "aligned to the limit's start");
        assertEq(limit.spent, 10, "spent");

        // So the third window opens at T0 + 2 days, not at T0 + 2.5 days.
        vm.warp(T0 + 2 * DAY - 1);
        assertEq(treasury.remainingAllowance(address(token)), 0, "still second window");
        vm.warp(T0 + 2 * DAY);
        assertEq(treasury.remainingAllowance(address(token)), 10, "third window");

        // Skipping several windows lands on the one containing now.
        vm.warp(T0 + 5 * DAY + 7 hours);
        limit = treasury.spendingLimit(address(token));
        assertEq(limit.windowStart, T0 + 5 * DAY, "sixth window");
        assertEq(limit.spent, 0, "reset");
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 3);
        assertEq(treasury.spendingLimit(address(token)).windowStart, T0 + 5 * DAY, "stored aligned");
    }

    function test_safeSpend_zeroLimitDisablesSafe() public {
        _fundTreasury(100);
        // No limit was ever set.
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasurySpendingLimitExceeded.selector, address(token), 1, 0));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 1);

        // A limit set back to zero disables it again.
        _setLimit(address(token), 10, DAY);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 1);
        _setLimit(address(token), 0, 0);
        assertEq(treasury.remainingAllowance(address(token)), 0, "disabled");
        vm.warp(T0 + 10 * DAY);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasurySpendingLimitExceeded.selector, address(token), 1, 0));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 1);
    }

    function test_safeSpend_ethLimitUsesZeroAddress() public {
        vm.deal(address(treasury), 10 ether);
        _setLimit(address(0), 1 ether, DAY);
        vm.expectEmit();
        emit ITreasury.Spent(address(0), recipient, 1 ether, true);
        vm.prank(safe);
        treasury.safeSpend(address(0), recipient, 1 ether);
        assertEq(recipient.balance, 1 ether, "ETH paid");
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasurySpendingLimitExceeded.selector, address(0), 1, 0));
        vm.prank(safe);
        treasury.safeSpend(address(0), recipient, 1);
    }

    function test_safeSpend_limitsArePerToken() public {
        _fundTreasury(100);
        other.mint(address(treasury), 100);
        _setLimit(address(token), 10, DAY);
        _setLimit(address(other), 20, DAY);
        vm.startPrank(safe);
        treasury.safeSpend(address(token), recipient, 10);
        treasury.safeSpend(address(other), recipient, 20);
        vm.stopPrank();
        assertEq(treasury.remainingAllowance(address(token)), 0, "token used up");
        assertEq(treasury.remainingAllowance(address(other)), 0, "other used up");
        assertEq(other.balanceOf(recipient), 20, "other paid");
    }

    // ---------------------------------------------------------------------------------------------------------
    // setEducationBps
    // ---------------------------------------------------------------------------------------------------------

    function test_setEducationBps_raisesRateAndEmitsOldAndNew() public {
        vm.expectEmit();
        emit ITreasury.EducationBpsSet(800, 1_500);
        vm.prank(gov);
        treasury.setEducationBps(1_500);
        assertEq(treasury.educationBps(), 1_500, "raised");

        vm.expectEmit();
        emit ITreasury.EducationBpsSet(1_500, 800);
        vm.prank(gov);
        treasury.setEducationBps(800);
        assertEq(treasury.educationBps(), 800, "back to the floor");
    }

    function test_setEducationBps_acceptsHundredPercent() public {
        vm.prank(gov);
        treasury.setEducationBps(10_000);
        assertEq(treasury.educationBps(), 10_000, "100%");
    }

    function test_setEducationBps_revertsBelowFloor() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryEducationBpsOutOfRange.selector, 799));
        vm.prank(gov);
        treasury.setEducationBps(799);
    }

    function test_setEducationBps_revertsAboveHundredPercent() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryEducationBpsOutOfRange.selector, 10_001));
        vm.prank(gov);
        treasury.setEducationBps(10_001);
    }

    function test_setEducationBps_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, safe));
        vm.prank(safe);
        treasury.setEducationBps(1_000);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setSafe
    // ---------------------------------------------------------------------------------------------------------

    function test_setSafe_appointsNewSafe() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        address newSafe = address(0x5AFE2);
        vm.expectEmit();
        emit ITreasury.SafeSet(safe, newSafe);
        vm.prank(gov);
        treasury.setSafe(newSafe);
        assertEq(treasury.safe(), newSafe, "new safe");

        vm.prank(newSafe);
        treasury.safeSpend(address(token), recipient, 1);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNotSafe.selector, safe));
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 1);
    }

    function test_setSafe_zeroAddressDisablesSafe() public {
        vm.expectEmit();
        emit ITreasury.SafeSet(safe, address(0));
        vm.prank(gov);
        treasury.setSafe(address(0));
        assertEq(treasury.safe(), address(0), "no safe");
    }

    function test_setSafe_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, safe));
        vm.prank(safe);
        treasury.setSafe(stranger);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setSpendingLimit and its views
    // ---------------------------------------------------------------------------------------------------------

    function test_setSpendingLimit_storesLimitAndEmits() public {
        vm.warp(T0 + 123);
        vm.expectEmit();
        emit ITreasury.SpendingLimitSet(address(token), 10, DAY);
        _setLimit(address(token), 10, DAY);
        ITreasury.SpendingLimit memory limit = treasury.spendingLimit(address(token));
        assertEq(limit.amount, 10, "amount");
        assertEq(limit.period, DAY, "period");
        assertEq(limit.windowStart, T0 + 123, "window starts now");
        assertEq(limit.spent, 0, "nothing spent");
        assertEq(treasury.remainingAllowance(address(token)), 10, "remaining");
    }

    function test_setSpendingLimit_startsFreshWindow() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 6);
        vm.warp(T0 + 5 hours);
        _setLimit(address(token), 20, 2 * DAY);
        ITreasury.SpendingLimit memory limit = treasury.spendingLimit(address(token));
        assertEq(limit.windowStart, T0 + 5 hours, "new window");
        assertEq(limit.spent, 0, "spent reset");
        assertEq(treasury.remainingAllowance(address(token)), 20, "new amount");
    }

    function test_setSpendingLimit_revertsOnZeroPeriodWithAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidPeriod.selector, address(token)));
        vm.prank(gov);
        treasury.setSpendingLimit(address(token), 1, 0);
    }

    function test_setSpendingLimit_acceptsZeroAmountAndPeriod() public {
        _setLimit(address(0), 0, 0);
        assertEq(treasury.remainingAllowance(address(0)), 0, "disabled");
        assertEq(treasury.spendingLimit(address(0)).period, 0, "no period");
    }

    function test_setSpendingLimit_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, safe));
        vm.prank(safe);
        treasury.setSpendingLimit(address(token), 1_000, DAY);
    }

    function test_spendingLimit_reportsRolledWindowWithoutWriting() public {
        _fundTreasury(100);
        _setLimit(address(token), 10, DAY);
        vm.prank(safe);
        treasury.safeSpend(address(token), recipient, 7);
        assertEq(treasury.spendingLimit(address(token)).spent, 7, "spent in window");
        assertEq(treasury.remainingAllowance(address(token)), 3, "remaining in window");
        vm.warp(T0 + 3 * DAY + 1);
        ITreasury.SpendingLimit memory limit = treasury.spendingLimit(address(token));
        assertEq(limit.windowStart, T0 + 3 * DAY, "rolled start");
        assertEq(limit.spent, 0, "rolled spent");
        assertEq(limit.amount, 10, "amount");
        assertEq(treasury.remainingAllowance(address(token)), 10, "rolled remaining");
    }

    function test_spendingLimit_isZeroForUnknownToken() public view {
        ITreasury.SpendingLimit memory limit = treasury.spendingLimit(address(other));
        assertEq(limit.amount, 0, "amount");
        assertEq(limit.period, 0, "period");
        assertEq(treasury.remainingAllowance(address(other)), 0, "remaining");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_deposit_routesAtLeastEducationBps(uint256 amount, uint16 bps) public {
        amount = bound(amount, 1, type(uint128).max);
        bps = uint16(bound(bps, 800, 10_000));
        vm.prank(gov);
        treasury.setEducationBps(bps);
        token.mint(payer, amount);
        uint256 fundBefore = token.balanceOf(address(fund));
        uint256 treasuryBefore = token.balanceOf(address(treasury));

        vm.prank(payer);
        uint256 received = treasury.deposit(token, amount, ITreasury.IncomeSource.ProtocolFee);

        uint256 share = token.balanceOf(address(fund)) - fundBefore;
        uint256 kept = token.balanceOf(address(treasury)) - treasuryBefore;
        assertEq(received, amount, "received");
        assertEq(share, _ceilShare(amount, bps), "share is ceil(amount * bps / 10000)");
        assertGe(share, _ceilShare(amount, 800), "never below the floor");
        assertEq(share + kept, amount, "nothing lost");
    }

    function testFuzz_depositETH_routesAtLeastEducationBps(uint256 amount, uint16 bps) public {
        amount = bound(amount, 1, 1e30);
        bps = uint16(bound(bps, 800, 10_000));
        vm.prank(gov);
        treasury.setEducationBps(bps);
        vm.deal(payer, amount);

        vm.prank(payer);
        treasury.depositETH{value: amount}(ITreasury.IncomeSource.Donation);

        assertEq(address(fund).balance, _ceilShare(amount, bps), "share");
        assertGe(address(fund).balance, _ceilShare(amount, 800), "never below the floor");
        assertEq(address(fund).balance + address(treasury).balance, amount, "nothing lost");
    }

    function testFuzz_setEducationBps_acceptsOnlyFloorToHundredPercent(uint16 bps) public {
        if (bps < 800 || bps > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryEducationBpsOutOfRange.selector, bps));
        }
        vm.prank(gov);
        treasury.setEducationBps(bps);
        uint256 current = treasury.educationBps();
        assertTrue(current >= 800 && current <= 10_000, "in range");
    }

    function testFuzz_safeSpend_neverExceedsLimitPerWindow(
        uint128 limitAmount,
        uint48 period,
        uint64[8] memory amounts,
        uint32[8] memory gaps
    ) public {
        limitAmount = uint128(bound(limitAmount, 1, 1e30));
        period = uint48(bound(period, 1, 30 days));
        _fundTreasury(uint256(limitAmount) * 16);
        _setLimit(address(token), limitAmount, period);

        uint256 windowIndex;
        uint256 spentInWindow;
        for (uint256 i = 0; i < amounts.length; i++) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 2 * uint256(period)));
            uint256 index = (block.timestamp - T0) / period;
            if (index != windowIndex) {
                windowIndex = index;
                spentInWindow = 0;
            }
            uint256 amount = bound(amounts[i], 1, uint256(limitAmount) + 1);
            uint256 remaining = limitAmount - spentInWindow;
            assertEq(treasury.remainingAllowance(address(token)), remaining, "remaining matches the model");
            assertEq(treasury.spendingLimit(address(token)).windowStart, T0 + index * period, "aligned window");
            if (amount > remaining) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ITreasury.TreasurySpendingLimitExceeded.selector,
                        address(token),
                        amount,
                        remaining
                    )
                );
            } else {
                spentInWindow += amount;
            }
            vm.prank(safe);
            treasury.safeSpend(address(token), recipient, amount);
            assertLe(spentInWindow, limitAmount, "spent within limit");
        }
    }
}
