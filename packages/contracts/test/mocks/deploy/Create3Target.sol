// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev What Create3Deployer tests deploy: records its argument, its creator and the value it was given.
contract Create3Target {
    error Create3TargetRefused(uint256 value);

    uint256 public immutable value;
    address public immutable creator;

    constructor(uint256 value_) payable {
        if (value_ == 0) revert Create3TargetRefused(value_);
        value = value_;
        creator = msg.sender;
    }
}
