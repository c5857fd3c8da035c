// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorSettingsUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/**
 * @title VentureGovernor
 * @notice The venture DAO's Governor: every decision combines two electorates as the AIDAO white paper says. The
 * investors (their venture receipts' value) hold `investorWeight`% of the vote (60 by default) and the AIDAO holders
 * (their matured staked AIDAO) the rest (40); each side is normalised to its own votes cast before they are combined:
 *
 *     side for = side weight × for / (for + against),  side against = side weight − side for
 *     combined for = Σ over sides with votes cast of side for (likewise against); abstentions only count for quorum.
 *
 * A proposal succeeds when combined for > combined against and each side reached its quorum (for + abstain >=
 * quorumPercent of that side's supply at the snapshot). A side nobody voted on contributes nothing (no division by
 * zero), and with a supply of zero its quorum is zero. Both sides are read at the proposal's snapshot on one
 * timestamp clock, so receipts or stake acquired after it add nothing; receipt votes are delegatable like any ERC-5805
 * votes. An OpenZeppelin composition (settings, votes, timelock control) with its own counting; an EIP-1167 clone
 * initialised by the venture setup.
 * @dev Rounding: side for is rounded down (and side against up), so an exact tie never passes.
 *
 * Invariant: for every proposal, combined for + combined against == Σ weights of the sides with votes cast × 1e18,
 * so the for share is within [0, 1].
 * Invariant: combined for is non-decreasing in each side's for votes and non-increasing in its against votes.
 */
contract VentureGovernor is
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorVotesUpgradeable,
    GovernorTimelockControlUpgradeable
{
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;

    /// @notice The two sides' tallies of one proposal.
    struct Tally {
        uint128 investorFor;
        uint128 investorAgainst;
        uint128 investorAbstain;
        uint128 holderFor;
        uint128 holderAgainst;
        uint128 holderAbstain;
    }

    /// @notice What the venture setup passes to {initialize}.
    struct Settings {
        string name;
        IVotes receipts; // the investors' votes (value of receipts)
        IVotes staking; // the AIDAO holders' votes (matured staked AIDAO)
        TimelockControllerUpgradeable timelock;
        uint8 investorWeight; // percent of the vote held by investors; holders hold the rest
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint16 quorumPercent; // of each side's supply at the snapshot
    }

    IVotes private _staking;
    uint8 private _investorWeight;
    Checkpoints.Trace208 private _quorumHistory;
    mapping(uint256 proposalId => Tally) private _tallies;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _voted;

    /// @notice Thrown when the investors' share of the vote is not within 1..99.
    error VentureGovernorInvalidWeight(uint256 investorWeight);
    /// @notice Thrown when the quorum is above 100%.
    error VentureGovernorInvalidQuorum(uint256 quorumPercent);
    /// @notice Thrown when the two vote sources do not use the same clock.
    error VentureGovernorClockMismatch(string receiptsClock, string stakingClock);
    /// @notice Thrown by {updateTimelock}: the venture DAO's timelock is its executor for good.
    error VentureGovernorTimelockFixed();

    /// @notice Emitted with every vote: the weight counted on each side.
    event CombinedVoteCast(
        address indexed voter,
        uint256 indexed proposalId,
        uint8 support,
        uint256 investorWeight,
        uint256 holderWeight
    );
    /// @notice Emitted when governance changes the quorum of each side.
    event QuorumPercentUpdated(uint256 oldQuorumPercent, uint256 newQuorumPercent);

    /// @dev The implementation is never used directly: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Called once by the venture setup when the DAO is created.
    function initialize(Settings calldata s) external initializer {
        if (s.investorWeight == 0 || s.investorWeight >= 100) revert VentureGovernorInvalidWeight(s.investorWeight);
        string memory receiptsClock = IERC5805(address(s.receipts)).CLOCK_MODE();
        string memory stakingClock = IERC5805(address(s.staking)).CLOCK_MODE();
        if (keccak256(bytes(receiptsClock)) != keccak256(bytes(stakingClock))) {
            revert VentureGovernorClockMismatch(receiptsClock, stakingClock);
        }
        __Governor_init(s.name);
        __GovernorSettings_init(s.votingDelay, s.votingPeriod, s.proposalThreshold);
        __GovernorVotes_init(s.receipts);
        __GovernorTimelockControl_init(s.timelock);
        _staking = s.staking;
        _investorWeight = s.investorWeight;
        _setQuorumPercent(s.quorumPercent);
    }

    // ------------------------------------------------------------------------------------------------ combined vote

    /// @notice The combined result of `proposalId` in points of 100 (18 decimals): e.g. (70e18, 30e18).
    function combinedVotes(uint256 proposalId) public view returns (uint256 forPoints, uint256 againstPoints) {
        Tally storage t = _tallies[proposalId];
        (uint256 f, uint256 a) = _side(_investorWeight, t.investorFor, t.investorAgainst);
        (uint256 hf, uint256 ha) = _side(100 - _investorWeight, t.holderFor, t.holderAgainst);
        return (f + hf, a + ha);
    }

    /// @notice The raw tallies of both sides of `proposalId`.
    function proposalTally(uint256 proposalId) external view returns (Tally memory) {
        return _tallies[proposalId];
    }

    /// @notice The share of the vote held by investors and by AIDAO holders, in percent.
    function sideWeights() external view returns (uint256 investors, uint256 holders) {
        return (_investorWeight, 100 - _investorWeight);
    }

    /// @notice The AIDAO holders' votes source (the protocol's staking); the investors' is {token}.
    function staking() external view returns (IVotes) {
        return _staking;
    }

    /// @notice Each side's quorum at `timepoint`: quorumPercent of its supply then.
    function sideQuorums(uint256 timepoint) public view returns (uint256 investors, uint256 holders) {
        uint256 pct = _quorumHistory.upperLookupRecent(SafeCast.toUint48(timepoint));
        investors = Math.mulDiv(token().getPastTotalSupply(timepoint), pct, 100);
        holders = Math.mulDiv(_staking.getPastTotalSupply(timepoint), pct, 100);
    }

    /// @notice The quorum percent applied to each side (now).
    function quorumPercent() external view returns (uint256) {
        return _quorumHistory.latest();
    }

    /// @notice Sets the quorum percent of each side for proposals whose snapshot is from now on. Governance only.
    function setQuorumPercent(uint16 newQuorumPercent) external onlyGovernance {
        _setQuorumPercent(newQuorumPercent);
    }

    /// @notice The sum of both sides' quorums (raw units of two different votes): see {sideQuorums}, which is what
    /// decides. Kept for IGovernor clients.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        (uint256 i, uint256 h) = sideQuorums(timepoint);
        return i + h;
    }

    /// @notice Ballots are for/against/abstain; quorum counts for + abstain on each side; see the contract header.
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure override returns (string memory) {
        return "support=bravo&quorum=for,abstain&params=venture-combined";
    }

    /// @notice Whether `account` voted on `proposalId`.
    function hasVoted(uint256 proposalId, address account) public view override returns (bool) {
        return _voted[proposalId][account];
    }

    /// @notice Disabled: the DAO's treasury, fund and registry entry name this timelock as the executor.
    function updateTimelock(TimelockControllerUpgradeable) public pure override {
        revert VentureGovernorTimelockFixed();
    }

    function _quorumReached(uint256 proposalId) internal view override returns (bool) {
        Tally storage t = _tallies[proposalId];
        (uint256 qi, uint256 qh) = sideQuorums(proposalSnapshot(proposalId));
        return uint256(t.investorFor) + t.investorAbstain >= qi && uint256(t.holderFor) + t.holderAbstain >= qh;
    }

    function _voteSucceeded(uint256 proposalId) internal view override returns (bool) {
        (uint256 f, uint256 a) = combinedVotes(proposalId);
        return f > a;
    }

    /// @dev A voter's raw weight on both sides together: what the proposal threshold compares.
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory
    ) internal view override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (uint256) {
        return token().getPastVotes(account, timepoint) + _staking.getPastVotes(account, timepoint);
    }

    /// @dev Counts the voter on each side with that side's votes at the snapshot (the passed total is their sum).
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory
    ) internal override returns (uint256) {
        if (_voted[proposalId][account]) revert GovernorAlreadyCastVote(account);
        if (support > uint8(VoteType.Abstain)) revert GovernorInvalidVoteType();
        _voted[proposalId][account] = true;
        uint256 snapshot = proposalSnapshot(proposalId);
        uint128 investor = token().getPastVotes(account, snapshot).toUint128();
        uint128 holder = (totalWeight - investor).toUint128();
        Tally storage t = _tallies[proposalId];
        if (support == uint8(VoteType.For)) {
            t.investorFor += investor;
            t.holderFor += holder;
        } else if (support == uint8(VoteType.Against)) {
            t.investorAgainst += investor;
            t.holderAgainst += holder;
        } else {
            t.investorAbstain += investor;
            t.holderAbstain += holder;
        }
        emit CombinedVoteCast(account, proposalId, support, investor, holder);
        return totalWeight;
    }

    function _setQuorumPercent(uint256 newQuorumPercent) private {
        if (newQuorumPercent > 100) revert VentureGovernorInvalidQuorum(newQuorumPercent);
        uint256 old = _quorumHistory.latest();
        _quorumHistory.push(clock(), uint208(newQuorumPercent));
        emit QuorumPercentUpdated(old, newQuorumPercent);
    }

    /// @dev One side's normalised (for, against) in points × 1e18; (0, 0) when nobody voted for or against on it.
    function _side(uint256 weight, uint256 f, uint256 a) private pure returns (uint256, uint256) {
        if (f + a == 0) return (0, 0);
        uint256 points = weight * 1e18;
        uint256 sideFor = Math.mulDiv(points, f, f + a);
        return (sideFor, points - sideFor);
    }

    /// @dev Ballots are counted with `VoteType` as in OpenZeppelin's simple counting.
    enum VoteType {
        Against,
        For,
        Abstain
    }

    // The overrides below only resolve diamond inheritance between OpenZeppelin modules.

    /// @inheritdoc GovernorUpgradeable
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc GovernorUpgradeable
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorUpgradeable
    function state(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor()
        internal
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (address)
    {
        return super._executor();
    }
}
