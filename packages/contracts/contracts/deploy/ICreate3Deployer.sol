// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICreate3Deployer
 * @notice Deploys contracts at addresses fixed in advance by the caller and a salt alone, whatever their constructor
 * arguments (CREATE3): two contracts that must each know the other's address can be deployed one after the other.
 * Salts are namespaced by caller, so nobody can take another caller's addresses.
 */
interface ICreate3Deployer {
    /// @notice Emitted when `caller` deploys a contract at `deployed` under `salt`.
    event Deployed(address indexed caller, bytes32 indexed salt, address deployed);

    /// @notice Deploys `initCode` (creation code and constructor arguments) at {predict}(msg.sender, salt), forwarding
    /// msg.value to its constructor. Reverts if the caller used this salt before or the constructor reverts.
    /// @param salt The caller's salt.
    /// @param initCode The creation code followed by the ABI-encoded constructor arguments.
    /// @return deployed The new contract's address.
    function deploy(bytes32 salt, bytes calldata initCode) external payable returns (address deployed);

    /// @notice Where {deploy} called by `caller` with `salt` puts its contract (or put it).
    function predict(address caller, bytes32 salt) external view returns (address);
}
