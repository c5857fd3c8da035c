// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ChildTimelock} from "../../contracts/factory/ChildTimelock.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";
import {IVenturePriceSource} from "../../contracts/venture/IVenturePriceSource.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureGovernor} from "../../contracts/venture/VentureGovernor.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {VentureGovernorHandler} from "./VentureGovernorHandler.sol";

/// @dev The invariants of the VentureGovernor header, checked after random sequences of deposits, stakes, unstakes,
/// delegations, receipt transfers, proposals, ballots and time warps.
contract VentureGovernorInvariantsTest is InvariantTest {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant POINT = 1e18;
    uint8 internal constant INVESTOR_WEIGHT = 60;
    uint16 internal constant QUORUM = 4;

    AIDAOToken internal token;
    Staking internal staking;
    MockERC20 internal usd;
    VentureReceipts internal receipts;
    VentureFund internal fund;
    VentureGovernor internal governor;
    VentureGovernorHandler internal handler;

    function setUp() public {
        vm.warp(T0);
        address me = address(this);
        token = new AIDAOToken(AIDAOToken.Allocation(me, me, me, me, me, me, me));
        staking = new Staking(token, address(0x6000), 7 days);
        usd = new MockERC20("Dollar", "USD");

        fund = VentureFund(Clones.clone(address(new VentureFund())));
        receipts = VentureReceipts(Clones.clone(address(new VentureReceipts())));
        receipts.initialize("Venture Receipt", "VRCPT", address(fund));
        fund.initialize(me, receipts, new MockDAORegistry());
        fund.acceptToken(address(usd), IVenturePriceSource(address(0)), type(uint32).max);
        fund.setPrice(address(usd), 1e18);
        uint256 roundId = fund.openRound(type(uint128).max, uint64(T0 + 3650 days), uint64(T0 + 3650 days));

        governor = VentureGovernor(payable(Clones.clone(address(new VentureGovernor()))));
        ChildTimelock timelock = ChildTimelock(
            payable(
                Clones.cloneWithImmutableArgs(
                    address(new ChildTimelock()),
                    abi.encode(ChildTimelock.Args(address(governor), address(0), 2 days))
                )
            )
        );
        governor.initialize(
            VentureGovernor.Settings({
                name: "Venture DAO",
                receipts: IVotes(address(receipts)),
                staking: IVotes(address(staking)),
                timelock: timelock,
                investorWeight: INVESTOR_WEIGHT,
                votingDelay: 1 days,
                votingPeriod: 7 days,
                proposalThreshold: 0,
                quorumPercent: QUORUM
            })
        );

        address[] memory actors = new address[](4);
        for (uint256 i = 0; i < actors.length; i++) actors[i] = address(uint160(0xAC7000 + i));
        handler = new VentureGovernorHandler(governor, fund, receipts, staking, token, usd, roundId, actors);
        token.transfer(address(handler), 100_000_000e18);
        // Everyone starts with receipts (delegated to themselves) and stake, matured, and there is one proposal.
        for (uint256 i = 0; i < actors.length; i++) {
            handler.invest(i, (i + 1) * 1_000e18);
            handler.stake(i, (4 - i) * 1_000e18);
            handler.delegateReceipts(i, i);
        }
        vm.warp(block.timestamp + 7 days + 1);
        handler.propose(0);
        targetContract(address(handler));
    }

    function invariant_tallyEqualsGhost() public view {
        uint256[] memory ids = handler.proposalIds();
        for (uint256 i = 0; i < ids.length; i++) {
            VentureGovernor.Tally memory t = governor.proposalTally(ids[i]);
            VentureGovernor.Tally memory g = handler.ghostTally(ids[i]);
            assertEq(t.investorFor, g.investorFor, "investor for");
            assertEq(t.investorAgainst, g.investorAgainst, "investor against");
            assertEq(t.investorAbstain, g.investorAbstain, "investor abstain");
            assertEq(t.holderFor, g.holderFor, "holder for");
            assertEq(t.holderAgainst, g.holderAgainst, "holder against");
            assertEq(t.holderAbstain, g.holderAbstain, "holder abstain");
        }
    }

    /// @dev Combined for + combined against == Σ weights of the sides with votes cast × 1e18 (the for share is in
    /// [0, 1]), and each side contributes weight × for / (for + against), rounded down.
    function invariant_combinedWithinUnitInterval() public view {
        uint256[] memory ids = handler.proposalIds();
        for (uint256 i = 0; i < ids.length; i++) {
            VentureGovernor.Tally memory t = governor.proposalTally(ids[i]);
            (uint256 f, uint256 a) = governor.combinedVotes(ids[i]);
            (uint256 fi, uint256 ai) = _side(INVESTOR_WEIGHT, t.investorFor, t.investorAgainst);
            (uint256 fh, uint256 ah) = _side(100 - INVESTOR_WEIGHT, t.holderFor, t.holderAgainst);
            assertEq(f + a, fi + ai + fh + ah, "for + against == weights of the sides with votes");
            assertLe(f, 100 * POINT, "for share <= 1");
            assertEq(f, fi + fh, "combined for == formula");
            assertEq(a, ai + ah, "combined against == formula");
        }
    }

    /// @dev What a side counted never exceeds that side's supply at the snapshot: nobody's votes count twice, and
    /// nothing acquired after the snapshot counts.
    function invariant_tallyWithinSupplyAtSnapshot() public view {
        uint256[] memory ids = handler.proposalIds();
        for (uint256 i = 0; i < ids.length; i++) {
            uint256 snapshot = governor.proposalSnapshot(ids[i]);
            if (snapshot >= block.timestamp) continue;
            VentureGovernor.Tally memory t = governor.proposalTally(ids[i]);
            assertLe(
                uint256(t.investorFor) + t.investorAgainst + t.investorAbstain,
                receipts.getPastTotalSupply(snapshot),
                "investor votes <= receipts supply at the snapshot"
            );
            assertLe(
                uint256(t.holderFor) + t.holderAgainst + t.holderAbstain,
                staking.getPastTotalSupply(snapshot),
                "holder votes <= matured stake at the snapshot"
            );
        }
    }

    /// @dev Once voting ended, a proposal succeeded exactly when combined for > combined against and each side's
    /// for + abstain reached its quorum at the snapshot.
    function invariant_outcomeFollowsRules() public view {
        uint256[] memory ids = handler.proposalIds();
        for (uint256 i = 0; i < ids.length; i++) {
            if (governor.proposalDeadline(ids[i]) >= block.timestamp) continue;
            VentureGovernor.Tally memory t = governor.proposalTally(ids[i]);
            (uint256 f, uint256 a) = governor.combinedVotes(ids[i]);
            (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(ids[i]));
            bool quorum =
                uint256(t.investorFor) + t.investorAbstain >= qi && uint256(t.holderFor) + t.holderAbstain >= qh;
            IGovernor.ProposalState expected =
                f > a && quorum ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated;
            assertEq(uint256(governor.state(ids[i])), uint256(expected), "outcome");
        }
    }

    function invariant_oneBallotPerVoterWithItsSnapshotWeight() public view {
        assertEq(handler.ghostDoubleVotesAccepted(), 0, "a second ballot was accepted");
        assertEq(handler.ghostWrongWeights(), 0, "a ballot weighed other than receipts + stake at the snapshot");
        assertEq(handler.ghostFirstVotesRefused(), 0, "a first ballot on an active proposal was refused");
    }

    function invariant_quorumsArePercentOfSupply() public view {
        uint256[] memory ids = handler.proposalIds();
        for (uint256 i = 0; i < ids.length; i++) {
            uint256 snapshot = governor.proposalSnapshot(ids[i]);
            if (snapshot >= block.timestamp) continue;
            (uint256 qi, uint256 qh) = governor.sideQuorums(snapshot);
            assertEq(qi, Math.mulDiv(receipts.getPastTotalSupply(snapshot), QUORUM, 100), "investor quorum");
            assertEq(qh, Math.mulDiv(staking.getPastTotalSupply(snapshot), QUORUM, 100), "holder quorum");
        }
    }

    function _side(uint256 weight, uint256 f, uint256 a) internal pure returns (uint256, uint256) {
        if (f + a == 0) return (0, 0);
        uint256 sideFor = Math.mulDiv(weight * POINT, f, f + a);
        return (sideFor, weight * POINT - sideFor);
    }
}
