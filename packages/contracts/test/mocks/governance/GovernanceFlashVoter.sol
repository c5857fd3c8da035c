// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IStaking} from "../../../contracts/staking/IStaking.sol";

/// @dev A flash-loan style attacker: in one transaction it acquires AIDAO (pulled from a `lender` that approved it,
/// standing in for a flash loan), stakes it and votes with it.
contract GovernanceFlashVoter {
    IERC20 public immutable token;
    IStaking public immutable staking;
    IGovernor public immutable governor;

    constructor(IERC20 token_, IStaking staking_, IGovernor governor_) {
        token = token_;
        staking = staking_;
        governor = governor_;
    }

    /// @return weight The weight the governor counted for the vote.
    function acquireStakeAndVote(
        address lender,
        uint256 amount,
        uint256 proposalId,
        uint8 support
    ) external returns (uint256 weight) {
        token.transferFrom(lender, address(this), amount);
        token.approve(address(staking), amount);
        staking.stake(amount);
        weight = governor.castVote(proposalId, support);
    }
}
