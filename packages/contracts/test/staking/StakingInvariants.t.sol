// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";
import {StakingHandler} from "./StakingHandler.sol";

/// @dev The invariants of the Staking contract header, checked after random sequences of handler calls.
contract StakingInvariantsTest is InvariantTest {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant FUNDS = 1_000_000e18;
    address internal constant GOV = address(0x6000);

    AIDAOToken internal token;
    Staking internal staking;
    StakingHandler internal handler;
    uint256 internal _initialHeld;

    function setUp() public {
        vm.warp(T0);
        address me = address(this);
        token = new AIDAOToken(AIDAOToken.Allocation(me, me, me, me, me, me, me));
        staking = new Staking(token, GOV, 7 days);
        uint256[] memory keys = new uint256[](4);
        keys[0] = 0xA11CE;
        keys[1] = 0xB0B;
        keys[2] = 0xCA201;
        keys[3] = 0xDA7E;
        handler = new StakingHandler(staking, token, GOV, keys);
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; i++) {
            // Uneven holdings, so that amounts differ in magnitude.
            token.transfer(actors[i], FUNDS * (i + 1));
            _initialHeld += FUNDS * (i + 1);
        }
        targetContract(address(handler));
    }

    function invariant_totalStakedEqualsTokenBalance() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i = 0; i < actors.length; i++) {
            sum += staking.stakedBalanceOf(actors[i]);
        }
        uint256 total = staking.totalStaked();
        assertEq(total, token.balanceOf(address(staking)), "totalStaked == custody");
        assertEq(total, sum, "totalStaked == sum of stakedBalanceOf");
        assertEq(total, handler.ghostStaked() - handler.ghostUnstaked(), "totalStaked == ghost");
    }

    function invariant_stakedBalanceMatchesGhost() public view {
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; i++) {
            address a = actors[i];
            assertEq(
                staking.stakedBalanceOf(a),
                handler.ghostStakedOf(a) - handler.ghostUnstakedOf(a),
                "stakedBalanceOf == ghost"
            );
        }
    }

    function invariant_maturedBalanceLeStakedBalance() public view {
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; i++) {
            address a = actors[i];
            uint256 matured = staking.maturedBalanceOf(a);
            assertLe(matured, staking.stakedBalanceOf(a), "matured <= staked");
            assertEq(matured, handler.ghostMatured(a), "matured == ghost lots");
        }
    }

    function invariant_sumOfVotesLeMaturedStake() public view {
        address[] memory actors = handler.actors();
        address[] memory delegates = handler.delegatesList();
        uint256 votes;
        for (uint256 i = 0; i < delegates.length; i++) {
            votes += staking.getVotes(delegates[i]);
        }
        uint256 matured;
        uint256 undelegated;
        for (uint256 i = 0; i < actors.length; i++) {
            uint256 m = staking.maturedBalanceOf(actors[i]);
            matured += m;
            if (staking.delegates(actors[i]) == address(0)) undelegated += m;
        }
        assertLe(votes, matured, "sum of votes <= sum of matured stake");
        assertEq(votes + undelegated, matured, "every matured token counts once, unless delegated to nobody");
        assertEq(staking.getVotes(address(0)), 0, "nobody has no votes");
    }

    function invariant_votesEqualMaturedStakeDelegated() public view {
        address[] memory delegates = handler.delegatesList();
        for (uint256 i = 0; i < delegates.length; i++) {
            assertEq(staking.getVotes(delegates[i]), handler.ghostVotes(delegates[i]), "getVotes == ghost");
        }
    }

    /// @dev getPastTotalSupply(t) and getPastVotes(d, t), for every past t the handler left, equal what the
    /// ghosts said at t: history never changes, and the total supply is the matured stake of everyone.
    function invariant_pastTotalSupplyEqualsMaturedStake() public view {
        uint256[] memory times = handler.snapshotTimes();
        address[] memory delegates = handler.delegatesList();
        for (uint256 i = 0; i < times.length; i++) {
            uint256 t = times[i];
            uint256 supply = staking.getPastTotalSupply(t);
            assertEq(supply, handler.snapshotSupply(t) - 1, "past supply == ghost");
            uint256 votes;
            for (uint256 j = 0; j < delegates.length; j++) {
                uint256 v = staking.getPastVotes(delegates[j], t);
                assertEq(v, handler.snapshotVotes(t, delegates[j]), "past votes == ghost");
                votes += v;
            }
            assertLe(votes, supply, "past votes <= past supply");
        }
    }

    function invariant_maturesAtMonotone() public view {
        assertEq(handler.ghostWrongMaturities(), 0, "maturesAt == max(now + period + 1, previous)");
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; i++) {
            assertEq(staking.maturesAt(actors[i]), handler.ghostMaturesAt(actors[i]), "maturesAt == ghost");
            assertLe(staking.maturesAt(actors[i]), handler.ghostLastMaturity(), "maturesAt <= latest");
        }
    }

    function invariant_unstakePaysExactPrincipal() public view {
        assertEq(handler.ghostWrongPayouts(), 0, "unstake paid a different amount");
        assertEq(handler.ghostEarlyUnstakesAccepted(), 0, "unstaked more than matured");
    }

    function invariant_noDelegationWhileMaturing() public view {
        assertEq(handler.ghostDelegationsWhileMaturingAccepted(), 0, "delegated while maturing");
    }

    function invariant_totalSupplyConstant() public view {
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY(), "total supply");
        address[] memory actors = handler.actors();
        uint256 held = token.balanceOf(address(staking));
        for (uint256 i = 0; i < actors.length; i++) {
            held += token.balanceOf(actors[i]);
        }
        assertEq(held, _initialHeld, "tokens neither created nor lost");
    }
}
