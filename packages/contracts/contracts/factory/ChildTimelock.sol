// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

/**
 * @title ChildTimelock
 * @notice The timelock of an AI DAO with on-chain governance: OpenZeppelin's TimelockController as an EIP-1167 clone,
 * initialised by the factory with the DAO's governor (and, in mode Both, its Safe) as proposer and executor and no
 * admin but itself.
 */
contract ChildTimelock is TimelockControllerUpgradeable {
    constructor() {
        _disableInitializers();
    }
}
