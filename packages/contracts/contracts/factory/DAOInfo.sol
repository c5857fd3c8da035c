// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDAORegistry} from "./IDAORegistry.sol";

/**
 * @title DAOInfo
 * @notice Packs a DAO's small numbers into one word of its treasury's clone arguments (each byte of a clone's code
 * costs 200 gas). Layout: distributionBps (bits 0-15) | parentId (16-79) | version (80-111) | mode (112-119).
 */
library DAOInfo {
    function pack(
        uint16 bps,
        uint64 parent,
        uint32 templateVersion,
        IDAORegistry.GovernanceMode governanceMode
    ) internal pure returns (uint256) {
        return
            uint256(bps) |
            (uint256(parent) << 16) |
            (uint256(templateVersion) << 80) |
            (uint256(uint8(governanceMode)) << 112);
    }

    function distributionBps(uint256 info) internal pure returns (uint16) {
        return uint16(info);
    }

    function parentId(uint256 info) internal pure returns (uint64) {
        return uint64(info >> 16);
    }

    function version(uint256 info) internal pure returns (uint32) {
        return uint32(info >> 80);
    }

    function mode(uint256 info) internal pure returns (IDAORegistry.GovernanceMode) {
        return IDAORegistry.GovernanceMode(uint8(info >> 112));
    }
}
