// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorCountingSimpleUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingSimpleUpgradeable.sol";
import {GovernorSettingsUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {GovernorVotesQuorumFractionUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesQuorumFractionUpgradeable.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/**
 * @title ChildGovernor
 * @notice The Governor of an AI DAO with on-chain governance: an OpenZeppelin composition (settings, simple counting,
 * votes, quorum fraction, timelock control) as an EIP-1167 clone over the DAO's own votes (its token, supporter units
 * or membership). Its EIP-712 domain is the clone's own address, so a ballot signed for one DAO never counts in another.
 * @dev The name and the initial settings are the clone's immutable arguments (they are known before anything else is
 * created, so the governor's address is too); creating a DAO stores only the timelock (OpenZeppelin reads it from
 * storage directly).
 * Settings changed later by governance are stored and override the arguments.
 */
contract ChildGovernor is
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorCountingSimpleUpgradeable,
    GovernorVotesUpgradeable,
    GovernorVotesQuorumFractionUpgradeable,
    GovernorTimelockControlUpgradeable
{
    /// @notice What the factory writes into each clone's immutable arguments.
    struct Args {
        IVotes votes;
        uint256 quorumPercent;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        string name;
    }

    // Settings changed by governance after creation (they override the clone arguments once set). They live here
    // rather than in GovernorSettings' storage, whose events would report 0 as the old value of an argument.
    bool private _delayChanged;
    bool private _periodChanged;
    bool private _thresholdChanged;
    uint48 private _votingDelay;
    uint32 private _votingPeriod;
    uint256 private _proposalThreshold;
    /// @dev When governance first changed the quorum (0: never); before it, the argument applies.
    uint48 private _quorumChangedAt;

    /// @notice Thrown by {updateTimelock}: a child DAO's timelock is its executor for good (see below).
    error ChildGovernorTimelockFixed();

    constructor() {
        _disableInitializers();
    }

    /// @notice Disabled. The DAO's treasury, registry entry and template contracts name the founding timelock as the
    /// DAO's executor, so moving the governor to another timelock would strand them (and, in mode Both, leave the
    /// Safe's founding roles in control). A DAO that wants different governance creates a successor DAO.
    function updateTimelock(TimelockControllerUpgradeable) public pure override {
        revert ChildGovernorTimelockFixed();
    }

    /// @notice Called by the factory in the creation transaction: the timelock is the one setting OpenZeppelin
    /// keeps in storage only.
    function initialize(TimelockControllerUpgradeable timelock_) external initializer {
        __GovernorTimelockControl_init(timelock_);
    }

    /// @inheritdoc GovernorVotesUpgradeable
    function token() public view override returns (IERC5805) {
        return IERC5805(address(_args().votes));
    }

    /// @inheritdoc GovernorVotesQuorumFractionUpgradeable
    function quorumNumerator() public view override returns (uint256) {
        return _quorumChangedAt == 0 ? _args().quorumPercent : super.quorumNumerator();
    }

    /// @inheritdoc GovernorVotesQuorumFractionUpgradeable
    function quorumNumerator(uint256 timepoint) public view override returns (uint256) {
        // History before the first change is the argument: a quorum lowered later never revives an old proposal.
        uint48 changedAt = _quorumChangedAt;
        return changedAt == 0 || timepoint < changedAt ? _args().quorumPercent : super.quorumNumerator(timepoint);
    }

    /// @inheritdoc GovernorUpgradeable
    function name() public view override returns (string memory) {
        return _args().name;
    }

    /// @inheritdoc GovernorSettingsUpgradeable
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return _delayChanged ? _votingDelay : _args().votingDelay;
    }

    /// @inheritdoc GovernorSettingsUpgradeable
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return _periodChanged ? _votingPeriod : _args().votingPeriod;
    }

    // The overrides below only resolve diamond inheritance between OpenZeppelin modules.

    /// @inheritdoc GovernorUpgradeable
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return _thresholdChanged ? _proposalThreshold : _args().proposalThreshold;
    }

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        emit VotingDelaySet(votingDelay(), newVotingDelay);
        _delayChanged = true;
        _votingDelay = newVotingDelay;
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        if (newVotingPeriod == 0) revert GovernorInvalidVotingPeriod(0);
        emit VotingPeriodSet(votingPeriod(), newVotingPeriod);
        _periodChanged = true;
        _votingPeriod = newVotingPeriod;
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        emit ProposalThresholdSet(proposalThreshold(), newProposalThreshold);
        _thresholdChanged = true;
        _proposalThreshold = newProposalThreshold;
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        // The parent reads the old value through quorumNumerator() (still the argument) before pushing the new one.
        super._updateQuorumNumerator(newQuorumNumerator);
        if (_quorumChangedAt == 0) _quorumChangedAt = clock();
    }

    function _EIP712Name() internal view override returns (string memory) {
        return _args().name;
    }

    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }

    function _args() private view returns (Args memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Args));
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

    /// @inheritdoc GovernorUpgradeable
    function quorum(
        uint256 timepoint
    ) public view override(GovernorUpgradeable, GovernorVotesQuorumFractionUpgradeable) returns (uint256) {
        return super.quorum(timepoint);
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
