// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Foundry cheatcodes the UsageChannels tests need beyond test/utils/Vm.sol (Hardhat 3 / EDR implements them),
/// called at the same cheatcode address.
interface UsageCheats {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function chainId(uint256 newChainId) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;
    function expectCall(address callee, bytes calldata data, uint64 count) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
}
