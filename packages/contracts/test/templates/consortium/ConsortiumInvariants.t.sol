// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Consortium} from "../../../contracts/templates/consortium/Consortium.sol";
import {IConsortium} from "../../../contracts/templates/consortium/IConsortium.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {ConsortiumHandler} from "./ConsortiumHandler.sol";

/// @dev The invariants of the Consortium contract header, checked after random sequences of handler calls.
contract ConsortiumInvariantsTest is InvariantTest {
    address internal constant EXECUTOR = address(0xE8EC);

    Consortium internal consortium;
    ConsortiumHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address[] memory pool = new address[](6);
        for (uint256 i = 0; i < pool.length; i++) pool[i] = address(uint160(0xA000 + i));
        address[] memory tokens = new address[](2);
        tokens[0] = address(new TemplateMockERC20("A", "A"));
        tokens[1] = address(new TemplateMockERC20("B", "B"));

        address[] memory members = new address[](3);
        uint256[] memory weights = new uint256[](3);
        uint16[] memory shares = new uint16[](3);
        for (uint256 i = 0; i < 3; i++) {
            members[i] = pool[i];
            weights[i] = (i + 1) * 1e18;
        }
        shares[0] = 5_000;
        shares[1] = 3_000;
        shares[2] = 2_000;
        consortium = Consortium(Clones.clone(address(new Consortium())));
        consortium.initialize(EXECUTOR, members, weights, shares, true);
        handler = new ConsortiumHandler(consortium, EXECUTOR, tokens, pool);
        targetContract(address(handler));
    }

    /// @dev Every call the handler made was accepted or refused exactly as the rules say.
    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.ghostViolations(), 0, "a call was accepted or refused against the rules");
    }

    /// @dev Consortium header: 1 <= memberCount() <= MAX_MEMBERS and the members' shares sum to 10_000.
    function invariant_sharesSumTo10000() public view {
        address[] memory members = consortium.members();
        assertGe(members.length, 1, "no members");
        assertLe(members.length, consortium.MAX_MEMBERS(), "too many members");
        uint256 sum;
        for (uint256 i = 0; i < members.length; i++) sum += consortium.memberInfo(members[i]).shareBps;
        assertEq(sum, 10_000, "shares do not sum to 10_000");
        assertEq(consortium.totalShareBps(), 10_000, "totalShareBps");
    }

    /// @dev Consortium header: totalUnits() == the sum of the members' units; votes are those units, delegated.
    function invariant_votesTotalEqualsMemberUnits() public view {
        address[] memory pool = handler.pool();
        uint256 units;
        uint256 delegated;
        uint256 votes;
        for (uint256 i = 0; i < pool.length; i++) {
            IConsortium.MemberInfo memory info = consortium.memberInfo(pool[i]);
            if (!info.isMember) assertEq(info.units, 0, "a non-member holds units");
            units += info.units;
            if (consortium.delegates(pool[i]) != address(0)) delegated += info.units;
            votes += consortium.getVotes(pool[i]);
        }
        assertEq(consortium.totalUnits(), units, "total units != sum of member units");
        assertEq(votes, delegated, "votes != units delegated to someone");
    }

    /// @dev Consortium header: totalClaimed + the sum of claimable + undistributed == totalDistributed, and the
    /// consortium holds at least what it owes.
    function invariant_claimsNeverExceedDistributions() public view {
        address[] memory tokens = handler.tokens();
        address[] memory pool = handler.pool();
        for (uint256 t = 0; t < tokens.length; t++) {
            address token = tokens[t];
            uint256 owed = consortium.undistributed(token);
            for (uint256 i = 0; i < pool.length; i++) owed += consortium.claimable(pool[i], token);
            uint256 claimed = consortium.totalClaimed(token);
            uint256 distributed = consortium.totalDistributed(token);
            assertEq(claimed + owed, distributed, "claimed + claimable + undistributed != distributed");
            assertLe(claimed, distributed, "claimed > distributed");
            assertEq(distributed, handler.ghostDistributed(token), "distributed != ghost");
            assertEq(claimed, handler.ghostClaimed(token), "claimed != ghost");
            assertEq(IERC20(token).balanceOf(address(consortium)), owed, "balance != what is owed");
        }
    }
}
