// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Create3} from "@openzeppelin/contracts/utils/Create3.sol";
import {ICreate3Deployer} from "./ICreate3Deployer.sol";

/**
 * @title Create3Deployer
 * @notice See {ICreate3Deployer}. The deploy module creates it through the deterministic-deployment proxy
 * (0x4e59b44847b379578588920ca78fbf26c0b4956c) with salt zero and no constructor arguments, so it has the same address
 * on every chain, and so do the contracts it deploys for the same caller and salt.
 * @dev It holds nothing and has no owner. A deployed contract's constructor sees an intermediate proxy as msg.sender,
 * never this contract or the caller: constructors must take their owner as an argument.
 */
contract Create3Deployer is ICreate3Deployer {
    /// @inheritdoc ICreate3Deployer
    function deploy(bytes32 salt, bytes calldata initCode) external payable returns (address deployed) {
        deployed = Create3.deploy(msg.value, _namespaced(msg.sender, salt), initCode);
        emit Deployed(msg.sender, salt, deployed);
    }

    /// @inheritdoc ICreate3Deployer
    function predict(address caller, bytes32 salt) external view returns (address) {
        return Create3.computeAddress(_namespaced(caller, salt));
    }

    /// @dev One caller's salt can never collide with another's.
    function _namespaced(address caller, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(caller, salt));
    }
}
