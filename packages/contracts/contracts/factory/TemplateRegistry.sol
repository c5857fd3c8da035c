// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ITemplateSetup} from "./ITemplateSetup.sol";

/**
 * @title TemplateRegistry
 * @notice The AI DAO templates (venture, donation, grant, consortium, revenue-sharing) and their versions that the main
 * DAO's governance approved. A version is a template setup contract (which clones and wires the template's own
 * contracts) with a metadata URI. The factory only creates DAOs from approved, active versions.
 * @dev Invariant: version numbers of a template are 1, 2, 3… in approval order and never reused.
 */
contract TemplateRegistry is Ownable {
    /// @notice An approved version of a template.
    struct Version {
        address setup; // the ITemplateSetup contract
        bool active; // false once revoked
        string metadataURI;
    }

    /// @notice A version to approve at deployment.
    struct InitialVersion {
        bytes32 templateId;
        address setup;
        string metadataURI;
    }

    mapping(bytes32 templateId => Version[]) private _versions;
    bytes32[] private _templateIds;

    /// @notice Thrown for a template version that was never approved.
    error TemplateRegistryUnknownVersion(bytes32 templateId, uint32 version);

    /// @notice Thrown when creating from a version governance revoked.
    error TemplateRegistryRevokedVersion(bytes32 templateId, uint32 version);

    /// @notice Thrown when a setup address has no code, or builds another template than the one it is approved for.
    error TemplateRegistryInvalidSetup(address setup);

    /// @notice Emitted when governance approves a version.
    event VersionApproved(bytes32 indexed templateId, uint32 indexed version, address setup, string metadataURI);

    /// @notice Emitted when governance revokes a version.
    event VersionRevoked(bytes32 indexed templateId, uint32 indexed version);

    /// @param owner_ The main DAO's timelock.
    /// @param initial Versions approved at deployment (the templates shipped with the protocol).
    constructor(address owner_, InitialVersion[] memory initial) Ownable(owner_) {
        for (uint256 i = 0; i < initial.length; ++i) {
            _approve(initial[i].templateId, initial[i].setup, initial[i].metadataURI);
        }
    }

    /// @notice Governance approves a new version of `templateId`; returns its number.
    function approveVersion(
        bytes32 templateId,
        address setup,
        string calldata metadataURI
    ) external onlyOwner returns (uint32) {
        return _approve(templateId, setup, metadataURI);
    }

    /// @notice Governance revokes a version: no new DAO can be created from it (existing DAOs are unaffected).
    function revokeVersion(bytes32 templateId, uint32 versionNumber) external onlyOwner {
        _version(templateId, versionNumber).active = false;
        emit VersionRevoked(templateId, versionNumber);
    }

    /// @notice The setup of an approved, active version; reverts otherwise.
    function activeSetup(bytes32 templateId, uint32 versionNumber) external view returns (address) {
        Version storage v = _version(templateId, versionNumber);
        if (!v.active) revert TemplateRegistryRevokedVersion(templateId, versionNumber);
        return v.setup;
    }

    /// @notice A version of a template.
    function version(bytes32 templateId, uint32 versionNumber) external view returns (Version memory) {
        return _version(templateId, versionNumber);
    }

    /// @notice The latest approved version number of a template (0 if none).
    function latestVersion(bytes32 templateId) external view returns (uint32) {
        return uint32(_versions[templateId].length);
    }

    /// @notice Every template that has at least one approved version.
    function templateIds() external view returns (bytes32[] memory) {
        return _templateIds;
    }

    function _approve(bytes32 templateId, address setup, string memory metadataURI) private returns (uint32 number) {
        if (setup.code.length == 0 || ITemplateSetup(setup).templateId() != templateId) {
            revert TemplateRegistryInvalidSetup(setup);
        }
        Version[] storage versions = _versions[templateId];
        if (versions.length == 0) _templateIds.push(templateId);
        versions.push(Version({setup: setup, active: true, metadataURI: metadataURI}));
        number = uint32(versions.length);
        emit VersionApproved(templateId, number, setup, metadataURI);
    }

    function _version(bytes32 templateId, uint32 number) private view returns (Version storage) {
        Version[] storage versions = _versions[templateId];
        if (number == 0 || number > versions.length) revert TemplateRegistryUnknownVersion(templateId, number);
        return versions[number - 1];
    }
}
