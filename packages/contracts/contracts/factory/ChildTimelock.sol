// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/**
 * @title ChildTimelock
 * @notice The timelock of an AI DAO with on-chain governance: OpenZeppelin's TimelockController as an EIP-1167 clone.
 * Its governor (and, in mode Both, its Safe) are proposer, executor and canceller, and it administers itself.
 * @dev No initializer: the governor, the Safe and the minimum delay are the clone's immutable arguments, so creating a
 * DAO writes no role storage. Those founding roles — the governor's and, in mode Both, the Safe's — are answered by
 * {hasRole} from the arguments and are permanent (the governor cannot move to another timelock either: the timelock is
 * the DAO's executor for good); any other role governance grants later is stored as usual. A delay changed by
 * governance overrides the argument.
 * Invariant: the governor always holds the proposer, executor and canceller roles; nobody but the timelock is admin.
 */
contract ChildTimelock is TimelockControllerUpgradeable {
    /// @notice What the factory writes into each clone's immutable arguments.
    struct Args {
        address governor;
        address safe; // address(0) unless the DAO is governed both ways
        uint256 minDelay;
    }

    bool private _delayChanged;
    uint256 private _delay;

    /// @notice Thrown by {initialize}: a child timelock is configured by its clone arguments only.
    error ChildTimelockNotInitializable();

    /// @notice Thrown when governance tries to revoke a founding role.
    error ChildTimelockFoundingRole(bytes32 role, address account);

    /// @notice Disabled: the clone arguments configure the timelock (nobody can initialise it with other roles).
    function initialize(uint256, address[] memory, address[] memory, address) public pure override {
        revert ChildTimelockNotInitializable();
    }

    /// @notice Whether `account` has `role`, founding roles included.
    function hasRole(bytes32 role, address account) public view override returns (bool) {
        return _isFounding(role, account) || super.hasRole(role, account);
    }

    /// @notice The minimum delay of operations, in seconds.
    function getMinDelay() public view override returns (uint256) {
        return _delayChanged ? _delay : _args().minDelay;
    }

    /// @notice Governance (the timelock itself) changes the minimum delay.
    function updateDelay(uint256 newDelay) public override {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
        emit MinDelayChange(getMinDelay(), newDelay);
        _delayChanged = true;
        _delay = newDelay;
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool) {
        if (_isFounding(role, account)) revert ChildTimelockFoundingRole(role, account);
        return super._revokeRole(role, account);
    }

    function _isFounding(bytes32 role, address account) private view returns (bool) {
        if (account == address(this)) return role == DEFAULT_ADMIN_ROLE;
        if (role != PROPOSER_ROLE && role != EXECUTOR_ROLE && role != CANCELLER_ROLE) return false;
        Args memory a = _args();
        return account == a.governor || (account == a.safe && account != address(0));
    }

    function _args() private view returns (Args memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Args));
    }
}
