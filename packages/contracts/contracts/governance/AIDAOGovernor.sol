// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/**
 * @title AIDAOGovernor
 * @notice On-chain governance of the AIDAO protocol over matured staked AIDAO ({Staking}).
 * @dev A plain OpenZeppelin composition; nothing is overridden beyond what Solidity requires to resolve the
 * modules. Votes and the quorum base are read from {Staking} at the proposal's snapshot (unix seconds), so stake
 * younger than the minimum staking period counts zero. The quorum numerator is checkpointed, so lowering it never
 * revives a proposal that was defeated for lack of quorum. Descriptions ending in `#proposer=0x…` can only be
 * proposed by that address (front-running protection, built into Governor).
 */
contract AIDAOGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum,
    GovernorTimelockControl
{
    /// @notice Governance parameters fixed at deployment (all changeable later by governance itself).
    struct Params {
        uint48 votingDelay; // seconds between proposal and snapshot
        uint32 votingPeriod; // seconds of voting
        uint256 proposalThreshold; // matured staked AIDAO (18 decimals) needed to propose
        uint256 quorumNumerator; // percent of the matured staked supply
        uint48 lateQuorumExtension; // seconds of extra voting after a late quorum
    }

    /// @param staking The source of voting power.
    /// @param timelock The timelock that executes proposals and owns the protocol.
    /// @param params The initial governance parameters.
    constructor(
        IVotes staking,
        TimelockController timelock,
        Params memory params
    )
        Governor("AIDAO Governor")
        GovernorSettings(params.votingDelay, params.votingPeriod, params.proposalThreshold)
        GovernorVotes(staking)
        GovernorVotesQuorumFraction(params.quorumNumerator)
        GovernorPreventLateQuorum(params.lateQuorumExtension)
        GovernorTimelockControl(timelock)
    {}

    // The overrides below only resolve diamond inheritance between OpenZeppelin modules.

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
