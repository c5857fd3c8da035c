// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {IStaking} from "../../contracts/staking/IStaking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";

contract StakingTest is Test {
    AIDAOToken internal token;
    Staking internal staking;
    address internal alice = address(0xA11CE);
    address internal gov = address(0x6000);

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new AIDAOToken(AIDAOToken.Allocation(alice, alice, alice, alice, alice, alice, alice));
        staking = new Staking(token, gov, 7 days);
    }

    function test_stake_countsOnlyAfterMinimumPeriod() public {
        vm.startPrank(alice);
        token.approve(address(staking), 100e18);
        uint256 t0 = block.timestamp;
        staking.stake(100e18);
        vm.stopPrank();
        vm.warp(t0 + 7 days + 2);
        assertEq(staking.getPastVotes(alice, t0 + 7 days - 1), 0, "before");
        assertEq(staking.getPastVotes(alice, t0 + 7 days), 0, "at boundary");
        assertEq(staking.getPastVotes(alice, t0 + 7 days + 1), 100e18, "after");
    }

    function testFuzz_unstake_returnsPrincipal(uint96 amount) public {
        amount = uint96(bound(amount, 1, 1_000_000_000e18));
        vm.startPrank(alice);
        token.approve(address(staking), amount);
        staking.stake(amount);
        vm.warp(block.timestamp + 7 days + 1);
        uint256 before = token.balanceOf(alice);
        staking.unstake(amount);
        vm.stopPrank();
        assertEq(token.balanceOf(alice) - before, amount, "principal");
    }
}
