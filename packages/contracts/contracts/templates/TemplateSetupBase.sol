// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {DAORegistry} from "../factory/DAORegistry.sol";
import {ITemplateSetup} from "../factory/ITemplateSetup.sol";

/**
 * @title TemplateSetupBase
 * @notice What every template setup shares: only the protocol's factory may instantiate, and clones are created at
 * addresses derived from the creator-bound salt the factory passes.
 */
abstract contract TemplateSetupBase is ITemplateSetup {
    DAORegistry internal immutable _registry;
    bytes32 private immutable _templateId;

    constructor(DAORegistry registry_, string memory templateName) {
        _registry = registry_;
        _templateId = keccak256(bytes(templateName));
    }

    modifier onlyFactory() {
        if (msg.sender != _registry.factory()) revert TemplateSetupNotFactory(msg.sender);
        _;
    }

    /// @inheritdoc ITemplateSetup
    function templateId() external view returns (bytes32) {
        return _templateId;
    }

    /// @dev Clones `implementation` at an address fixed by the DAO's salt and the clone's role in it.
    function _clone(address implementation, bytes32 salt, string memory role) internal returns (address) {
        return Clones.cloneDeterministic(implementation, keccak256(abi.encode(salt, role)));
    }

    /// @dev Where {_clone} puts (or put) the same clone.
    function _predictClone(address implementation, bytes32 salt, string memory role) internal view returns (address) {
        return Clones.predictDeterministicAddress(implementation, keccak256(abi.encode(salt, role)));
    }
}
