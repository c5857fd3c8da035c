// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {VestingWalletCliff} from "@openzeppelin/contracts/finance/VestingWalletCliff.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";
import {AIDAOVesting} from "../../contracts/token/AIDAOVesting.sol";

contract AIDAOVestingTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint64 internal constant START = uint64(T0 + 30 days);
    uint64 internal constant DURATION = 4 * 365 days;
    uint64 internal constant CLIFF = 365 days;
    uint256 internal constant TEAM_ALLOCATION = 200_000_000e18;

    address internal beneficiary = address(0xBEEF);
    address internal newBeneficiary = address(0xBEEF2);
    address internal anyone = address(0xA11);
    address internal holder = address(0x4011);

    AIDAOToken internal token;
    AIDAOVesting internal vesting;

    function setUp() public {
        vm.warp(T0);
        vesting = new AIDAOVesting(beneficiary, START, DURATION, CLIFF);
        // The team allocation is minted straight into its vesting wallet, as the deploy module does.
        token = new AIDAOToken(AIDAOToken.Allocation(holder, address(vesting), holder, holder, holder, holder, holder));
    }

    function _expectedVested(uint256 total, uint256 t) internal pure returns (uint256) {
        if (t < START + CLIFF) return 0;
        if (t >= START + DURATION) return total;
        return (total * (t - START)) / DURATION;
    }

    // ================================================================ constructor

    function test_constructor_setsSchedule() public view {
        assertEq(vesting.owner(), beneficiary, "beneficiary owns the wallet");
        assertEq(vesting.start(), START, "start");
        assertEq(vesting.duration(), DURATION, "duration");
        assertEq(vesting.end(), START + DURATION, "end");
        assertEq(vesting.cliff(), START + CLIFF, "cliff");
        assertEq(token.balanceOf(address(vesting)), TEAM_ALLOCATION, "funded");
    }

    function test_constructor_revertsIfCliffLongerThanDuration() public {
        vm.expectRevert(
            abi.encodeWithSelector(VestingWalletCliff.InvalidCliffDuration.selector, DURATION + 1, DURATION)
        );
        new AIDAOVesting(beneficiary, START, DURATION, DURATION + 1);
    }

    function test_constructor_acceptsCliffEqualToDuration() public {
        AIDAOVesting v = new AIDAOVesting(beneficiary, START, DURATION, DURATION);
        assertEq(v.cliff(), v.end(), "all at the end");
    }

    function test_constructor_revertsIfZeroBeneficiary() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new AIDAOVesting(address(0), START, DURATION, CLIFF);
    }

    // ================================================================ schedule

    function test_releasable_zeroBeforeCliff() public {
        assertEq(vesting.releasable(address(token)), 0, "before start");
        vm.warp(START);
        assertEq(vesting.releasable(address(token)), 0, "at start");
        vm.warp(START + CLIFF - 1);
        assertEq(vesting.releasable(address(token)), 0, "one second before the cliff");
        assertEq(vesting.vestedAmount(address(token), uint64(START + CLIFF - 1)), 0, "vestedAmount");
    }

    function test_release_beforeCliffSendsNothing() public {
        vm.warp(START + CLIFF - 1);
        vm.expectEmit();
        emit VestingWallet.ERC20Released(address(token), 0);
        vesting.release(address(token));
        assertEq(token.balanceOf(beneficiary), 0, "nothing");
        assertEq(token.balanceOf(address(vesting)), TEAM_ALLOCATION, "all still held");
    }

    function test_releasable_linearAfterCliff() public {
        vm.warp(START + CLIFF);
        assertEq(vesting.releasable(address(token)), TEAM_ALLOCATION / 4, "a quarter at the one-year cliff");
        vm.warp(START + DURATION / 2);
        assertEq(vesting.releasable(address(token)), TEAM_ALLOCATION / 2, "half at mid-way");
        vm.warp(START + (DURATION * 3) / 4);
        assertEq(vesting.releasable(address(token)), (TEAM_ALLOCATION * 3) / 4, "three quarters");
    }

    function test_releasable_everythingAtEnd() public {
        vm.warp(START + DURATION - 1);
        assertLe(vesting.releasable(address(token)), TEAM_ALLOCATION - 1, "not all before the end");
        vm.warp(START + DURATION);
        assertEq(vesting.releasable(address(token)), TEAM_ALLOCATION, "all at the end");
        vm.warp(START + DURATION + 365 days);
        assertEq(vesting.releasable(address(token)), TEAM_ALLOCATION, "and after");
    }

    function testFuzz_vestedAmount_matchesSchedule(uint64 t) public view {
        t = uint64(bound(t, 0, START + 2 * uint256(DURATION)));
        assertEq(vesting.vestedAmount(address(token), t), _expectedVested(TEAM_ALLOCATION, t), "cliff then linear");
    }

    // ================================================================ release

    function test_release_sendsToBeneficiary() public {
        vm.warp(START + DURATION / 2);
        vm.prank(anyone); // anyone may trigger it; the tokens go to the beneficiary
        vm.expectEmit();
        emit VestingWallet.ERC20Released(address(token), TEAM_ALLOCATION / 2);
        vesting.release(address(token));
        assertEq(token.balanceOf(beneficiary), TEAM_ALLOCATION / 2, "beneficiary");
        assertEq(token.balanceOf(anyone), 0, "caller");
        assertEq(vesting.released(address(token)), TEAM_ALLOCATION / 2, "released");
        assertEq(vesting.releasable(address(token)), 0, "nothing more now");
        vm.warp(START + DURATION);
        vesting.release(address(token));
        assertEq(token.balanceOf(beneficiary), TEAM_ALLOCATION, "everything");
        assertEq(token.balanceOf(address(vesting)), 0, "empty");
    }

    function test_release_etherSendsToBeneficiary() public {
        vm.deal(address(vesting), 8 ether);
        vm.warp(START + CLIFF - 1);
        vesting.release();
        assertEq(beneficiary.balance, 0, "nothing before the cliff");
        vm.warp(START + CLIFF);
        vm.expectEmit();
        emit VestingWallet.EtherReleased(2 ether);
        vesting.release();
        assertEq(beneficiary.balance, 2 ether, "a quarter");
        assertEq(vesting.released(), 2 ether, "released");
        vm.warp(START + DURATION);
        vesting.release();
        assertEq(beneficiary.balance, 8 ether, "all");
    }

    function test_receive_acceptsEther() public {
        vm.deal(anyone, 1 ether);
        vm.prank(anyone);
        (bool ok, ) = address(vesting).call{value: 1 ether}("");
        assertTrue(ok, "receive");
        assertEq(address(vesting).balance, 1 ether, "held");
    }

    function test_release_topUpVestsOnSameSchedule() public {
        vm.warp(START + DURATION / 2);
        vesting.release(address(token));
        vm.prank(holder);
        token.transfer(address(vesting), 100e18);
        // Half of the (grown) total allocation has vested; half of the original was already released.
        assertEq(vesting.releasable(address(token)), 50e18, "half of the top-up");
    }

    function testFuzz_release_neverExceedsAllocation(uint64 t1, uint64 t2) public {
        t1 = uint64(bound(t1, T0, START + 2 * uint256(DURATION)));
        t2 = uint64(bound(t2, t1, START + 2 * uint256(DURATION)));
        vm.warp(t1);
        vesting.release(address(token));
        assertEq(token.balanceOf(beneficiary), _expectedVested(TEAM_ALLOCATION, t1), "first release");
        vm.warp(t2);
        vesting.release(address(token));
        assertEq(token.balanceOf(beneficiary), _expectedVested(TEAM_ALLOCATION, t2), "second release");
        assertEq(token.balanceOf(beneficiary) + token.balanceOf(address(vesting)), TEAM_ALLOCATION, "conserved");
    }

    // ================================================================ beneficiary transfer

    function test_transferOwnership_movesBeneficiary() public {
        vm.warp(START + CLIFF);
        vesting.release(address(token));
        assertEq(token.balanceOf(beneficiary), TEAM_ALLOCATION / 4, "old beneficiary got the first quarter");

        vm.prank(beneficiary);
        vm.expectEmit();
        emit Ownable.OwnershipTransferred(beneficiary, newBeneficiary);
        vesting.transferOwnership(newBeneficiary);
        assertEq(vesting.owner(), newBeneficiary, "new owner");

        vm.warp(START + DURATION);
        vesting.release(address(token));
        assertEq(token.balanceOf(newBeneficiary), (TEAM_ALLOCATION * 3) / 4, "new beneficiary gets the rest");
        assertEq(token.balanceOf(beneficiary), TEAM_ALLOCATION / 4, "old beneficiary gets nothing more");
    }

    function test_transferOwnership_revertsIfNotOwner() public {
        vm.prank(anyone);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, anyone));
        vesting.transferOwnership(anyone);
    }

    function test_transferOwnership_revertsIfZero() public {
        vm.prank(beneficiary);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        vesting.transferOwnership(address(0));
    }
}
