// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ChildTimelock} from "../../contracts/factory/ChildTimelock.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";
import {IVentureFund} from "../../contracts/venture/IVentureFund.sol";
import {IVenturePriceSource} from "../../contracts/venture/IVenturePriceSource.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureGovernor} from "../../contracts/venture/VentureGovernor.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {GovernorBlockVotes} from "../mocks/venture/GovernorBlockVotes.sol";

/// @dev The venture governor on real receipts (a VentureFund clone minting VentureReceipts, one value unit per USD at
/// a governance price of 1e18) and real AIDAO staking, with a ChildTimelock clone as its executor, as the venture
/// template wires it. Investors hold 60% of every vote and AIDAO holders 40%; each side's quorum is 4% of its supply.
contract VentureGovernorTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint64 internal constant STAKE_PERIOD = 7 days;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 7 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint16 internal constant QUORUM = 4;
    uint8 internal constant INVESTOR_WEIGHT = 60;
    /// @dev One point of the combined result (points of 100 with 18 decimals).
    uint256 internal constant POINT = 1e18;

    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    /// @dev Bounds of fuzzed positions: receipts value, and stake (the test holds the whole 1e27 AIDAO supply).
    uint256 internal constant MAX_RECEIPTS = 1e30;
    uint256 internal constant MAX_STAKE = 1e26;

    string internal constant BLOCK_CLOCK = "mode=blocknumber&from=default";
    string internal constant TIMESTAMP_CLOCK = "mode=timestamp";

    AIDAOToken internal token;
    Staking internal staking;
    MockERC20 internal usd;
    MockDAORegistry internal registry;
    VentureReceipts internal receiptsImpl;
    VentureFund internal fundImpl;
    VentureGovernor internal governorImpl;
    ChildTimelock internal timelockImpl;

    VentureReceipts internal receipts;
    VentureFund internal fund;
    uint256 internal roundId;
    VentureGovernor internal governor;
    ChildTimelock internal timelock;

    /// @dev The fund's executor in these tests: it accepts the deposit token and opens the round receipts come from.
    address internal manager = address(0x3A4A6E);
    address internal stakingOwner = address(0x6000);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal dave = address(0xDA7E);
    address internal erin = address(0xE514);
    address internal frank = address(0xF4A4C);
    address internal idle = address(0x1D1E);
    address internal stranger = address(0xBAD);

    /// @dev The voters of the fuzzed scenarios: one per side and ballot, and an extra one.
    address internal constant I_FOR = address(0x1F01);
    address internal constant I_AGAINST = address(0x1F02);
    address internal constant I_ABSTAIN = address(0x1F03);
    address internal constant H_FOR = address(0x1F04);
    address internal constant H_AGAINST = address(0x1F05);
    address internal constant H_ABSTAIN = address(0x1F06);
    address internal constant EXTRA = address(0x1F07);

    /// @dev What each scenario voter holds (and votes with): receipts value on the investor side, stake on the other.
    struct Ballots {
        uint256 iFor;
        uint256 iAgainst;
        uint256 iAbstain;
        uint256 hFor;
        uint256 hAgainst;
        uint256 hAbstain;
    }

    function setUp() public {
        vm.warp(T0);
        address me = address(this);
        token = new AIDAOToken(AIDAOToken.Allocation(me, me, me, me, me, me, me));
        staking = new Staking(token, stakingOwner, STAKE_PERIOD);
        usd = new MockERC20("Dollar", "USD");
        registry = new MockDAORegistry();
        receiptsImpl = new VentureReceipts();
        fundImpl = new VentureFund();
        governorImpl = new VentureGovernor();
        timelockImpl = new ChildTimelock();

        (fund, receipts) = _newFund(manager);
        vm.startPrank(manager);
        fund.acceptToken(address(usd), IVenturePriceSource(address(0)), type(uint32).max);
        fund.setPrice(address(usd), 1e18);
        roundId = fund.openRound(type(uint128).max, uint64(T0 + 3650 days), uint64(T0 + 3650 days));
        vm.stopPrank();

        (governor, timelock) = _newGovernor(INVESTOR_WEIGHT, QUORUM, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _newFund(address executor) internal returns (VentureFund f, VentureReceipts r) {
        f = VentureFund(Clones.clone(address(fundImpl)));
        r = VentureReceipts(Clones.clone(address(receiptsImpl)));
        r.initialize("Venture Receipt", "VRCPT", address(f));
        f.initialize(executor, r, registry);
    }

    /// @dev A governor clone on the shared receipts and staking, with its own ChildTimelock clone.
    function _newGovernor(
        uint8 weight,
        uint16 quorumPct,
        uint256 threshold
    ) internal returns (VentureGovernor g, ChildTimelock tl) {
        g = VentureGovernor(payable(Clones.clone(address(governorImpl))));
        tl = _newTimelock(address(g));
        g.initialize(_settings(IVotes(address(receipts)), IVotes(address(staking)), tl, weight, quorumPct, threshold));
    }

    function _newTimelock(address g) internal returns (ChildTimelock) {
        bytes memory args = abi.encode(ChildTimelock.Args(g, address(0), TIMELOCK_DELAY));
        return ChildTimelock(payable(Clones.cloneWithImmutableArgs(address(timelockImpl), args)));
    }

    function _settings(
        IVotes receiptsVotes,
        IVotes stakingVotes,
        ChildTimelock tl,
        uint8 weight,
        uint16 quorumPct,
        uint256 threshold
    ) internal pure returns (VentureGovernor.Settings memory) {
        return
            VentureGovernor.Settings({
                name: "Venture DAO",
                receipts: receiptsVotes,
                staking: stakingVotes,
                timelock: tl,
                investorWeight: weight,
                votingDelay: VOTING_DELAY,
                votingPeriod: VOTING_PERIOD,
                proposalThreshold: threshold,
                quorumPercent: quorumPct
            });
    }

    /// @dev Deposits `value` USD (worth `value` value units) for `who`, who then delegates its receipts to itself
    /// unless it already chose a delegate.
    function _invest(address who, uint256 value) internal returns (uint256 receiptId) {
        receiptId = _investUndelegated(who, value);
        if (receipts.delegates(who) == address(0)) {
            vm.prank(who);
            receipts.delegate(who);
        }
    }

    function _investUndelegated(address who, uint256 value) internal returns (uint256 receiptId) {
        usd.mint(who, value);
        vm.startPrank(who);
        usd.approve(address(fund), value);
        receiptId = fund.deposit(roundId, address(usd), value, value);
        vm.stopPrank();
    }

    /// @dev Stakes `amount` AIDAO for `who` (its first stake delegates to itself); it counts once matured.
    function _stake(address who, uint256 amount) internal {
        token.transfer(who, amount);
        vm.startPrank(who);
        token.approve(address(staking), amount);
        staking.stake(amount);
        vm.stopPrank();
    }

    /// @dev Lets every stake made so far mature.
    function _mature() internal {
        vm.warp(block.timestamp + STAKE_PERIOD + 1);
    }

    function _call(
        address target,
        bytes memory data
    ) internal pure returns (address[] memory t, uint256[] memory v, bytes[] memory c) {
        t = new address[](1);
        v = new uint256[](1);
        c = new bytes[](1);
        t[0] = target;
        c[0] = data;
    }

    /// @dev A proposal whose action is a harmless call (these are voted on, never executed).
    function _propose(VentureGovernor g, string memory description) internal returns (uint256) {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(address(0xDEAD), "");
        return g.propose(t, v, c, description);
    }

    function _propose(string memory description) internal returns (uint256) {
        return _propose(governor, description);
    }

    function _startVoting(VentureGovernor g, uint256 id) internal {
        vm.warp(g.proposalSnapshot(id) + 1);
    }

    function _endVoting(VentureGovernor g, uint256 id) internal {
        vm.warp(g.proposalDeadline(id) + 1);
    }

    function _vote(VentureGovernor g, uint256 id, address who, uint8 support) internal {
        vm.prank(who);
        g.castVote(id, support);
    }

    function _vote(uint256 id, address who, uint8 support) internal {
        _vote(governor, id, who, support);
    }

    function _assertState(
        VentureGovernor g,
        uint256 id,
        IGovernor.ProposalState expected,
        string memory message
    ) internal view {
        assertEq(uint256(g.state(id)), uint256(expected), message);
    }

    function _assertCombined(VentureGovernor g, uint256 id, uint256 forPoints, uint256 againstPoints) internal view {
        (uint256 f, uint256 a) = g.combinedVotes(id);
        assertEq(f, forPoints, "combined for");
        assertEq(a, againstPoints, "combined against");
    }

    function _boundBallots(
        uint256 iFor,
        uint256 iAgainst,
        uint256 iAbstain,
        uint256 hFor,
        uint256 hAgainst,
        uint256 hAbstain
    ) internal pure returns (Ballots memory b) {
        b.iFor = bound(iFor, 0, MAX_RECEIPTS);
        b.iAgainst = bound(iAgainst, 0, MAX_RECEIPTS);
        b.iAbstain = bound(iAbstain, 0, MAX_RECEIPTS);
        b.hFor = bound(hFor, 0, MAX_STAKE);
        b.hAgainst = bound(hAgainst, 0, MAX_STAKE);
        b.hAbstain = bound(hAbstain, 0, MAX_STAKE);
    }

    /// @dev Gives each scenario voter its position (nothing for a zero amount).
    function _positions(Ballots memory b) internal {
        if (b.iFor != 0) _invest(I_FOR, b.iFor);
        if (b.iAgainst != 0) _invest(I_AGAINST, b.iAgainst);
        if (b.iAbstain != 0) _invest(I_ABSTAIN, b.iAbstain);
        if (b.hFor != 0) _stake(H_FOR, b.hFor);
        if (b.hAgainst != 0) _stake(H_AGAINST, b.hAgainst);
        if (b.hAbstain != 0) _stake(H_ABSTAIN, b.hAbstain);
    }

    /// @dev Every scenario voter with a position casts its ballot on `id`.
    function _castBallots(VentureGovernor g, uint256 id, Ballots memory b) internal {
        if (b.iFor != 0) _vote(g, id, I_FOR, FOR);
        if (b.iAgainst != 0) _vote(g, id, I_AGAINST, AGAINST);
        if (b.iAbstain != 0) _vote(g, id, I_ABSTAIN, ABSTAIN);
        if (b.hFor != 0) _vote(g, id, H_FOR, FOR);
        if (b.hAgainst != 0) _vote(g, id, H_AGAINST, AGAINST);
        if (b.hAbstain != 0) _vote(g, id, H_ABSTAIN, ABSTAIN);
    }

    /// @dev Positions, maturity, a proposal on `g`, and every ballot cast: returns the proposal id.
    function _scenario(VentureGovernor g, Ballots memory b) internal returns (uint256 id) {
        _positions(b);
        _mature();
        id = _propose(g, "scenario");
        _startVoting(g, id);
        _castBallots(g, id, b);
    }

    /// @dev The white paper's formula, side by side: weight × for / (for + against), for rounded down.
    function _expectedCombined(
        uint256 investorWeight,
        Ballots memory b
    ) internal pure returns (uint256 forPoints, uint256 againstPoints) {
        (uint256 f, uint256 a) = _expectedSide(investorWeight, b.iFor, b.iAgainst);
        (uint256 hf, uint256 ha) = _expectedSide(100 - investorWeight, b.hFor, b.hAgainst);
        return (f + hf, a + ha);
    }

    function _expectedSide(uint256 weight, uint256 f, uint256 a) internal pure returns (uint256, uint256) {
        if (f + a == 0) return (0, 0);
        uint256 sideFor = Math.mulDiv(weight * POINT, f, f + a);
        return (sideFor, weight * POINT - sideFor);
    }

    /// @dev Whether the exact (unrounded) combined for beats the combined against: Σ w·(f − a)/(f + a) > 0, compared
    /// after multiplying by both (non-zero) denominators.
    function _exactlyWins(uint256 investorWeight, Ballots memory b) internal pure returns (bool) {
        uint256 d1 = b.iFor + b.iAgainst == 0 ? 1 : b.iFor + b.iAgainst;
        uint256 d2 = b.hFor + b.hAgainst == 0 ? 1 : b.hFor + b.hAgainst;
        uint256 pro = investorWeight * b.iFor * d2 + (100 - investorWeight) * b.hFor * d1;
        uint256 con = investorWeight * b.iAgainst * d2 + (100 - investorWeight) * b.hAgainst * d1;
        return pro > con;
    }

    /// @dev Whether both sides reached a quorum of `pct`% when the scenario voters hold each side's whole supply.
    function _quorumReached(uint256 pct, Ballots memory b) internal pure returns (bool) {
        uint256 investorSupply = b.iFor + b.iAgainst + b.iAbstain;
        uint256 holderSupply = b.hFor + b.hAgainst + b.hAbstain;
        return
            b.iFor + b.iAbstain >= Math.mulDiv(investorSupply, pct, 100) &&
            b.hFor + b.hAbstain >= Math.mulDiv(holderSupply, pct, 100);
    }

    function _sideTotal(uint256 weight, uint256 f, uint256 a) internal pure returns (uint256) {
        return f + a == 0 ? 0 : weight * POINT;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the white paper's examples
    // ---------------------------------------------------------------------------------------------------------

    /// @dev Investors 40 yes / 20 no (60 × 40/60 = 40 for, 20 against), holders 30 yes / 10 no (40 × 30/40 = 30 for,
    /// 10 against): 70 for, 30 against, and the proposal passes.
    function test_whitePaperExampleA_70For30Against_passes() public {
        _invest(alice, 40e18);
        _invest(bob, 20e18);
        _stake(carol, 30e18);
        _stake(dave, 10e18);
        _mature();
        uint256 id = _propose("White paper example A");

        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, bob, AGAINST);
        _vote(id, carol, FOR);
        _vote(id, dave, AGAINST);

        _assertCombined(governor, id, 70 * POINT, 30 * POINT);
        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.investorFor, 40e18, "investor for");
        assertEq(t.investorAgainst, 20e18, "investor against");
        assertEq(t.holderFor, 30e18, "holder for");
        assertEq(t.holderAgainst, 10e18, "holder against");
        (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(id));
        assertEq(qi, 2.4e18, "investor quorum: 4% of 60");
        assertEq(qh, 1.6e18, "holder quorum: 4% of 40");
        _assertState(governor, id, IGovernor.ProposalState.Active, "active while voting");

        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Succeeded, "70 for 30 against passes");
    }

    /// @dev 50M AIDAO staked by the voting holders, 40M of it yes: the holder side counts 40 × 40/50 = 32 for and
    /// 8 against. No receipts exist, so the investor side is empty (and its quorum is zero).
    function test_whitePaperExampleB_50MStaked40MYes_holderSide32For8Against() public {
        _stake(carol, 40_000_000e18);
        _stake(dave, 10_000_000e18);
        _mature();
        uint256 id = _propose("White paper example B");

        _startVoting(governor, id);
        _vote(id, carol, FOR);
        _vote(id, dave, AGAINST);

        _assertCombined(governor, id, 32 * POINT, 8 * POINT);
        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.holderFor, 40_000_000e18, "holder for");
        assertEq(t.holderAgainst, 10_000_000e18, "holder against");
        assertEq(uint256(t.investorFor) + t.investorAgainst + t.investorAbstain, 0, "no investor votes");
        (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(id));
        assertEq(qi, 0, "no receipts: no investor quorum");
        assertEq(qh, 2_000_000e18, "holder quorum: 4% of 50M");

        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Succeeded, "32 for 8 against passes");
    }

    /// @dev Example B next to investors voting 30 yes / 10 no (45 for, 15 against): the holder component is still
    /// 32 / 8, the combined result 77 / 23.
    function test_whitePaperExampleB_withInvestors_holderComponentUnchanged() public {
        _invest(alice, 30e18);
        _invest(bob, 10e18);
        _stake(carol, 40_000_000e18);
        _stake(dave, 10_000_000e18);
        _mature();
        uint256 id = _propose("White paper example B with investors");

        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, bob, AGAINST);
        _vote(id, carol, FOR);
        _vote(id, dave, AGAINST);

        (uint256 f, uint256 a) = governor.combinedVotes(id);
        assertEq(f, 77 * POINT, "combined for");
        assertEq(a, 23 * POINT, "combined against");
        assertEq(f - 45 * POINT, 32 * POINT, "holder component for");
        assertEq(a - 15 * POINT, 8 * POINT, "holder component against");
    }

    // ---------------------------------------------------------------------------------------------------------
    // counting
    // ---------------------------------------------------------------------------------------------------------

    function test_castVote_receiptsAndStake_countedOnBothSidesWithOneBallot() public {
        _invest(erin, 25e18);
        _stake(erin, 15e18);
        _invest(alice, 75e18);
        _stake(carol, 45e18);
        _mature();
        uint256 id = _propose("One ballot, two sides");
        _startVoting(governor, id);
        assertEq(governor.getVotes(erin, governor.proposalSnapshot(id)), 40e18, "getVotes sums both sides");

        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(erin, id, FOR, 25e18, 15e18);
        vm.expectEmit();
        emit IGovernor.VoteCast(erin, id, FOR, 40e18, "");
        vm.prank(erin);
        uint256 weight = governor.castVote(id, FOR);
        assertEq(weight, 40e18, "castVote returns the sum");
        assertTrue(governor.hasVoted(id, erin), "hasVoted");

        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.investorFor, 25e18, "investor side counts the receipts");
        assertEq(t.holderFor, 15e18, "holder side counts the stake");

        // A second ballot is refused, whatever its support.
        for (uint8 support = 0; support < 3; support++) {
            vm.prank(erin);
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, erin));
            governor.castVote(id, support);
        }

        _vote(id, alice, AGAINST);
        _vote(id, carol, AGAINST);
        // Investors 25 / 75: 15 for, 45 against; holders 15 / 45: 10 for, 30 against.
        _assertCombined(governor, id, 25 * POINT, 75 * POINT);
        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Defeated, "25 for 75 against fails");
    }

    function test_castVote_invalidSupport_reverts() public {
        _invest(alice, 10e18);
        _mature();
        uint256 id = _propose("Invalid support");
        _startVoting(governor, id);
        for (uint8 support = 3; support < 6; support++) {
            vm.prank(alice);
            vm.expectRevert(IGovernor.GovernorInvalidVoteType.selector);
            governor.castVote(id, support);
        }
        assertTrue(!governor.hasVoted(id, alice), "an invalid ballot is not a vote");
        _vote(id, alice, FOR);
        assertEq(governor.proposalTally(id).investorFor, 10e18, "the valid ballot counts");
    }

    function test_castVote_outsideVotingPeriod_reverts() public {
        _invest(alice, 10e18);
        _mature();
        uint256 id = _propose("Too early, too late");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                bytes32(uint256(1) << uint8(IGovernor.ProposalState.Active))
            )
        );
        governor.castVote(id, FOR);
        _endVoting(governor, id);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                bytes32(uint256(1) << uint8(IGovernor.ProposalState.Active))
            )
        );
        governor.castVote(id, FOR);
    }

    /// @dev Receipt votes are ERC-5805 votes: alice delegates hers to dave, who votes with their value; alice's own
    /// ballot then weighs nothing.
    function test_delegatedReceipts_delegateVotesWithHolderValue() public {
        _investUndelegated(alice, 40e18);
        vm.prank(alice);
        receipts.delegate(dave);
        _invest(bob, 20e18);
        _stake(carol, 30e18);
        _mature();
        uint256 id = _propose("Delegated receipts");
        _startVoting(governor, id);

        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(dave, id, FOR, 40e18, 0);
        _vote(id, dave, FOR);
        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(alice, id, AGAINST, 0, 0);
        _vote(id, alice, AGAINST);
        _vote(id, bob, AGAINST);
        _vote(id, carol, FOR);

        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.investorFor, 40e18, "the delegate votes with alice's receipt value");
        assertEq(t.investorAgainst, 20e18, "alice's own ballot weighs nothing");
        // Investors 40 / 20: 40 for, 20 against; holders 30 / 0: 40 for.
        _assertCombined(governor, id, 80 * POINT, 20 * POINT);
        assertEq(receipts.unitsOf(alice), 40e18, "alice still holds the receipt");
    }

    /// @dev Receipts nobody delegated carry no votes but still count in the investor side's supply (the quorum base),
    /// like any ERC-5805 votes.
    function test_undelegatedReceipts_noVotes_butCountInQuorumBase() public {
        _investUndelegated(alice, 100e18);
        _invest(bob, 3e18);
        _mature();
        uint256 id = _propose("Undelegated receipts");
        _startVoting(governor, id);
        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(alice, id, FOR, 0, 0);
        _vote(id, alice, FOR);
        _vote(id, bob, FOR);
        (uint256 qi, ) = governor.sideQuorums(governor.proposalSnapshot(id));
        assertEq(qi, Math.mulDiv(103e18, QUORUM, 100), "quorum base includes undelegated receipts");
        _assertCombined(governor, id, 60 * POINT, 0);
        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Defeated, "3 of 103 is below 4%");
    }

    /// @dev AIDAO holders may delegate their matured stake too: the delegate votes with it on the holder side.
    function test_delegatedStake_delegateVotesOnHolderSide() public {
        _stake(carol, 30e18);
        _mature();
        vm.prank(carol);
        staking.delegate(dave);
        uint256 id = _propose("Delegated stake");
        _startVoting(governor, id);
        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(dave, id, AGAINST, 0, 30e18);
        _vote(id, dave, AGAINST);
        _assertCombined(governor, id, 0, 40 * POINT);
    }

    function test_abstain_countsOnlyForQuorum() public {
        _invest(alice, 10e18);
        _invest(bob, 90e18);
        _stake(carol, 10e18);
        _stake(dave, 90e18);
        _mature();
        uint256 id = _propose("Abstentions");
        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, bob, ABSTAIN);
        _vote(id, carol, AGAINST);
        _vote(id, dave, ABSTAIN);

        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.investorAbstain, 90e18, "investor abstain");
        assertEq(t.holderAbstain, 90e18, "holder abstain");
        // Abstentions do not dilute: investors 10 / 0 → 60 for; holders 0 / 10 → 40 against.
        _assertCombined(governor, id, 60 * POINT, 40 * POINT);
        _endVoting(governor, id);
        // Holders: for + abstain = 90 of 100 reaches the quorum although the only for/against vote there is against.
        _assertState(governor, id, IGovernor.ProposalState.Succeeded, "60 for 40 against passes");
    }

    function test_noVotes_bothSidesEmpty_defeatedWithoutDivisionByZero() public {
        // Nothing at all: both supplies and quorums are zero, and 0 for 0 against is a tie.
        uint256 empty = _propose("Nobody at all");
        _startVoting(governor, empty);
        _assertCombined(governor, empty, 0, 0);
        _endVoting(governor, empty);
        (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(empty));
        assertEq(qi + qh, 0, "zero supply, zero quorum");
        _assertState(governor, empty, IGovernor.ProposalState.Defeated, "no votes never pass");

        // Voters who only abstain: quorums reached, still nothing for or against on either side.
        _invest(alice, 10e18);
        _stake(carol, 10e18);
        _mature();
        uint256 id = _propose("Everybody abstains");
        _startVoting(governor, id);
        _vote(id, alice, ABSTAIN);
        _vote(id, carol, ABSTAIN);
        _assertCombined(governor, id, 0, 0);
        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Defeated, "abstentions alone never pass");
    }

    function testFuzz_combinedVotes_unknownProposal_isZero(uint256 proposalId) public view {
        _assertCombined(governor, proposalId, 0, 0);
    }

    function test_exactTie_60_40_defeated() public {
        _invest(alice, 1e18);
        _invest(bob, 1e18);
        _stake(carol, 1e18);
        _stake(dave, 1e18);
        _mature();
        uint256 id = _propose("Tie");
        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, bob, AGAINST);
        _vote(id, carol, FOR);
        _vote(id, dave, AGAINST);
        _assertCombined(governor, id, 50 * POINT, 50 * POINT);
        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Defeated, "a tie fails");
    }

    /// @dev A stake made before the snapshot that matures after it counts nothing on this proposal, even when its
    /// holder votes after it matured.
    function test_stakeMaturingAfterSnapshot_countsNothing() public {
        _stake(carol, 30e18);
        uint256 id = _propose("Immature stake");
        assertTrue(staking.maturesAt(carol) > governor.proposalSnapshot(id), "matures after the snapshot");
        vm.warp(staking.maturesAt(carol));
        assertTrue(block.timestamp <= governor.proposalDeadline(id), "still voting");
        assertEq(staking.getVotes(carol), 30e18, "matured now");
        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(carol, id, FOR, 0, 0);
        _vote(id, carol, FOR);
        _assertCombined(governor, id, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzzed properties
    // ---------------------------------------------------------------------------------------------------------

    /// @dev forPoints + againstPoints == Σ weights of the sides with for/against votes × 1e18 and forPoints is at most
    /// that (the for share is within [0, 1]); the result is the white paper's formula; the outcome is "for beats
    /// against and both quorums reached", and rounding never lets a proposal pass that does not win exactly.
    function testFuzz_combinedVotes_withinUnitInterval(
        uint256 iFor,
        uint256 iAgainst,
        uint256 iAbstain,
        uint256 hFor,
        uint256 hAgainst,
        uint256 hAbstain
    ) public {
        Ballots memory b = _boundBallots(iFor, iAgainst, iAbstain, hFor, hAgainst, hAbstain);
        uint256 id = _scenario(governor, b);
        _checkCombined(id, b);
        _checkTally(id, b);

        _endVoting(governor, id);
        (uint256 f, uint256 a) = governor.combinedVotes(id);
        bool succeeded = f > a && _quorumReached(QUORUM, b);
        _assertState(
            governor,
            id,
            succeeded ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated,
            "outcome"
        );
        if (succeeded) assertTrue(_exactlyWins(INVESTOR_WEIGHT, b), "rounding never makes a loser pass");
    }

    function _checkCombined(uint256 id, Ballots memory b) internal view {
        (uint256 f, uint256 a) = governor.combinedVotes(id);
        uint256 total =
            _sideTotal(INVESTOR_WEIGHT, b.iFor, b.iAgainst) + _sideTotal(100 - INVESTOR_WEIGHT, b.hFor, b.hAgainst);
        assertEq(f + a, total, "for + against == weights of the sides with votes");
        assertLe(f, total, "for share <= 1");
        assertLe(total, 100 * POINT, "at most 100 points");
        (uint256 ef, uint256 ea) = _expectedCombined(INVESTOR_WEIGHT, b);
        assertEq(f, ef, "for == formula");
        assertEq(a, ea, "against == formula");
    }

    function _checkTally(uint256 id, Ballots memory b) internal view {
        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.investorFor, b.iFor, "tally investor for");
        assertEq(t.investorAgainst, b.iAgainst, "tally investor against");
        assertEq(t.investorAbstain, b.iAbstain, "tally investor abstain");
        assertEq(t.holderFor, b.hFor, "tally holder for");
        assertEq(t.holderAgainst, b.hAgainst, "tally holder against");
        assertEq(t.holderAbstain, b.hAbstain, "tally holder abstain");
    }

    /// @dev One more yes on either side never lowers forPoints nor raises againstPoints; one more no never raises
    /// forPoints nor lowers againstPoints. Three proposals share a snapshot; the extra voter votes on two of them.
    function testFuzz_combinedVotes_monotoneInEachSidesYes(
        uint256 iFor,
        uint256 iAgainst,
        uint256 hFor,
        uint256 hAgainst,
        uint256 extra,
        bool holderSide
    ) public {
        Ballots memory b = _boundBallots(iFor, iAgainst, 0, hFor, hAgainst, 0);
        _positions(b);
        if (holderSide) _stake(EXTRA, bound(extra, 1, MAX_STAKE));
        else _invest(EXTRA, bound(extra, 1, MAX_RECEIPTS));
        _mature();
        uint256 base = _propose("base");
        uint256 moreYes = _propose("one more yes");
        uint256 moreNo = _propose("one more no");
        _startVoting(governor, base);
        _castBallots(governor, base, b);
        _castBallots(governor, moreYes, b);
        _castBallots(governor, moreNo, b);
        _vote(moreYes, EXTRA, FOR);
        _vote(moreNo, EXTRA, AGAINST);

        (uint256 f0, uint256 a0) = governor.combinedVotes(base);
        (uint256 fYes, uint256 aYes) = governor.combinedVotes(moreYes);
        (uint256 fNo, uint256 aNo) = governor.combinedVotes(moreNo);
        assertGe(fYes, f0, "more yes never lowers for");
        assertLe(aYes, a0, "more yes never raises against");
        assertLe(fNo, f0, "more no never raises for");
        assertGe(aNo, a0, "more no never lowers against");
        // A yes on a side nobody voted on gives that side's whole weight to for.
        if (holderSide && b.hFor + b.hAgainst == 0) assertEq(fYes, f0 + 40 * POINT, "empty holder side joins");
        if (!holderSide && b.iFor + b.iAgainst == 0) assertEq(fYes, f0 + 60 * POINT, "empty investor side joins");
    }

    /// @dev Only one side has voters (the other has no supply at all): no division by zero, the empty side adds
    /// nothing, and the outcome is decided by the voting side (with for = against = 0 it is a tie and fails).
    function testFuzz_emptySide_contributesNothing(
        uint256 forVotes,
        uint256 againstVotes,
        uint256 abstainVotes,
        bool holderSide
    ) public {
        Ballots memory b;
        uint256 weight;
        if (holderSide) {
            (b.hFor, b.hAgainst, b.hAbstain) = (
                bound(forVotes, 0, MAX_STAKE),
                bound(againstVotes, 0, MAX_STAKE),
                bound(abstainVotes, 0, MAX_STAKE)
            );
            weight = 100 - INVESTOR_WEIGHT;
        } else {
            (b.iFor, b.iAgainst, b.iAbstain) = (
                bound(forVotes, 0, MAX_RECEIPTS),
                bound(againstVotes, 0, MAX_RECEIPTS),
                bound(abstainVotes, 0, MAX_RECEIPTS)
            );
            weight = INVESTOR_WEIGHT;
        }
        uint256 id = _scenario(governor, b);

        (uint256 f, uint256 a) = governor.combinedVotes(id);
        (uint256 ef, uint256 ea) = holderSide
            ? _expectedSide(weight, b.hFor, b.hAgainst)
            : _expectedSide(weight, b.iFor, b.iAgainst);
        assertEq(f, ef, "for: the voting side only");
        assertEq(a, ea, "against: the voting side only");
        assertEq(f + a, ef + ea, "the empty side adds no weight");
        uint256 cast = holderSide ? b.hFor + b.hAgainst : b.iFor + b.iAgainst;
        assertEq(f + a, cast == 0 ? 0 : weight * POINT, "the voting side's weight, if it voted for or against");

        _endVoting(governor, id);
        bool succeeded = f > a && _quorumReached(QUORUM, b);
        _assertState(
            governor,
            id,
            succeeded ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated,
            "outcome"
        );
    }

    /// @dev Receipts minted, received by transfer or delegated, and stake made, after the snapshot add nothing: each
    /// ballot weighs exactly what its voter held at the snapshot (the seller of a receipt still votes with it, the
    /// buyer does not).
    function testFuzz_votesAcquiredAfterSnapshot_addNothing(
        uint256 receiptsBefore,
        uint256 stakeBefore,
        uint256 receiptsAfter,
        uint256 stakeAfter,
        uint256 elapsed
    ) public {
        receiptsBefore = bound(receiptsBefore, 1, MAX_RECEIPTS);
        stakeBefore = bound(stakeBefore, 1, MAX_STAKE);
        _invest(erin, receiptsBefore);
        _stake(erin, stakeBefore);
        uint256 daveReceipt = _invest(dave, 7e18);
        _mature();
        uint256 id = _propose("After the snapshot");
        uint256 snapshot = governor.proposalSnapshot(id);
        vm.warp(snapshot + 1 + bound(elapsed, 0, VOTING_PERIOD - 2));

        // After the snapshot: erin deposits and stakes more and buys dave's receipt; frank joins on both sides
        // and gets a delegation of another newcomer's receipts.
        _invest(erin, bound(receiptsAfter, 1, MAX_RECEIPTS));
        _stake(erin, bound(stakeAfter, 1, MAX_STAKE));
        vm.prank(dave);
        receipts.transferFrom(dave, erin, daveReceipt);
        _invest(frank, 5e18);
        _stake(frank, 5e18);
        _investUndelegated(idle, 9e18);
        vm.prank(idle);
        receipts.delegate(frank);
        assertGe(receipts.getVotes(erin), receiptsBefore + 7e18 + 1, "erin's current receipt votes grew");

        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(erin, id, FOR, receiptsBefore, stakeBefore);
        _vote(id, erin, FOR);
        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(dave, id, AGAINST, 7e18, 0);
        _vote(id, dave, AGAINST);
        vm.expectEmit();
        emit VentureGovernor.CombinedVoteCast(frank, id, FOR, 0, 0);
        _vote(id, frank, FOR);

        assertEq(governor.getVotes(erin, snapshot), receiptsBefore + stakeBefore, "weight at the snapshot");
        VentureGovernor.Tally memory t = governor.proposalTally(id);
        assertEq(t.investorFor, receiptsBefore, "investor for: erin's receipts at the snapshot");
        assertEq(t.investorAgainst, 7e18, "investor against: the receipt dave held at the snapshot");
        assertEq(t.holderFor, stakeBefore, "holder for: erin's stake at the snapshot");
        (uint256 qi, uint256 qh) = governor.sideQuorums(snapshot);
        assertEq(qi, Math.mulDiv(receiptsBefore + 7e18, QUORUM, 100), "investor quorum base at the snapshot");
        assertEq(qh, Math.mulDiv(stakeBefore, QUORUM, 100), "holder quorum base at the snapshot");
    }

    /// @dev Whatever the weights, a combined exact tie (50 / 50 points) fails. For w > 50 investors vote 50k yes and
    /// (w − 50)k no (their side gives exactly 50 for) and holders vote no; for w < 50 investors vote no and holders
    /// 50k yes and (50 − w)k no; for w = 50 investors yes, holders no. Abstentions on each side secure the quorums.
    function testFuzz_tie_doesNotPass(uint256 weight, uint256 k, uint256 h) public {
        weight = bound(weight, 1, 99);
        k = bound(k, 1, MAX_STAKE / 100);
        h = bound(h, 1, MAX_STAKE);
        (VentureGovernor g, ) = _newGovernor(uint8(weight), QUORUM, 0);
        Ballots memory b;
        if (weight > 50) {
            (b.iFor, b.iAgainst, b.hAgainst) = (50 * k, (weight - 50) * k, h);
        } else if (weight < 50) {
            (b.iAgainst, b.hFor, b.hAgainst) = (h, 50 * k, (50 - weight) * k);
        } else {
            (b.iFor, b.hAgainst) = (k, h);
        }
        b.iAbstain = b.iFor + b.iAgainst;
        b.hAbstain = b.hFor + b.hAgainst;
        uint256 id = _scenario(g, b);

        _assertCombined(g, id, 50 * POINT, 50 * POINT);
        _endVoting(g, id);
        assertTrue(_quorumReached(QUORUM, b), "quorums reached");
        _assertState(g, id, IGovernor.ProposalState.Defeated, "a tie never passes");
    }

    // ---------------------------------------------------------------------------------------------------------
    // quorum per side
    // ---------------------------------------------------------------------------------------------------------

    function test_quorum_investorSideBelowQuorum_defeatsOverwhelmingFor() public {
        _invest(alice, 100e18);
        _invest(idle, 10_000e18);
        _stake(carol, 30e18);
        _mature();
        uint256 id = _propose("Investors below quorum");
        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, carol, FOR);
        _assertCombined(governor, id, 100 * POINT, 0);
        (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(id));
        assertEq(qi, 404e18, "investor quorum: 4% of 10,100");
        assertEq(qh, 1.2e18, "holder quorum: 4% of 30");
        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Defeated, "100 points for, but investors short of quorum");
    }

    function test_quorum_holderSideBelowQuorum_defeatsOverwhelmingFor() public {
        _invest(alice, 100e18);
        _stake(carol, 30e18);
        _stake(idle, 10_000e18);
        _mature();
        uint256 id = _propose("Holders below quorum");
        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, carol, FOR);
        _assertCombined(governor, id, 100 * POINT, 0);
        (, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(id));
        assertEq(qh, 401.2e18, "holder quorum: 4% of 10,030");
        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Defeated, "100 points for, but holders short of quorum");
    }

    /// @dev A side's supply is 100, its quorum 4: 3 for + 1 against (4 cast) misses it, 3 for + 1 abstain reaches it.
    function test_quorum_investorSide_countsForAndAbstain_notAgainst() public {
        _invest(alice, 3e18);
        _invest(bob, 1e18);
        _invest(idle, 96e18);
        _stake(carol, 40e18);
        _mature();
        _assertQuorumCountsForAndAbstain(alice, bob, carol);
    }

    function test_quorum_holderSide_countsForAndAbstain_notAgainst() public {
        _stake(alice, 3e18);
        _stake(bob, 1e18);
        _stake(idle, 96e18);
        _invest(carol, 40e18);
        _mature();
        _assertQuorumCountsForAndAbstain(alice, bob, carol);
    }

    /// @dev `yes` (3) and `other` (1) are on the side whose supply is 100, `ally` votes for on the other side.
    function _assertQuorumCountsForAndAbstain(address yes, address other, address ally) internal {
        uint256 withAgainst = _propose("3 for, 1 against");
        uint256 withAbstain = _propose("3 for, 1 abstain");
        _startVoting(governor, withAgainst);
        (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(withAgainst));
        assertEq(Math.max(qi, qh), 4e18, "quorum: 4% of 100");
        _vote(withAgainst, yes, FOR);
        _vote(withAgainst, other, AGAINST);
        _vote(withAgainst, ally, FOR);
        _vote(withAbstain, yes, FOR);
        _vote(withAbstain, other, ABSTAIN);
        _vote(withAbstain, ally, FOR);
        (uint256 f, uint256 a) = governor.combinedVotes(withAgainst);
        assertTrue(f > a, "the combined vote is for");
        _endVoting(governor, withAgainst);
        _assertState(governor, withAgainst, IGovernor.ProposalState.Defeated, "against does not count for quorum");
        _assertState(governor, withAbstain, IGovernor.ProposalState.Succeeded, "for + abstain == quorum reaches it");
    }

    function test_setQuorumPercent_onlyGovernance() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, stranger));
        governor.setQuorumPercent(50);
        // The timelock itself, outside a governance proposal's execution, is refused too (no call was queued).
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x31));
        governor.setQuorumPercent(50);
        assertEq(governor.quorumPercent(), QUORUM, "unchanged");
    }

    /// @dev A proposal raises the quorum to 50% through the timelock. Proposals whose snapshot precedes the change keep
    /// 4% (even one still being voted on when it executes); proposals whose snapshot follows it need 50%.
    function test_setQuorumPercent_byGovernance_doesNotAffectEarlierSnapshots() public {
        _invest(alice, 40e18);
        _invest(idle, 60e18);
        _stake(carol, 100e18);
        _mature();
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(
            address(governor),
            abi.encodeCall(VentureGovernor.setQuorumPercent, (50))
        );
        bytes32 descHash = keccak256("Raise the quorum to 50%");
        uint256 change = governor.propose(t, v, c, "Raise the quorum to 50%");
        uint256 earlier = _propose("Voted before the change");
        _startVoting(governor, change);
        for (uint256 i = 0; i < 2; i++) {
            uint256 id = i == 0 ? change : earlier;
            _vote(id, alice, FOR);
            _vote(id, carol, FOR);
        }
        _endVoting(governor, change);
        governor.queue(t, v, c, descHash);

        // Snapshot before the change, votes before it executes.
        uint256 midway = _propose("Snapshot before the change");
        _startVoting(governor, midway);
        _vote(midway, alice, FOR);
        _vote(midway, carol, FOR);
        // Proposed before the change executes, but its snapshot follows it.
        vm.warp(governor.proposalEta(change) - 12 hours);
        uint256 pending = _propose("Snapshot after the change");

        vm.warp(governor.proposalEta(change));
        vm.expectEmit();
        emit VentureGovernor.QuorumPercentUpdated(QUORUM, 50);
        governor.execute(t, v, c, descHash);
        assertEq(governor.quorumPercent(), 50, "quorum raised");
        _assertState(governor, change, IGovernor.ProposalState.Executed, "executed");

        _startVoting(governor, pending);
        _vote(pending, alice, FOR);
        _vote(pending, carol, FOR);
        uint256 later = _propose("Proposed after the change");
        _startVoting(governor, later);
        _vote(later, alice, FOR);
        _vote(later, carol, FOR);
        _endVoting(governor, later);

        (uint256 qi, uint256 qh) = governor.sideQuorums(governor.proposalSnapshot(earlier));
        assertEq(qi + qh, 8e18, "4% of each side at an earlier snapshot");
        (qi, qh) = governor.sideQuorums(governor.proposalSnapshot(later));
        assertEq(qi + qh, 100e18, "50% of each side at a later snapshot");
        _assertState(governor, earlier, IGovernor.ProposalState.Succeeded, "earlier snapshot keeps 4%");
        _assertState(governor, midway, IGovernor.ProposalState.Succeeded, "earlier snapshot, voted after: 4%");
        _assertState(governor, pending, IGovernor.ProposalState.Defeated, "snapshot after the change: 50%");
        _assertState(governor, later, IGovernor.ProposalState.Defeated, "40 of 100 is below 50%");
    }

    function test_setQuorumPercent_above100_revertsThroughGovernance() public {
        _invest(alice, 40e18);
        _stake(carol, 100e18);
        _mature();
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(
            address(governor),
            abi.encodeCall(VentureGovernor.setQuorumPercent, (101))
        );
        uint256 id = governor.propose(t, v, c, "Quorum 101%");
        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, carol, FOR);
        _endVoting(governor, id);
        governor.queue(t, v, c, keccak256("Quorum 101%"));
        vm.warp(governor.proposalEta(id));
        vm.expectRevert(abi.encodeWithSelector(VentureGovernor.VentureGovernorInvalidQuorum.selector, 101));
        governor.execute(t, v, c, keccak256("Quorum 101%"));
        assertEq(governor.quorumPercent(), QUORUM, "unchanged");
    }

    function test_quorum_sumOfSideQuorums() public {
        _invest(alice, 50e18);
        _stake(carol, 25e18);
        _mature();
        uint256 at = block.timestamp;
        vm.warp(at + 1);
        (uint256 qi, uint256 qh) = governor.sideQuorums(at);
        assertEq(qi, 2e18, "investor quorum");
        assertEq(qh, 1e18, "holder quorum");
        assertEq(governor.quorum(at), 3e18, "quorum() is the sum");
    }

    // ---------------------------------------------------------------------------------------------------------
    // initialisation and wiring
    // ---------------------------------------------------------------------------------------------------------

    function test_initialize_wiring() public view {
        assertTrue(keccak256(bytes(governor.name())) == keccak256("Venture DAO"), "name");
        assertEq(address(governor.token()), address(receipts), "investors vote with receipts");
        assertEq(address(governor.staking()), address(staking), "holders vote with staking");
        assertEq(governor.timelock(), address(timelock), "timelock");
        (uint256 investors, uint256 holders) = governor.sideWeights();
        assertEq(investors, 60, "investor weight");
        assertEq(holders, 40, "holder weight");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), 0, "threshold");
        assertEq(governor.quorumPercent(), QUORUM, "quorum percent");
        assertEq(governor.clock(), block.timestamp, "timestamp clock");
        assertTrue(keccak256(bytes(governor.CLOCK_MODE())) == keccak256(bytes(TIMESTAMP_CLOCK)), "clock mode");
        assertTrue(
            keccak256(bytes(governor.COUNTING_MODE())) ==
                keccak256("support=bravo&quorum=for,abstain&params=venture-combined"),
            "counting mode"
        );
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "governor proposes");
    }

    function test_initialize_rejectsInvestorWeightZeroOr100() public {
        VentureGovernor g = VentureGovernor(payable(Clones.clone(address(governorImpl))));
        for (uint256 i = 0; i < 2; i++) {
            uint8 weight = i == 0 ? 0 : 100;
            vm.expectRevert(abi.encodeWithSelector(VentureGovernor.VentureGovernorInvalidWeight.selector, weight));
            g.initialize(_settings(IVotes(address(receipts)), IVotes(address(staking)), timelock, weight, QUORUM, 0));
        }
    }

    function testFuzz_initialize_investorWeight(uint8 weight) public {
        VentureGovernor g = VentureGovernor(payable(Clones.clone(address(governorImpl))));
        VentureGovernor.Settings memory s = _settings(
            IVotes(address(receipts)),
            IVotes(address(staking)),
            _newTimelock(address(g)),
            weight,
            QUORUM,
            0
        );
        if (weight == 0 || weight >= 100) {
            vm.expectRevert(abi.encodeWithSelector(VentureGovernor.VentureGovernorInvalidWeight.selector, weight));
            g.initialize(s);
        } else {
            g.initialize(s);
            (uint256 investors, uint256 holders) = g.sideWeights();
            assertEq(investors, weight, "investor weight");
            assertEq(investors + holders, 100, "weights add up to 100");
        }
    }

    function testFuzz_initialize_rejectsQuorumAbove100(uint16 quorumPct) public {
        quorumPct = uint16(bound(quorumPct, 101, type(uint16).max));
        VentureGovernor g = VentureGovernor(payable(Clones.clone(address(governorImpl))));
        vm.expectRevert(abi.encodeWithSelector(VentureGovernor.VentureGovernorInvalidQuorum.selector, quorumPct));
        g.initialize(_settings(IVotes(address(receipts)), IVotes(address(staking)), timelock, 60, quorumPct, 0));
    }

    function test_initialize_acceptsQuorumBounds() public {
        (VentureGovernor none, ) = _newGovernor(60, 0, 0);
        (VentureGovernor all, ) = _newGovernor(60, 100, 0);
        assertEq(none.quorumPercent(), 0, "0% accepted");
        assertEq(all.quorumPercent(), 100, "100% accepted");
    }

    function test_initialize_rejectsClockMismatch() public {
        GovernorBlockVotes blockVotes = new GovernorBlockVotes();
        VentureGovernor g = VentureGovernor(payable(Clones.clone(address(governorImpl))));
        vm.expectRevert(
            abi.encodeWithSelector(VentureGovernor.VentureGovernorClockMismatch.selector, BLOCK_CLOCK, TIMESTAMP_CLOCK)
        );
        g.initialize(_settings(IVotes(address(blockVotes)), IVotes(address(staking)), timelock, 60, QUORUM, 0));
        vm.expectRevert(
            abi.encodeWithSelector(VentureGovernor.VentureGovernorClockMismatch.selector, TIMESTAMP_CLOCK, BLOCK_CLOCK)
        );
        g.initialize(_settings(IVotes(address(receipts)), IVotes(address(blockVotes)), timelock, 60, QUORUM, 0));
    }

    function test_initialize_onlyOnce_andNeverTheImplementation() public {
        VentureGovernor.Settings memory s = _settings(
            IVotes(address(receipts)),
            IVotes(address(staking)),
            timelock,
            60,
            QUORUM,
            0
        );
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        governor.initialize(s);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        governorImpl.initialize(s);
    }

    function test_updateTimelock_reverts() public {
        vm.prank(address(timelock));
        vm.expectRevert(VentureGovernor.VentureGovernorTimelockFixed.selector);
        governor.updateTimelock(TimelockControllerUpgradeable(payable(stranger)));
        vm.prank(stranger);
        vm.expectRevert(VentureGovernor.VentureGovernorTimelockFixed.selector);
        governor.updateTimelock(TimelockControllerUpgradeable(payable(stranger)));
        assertEq(governor.timelock(), address(timelock), "timelock unchanged");
    }

    /// @dev The proposal threshold compares a proposer's raw weight on both sides together.
    function test_proposalThreshold_countsBothSides() public {
        (VentureGovernor g, ) = _newGovernor(60, QUORUM, 50e18);
        _invest(erin, 30e18);
        _stake(erin, 25e18);
        _invest(frank, 30e18);
        _mature();
        // The threshold reads the votes of the second before the proposal: the stake must have matured by then.
        vm.warp(block.timestamp + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(address(0xDEAD), "");
        vm.prank(frank);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, frank, 30e18, 50e18)
        );
        g.propose(t, v, c, "Below the threshold");
        vm.prank(erin);
        uint256 id = g.propose(t, v, c, "Receipts and stake together");
        assertEq(g.proposalProposer(id), erin, "proposer");
    }

    // ---------------------------------------------------------------------------------------------------------
    // lifecycle through the timelock
    // ---------------------------------------------------------------------------------------------------------

    /// @dev The timelock is a second fund's executor: a proposal accepts a token, prices it and opens a round on it,
    /// and after queue and delay the timelock executes it; then a deposit mints a receipt at that price.
    function test_lifecycle_proposeVoteQueueExecute_opensRoundOnFund() public {
        (VentureFund venture, VentureReceipts ventureReceipts) = _newFund(address(timelock));
        _invest(alice, 40e18);
        _invest(bob, 20e18);
        _stake(carol, 30e18);
        _mature();

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, stranger));
        venture.openRound(1, uint64(block.timestamp + 1), uint64(block.timestamp + 1));

        address[] memory t = new address[](3);
        uint256[] memory v = new uint256[](3);
        bytes[] memory c = new bytes[](3);
        (t[0], t[1], t[2]) = (address(venture), address(venture), address(venture));
        c[0] = abi.encodeCall(VentureFund.acceptToken, (address(usd), IVenturePriceSource(address(0)), 1 days));
        c[1] = abi.encodeCall(VentureFund.setPrice, (address(usd), 2e18));
        uint64 closesAt = uint64(block.timestamp + 30 days);
        c[2] = abi.encodeCall(VentureFund.openRound, (1_000_000e18, closesAt, closesAt + 60 days));
        string memory description = "Open round 1 of the venture fund";
        bytes32 descHash = keccak256(bytes(description));

        vm.prank(alice);
        uint256 id = governor.propose(t, v, c, description);
        _assertState(governor, id, IGovernor.ProposalState.Pending, "pending");
        _startVoting(governor, id);
        _vote(id, alice, FOR);
        _vote(id, bob, AGAINST);
        _vote(id, carol, FOR);
        _assertCombined(governor, id, 80 * POINT, 20 * POINT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Active,
                bytes32(uint256(1) << uint8(IGovernor.ProposalState.Succeeded))
            )
        );
        governor.queue(t, v, c, descHash);

        _endVoting(governor, id);
        _assertState(governor, id, IGovernor.ProposalState.Succeeded, "succeeded");
        governor.queue(t, v, c, descHash);
        _assertState(governor, id, IGovernor.ProposalState.Queued, "queued");
        assertEq(governor.proposalEta(id), block.timestamp + TIMELOCK_DELAY, "eta after the timelock delay");

        bytes32 salt = bytes20(address(governor)) ^ descHash;
        bytes32 operation = timelock.hashOperationBatch(t, v, c, 0, salt);
        assertTrue(timelock.isOperationPending(operation), "scheduled in the timelock");
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockControllerUpgradeable.TimelockUnexpectedOperationState.selector,
                operation,
                bytes32(uint256(1) << uint8(TimelockControllerUpgradeable.OperationState.Ready))
            )
        );
        governor.execute(t, v, c, descHash);

        vm.warp(governor.proposalEta(id));
        vm.expectEmit();
        emit IVentureFund.RoundOpened(1, 1_000_000e18, closesAt, closesAt + 60 days);
        governor.execute(t, v, c, descHash);
        _assertState(governor, id, IGovernor.ProposalState.Executed, "executed");
        assertTrue(timelock.isOperationDone(operation), "done in the timelock");
        assertEq(venture.roundCount(), 1, "round opened");
        assertEq(venture.tokenConfig(address(usd)).price, 2e18, "price set");

        usd.mint(erin, 10e18);
        vm.startPrank(erin);
        usd.approve(address(venture), 10e18);
        uint256 receiptId = venture.deposit(1, address(usd), 10e18, 20e18);
        vm.stopPrank();
        assertEq(ventureReceipts.receipt(receiptId).value, 20e18, "10 USD at 2 value units each");
    }
}
