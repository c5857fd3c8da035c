// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDAORegistry} from "../../../contracts/factory/IDAORegistry.sol";

/// @dev A DAO registry for tests: anyone adds a DAO with a given executor (an on-chain DAO's timelock, or an
/// off-chain DAO's Safe) and may change it later. Unknown ids revert like the real registry's.
contract MockDAORegistry is IDAORegistry {
    DAO[] private _daos; // _daos[i] is DAO i + 1
    mapping(uint256 daoId => uint256[]) private _children;
    mapping(address account => uint256 daoId) private _daoIdOf;

    /// @dev Adds a DAO whose executor is `executor`: its timelock if `onChain`, its Safe otherwise.
    function addDAO(address executor, bool onChain) public returns (uint256 daoId) {
        DAO memory d;
        d.treasury = address(uint160(0x7EA5000 + _daos.length + 1));
        d.creator = msg.sender;
        d.parentId = _daos.length == 0 ? 0 : 1;
        d.version = 1;
        d.templateId = keccak256("test");
        if (onChain) {
            d.mode = GovernanceMode.OnChain;
            d.timelock = executor;
            d.governor = address(uint160(0x60F000 + _daos.length + 1));
        } else {
            d.mode = GovernanceMode.OffChain;
            d.safe = executor;
        }
        _daos.push(d);
        daoId = _daos.length;
        if (d.parentId != 0) _children[d.parentId].push(daoId);
        _daoIdOf[d.treasury] = daoId;
        if (executor != address(0)) _daoIdOf[executor] = daoId;
        emit DAORegistered(daoId, d.parentId, d.templateId, d);
    }

    /// @dev Shorthand for an on-chain DAO.
    function addDAO(address executor) external returns (uint256) {
        return addDAO(executor, true);
    }

    /// @dev Replaces the executor of `daoId` (its timelock or its Safe, by mode).
    function setExecutor(uint256 daoId, address executor) external {
        DAO storage d = _dao(daoId);
        if (d.mode == GovernanceMode.OffChain) d.safe = executor;
        else d.timelock = executor;
        _daoIdOf[executor] = daoId;
    }

    function dao(uint256 daoId) external view returns (DAO memory) {
        return _dao(daoId);
    }

    function executorOf(uint256 daoId) external view returns (address) {
        DAO storage d = _dao(daoId);
        return d.mode == GovernanceMode.OffChain ? d.safe : d.timelock;
    }

    function daoIdOf(address account) external view returns (uint256) {
        return _daoIdOf[account];
    }

    function children(uint256 daoId) external view returns (uint256[] memory) {
        _dao(daoId);
        return _children[daoId];
    }

    function daoCount() external view returns (uint256) {
        return _daos.length;
    }

    function _dao(uint256 daoId) private view returns (DAO storage) {
        if (daoId == 0 || daoId > _daos.length) revert DAORegistryUnknownDAO(daoId);
        return _daos[daoId - 1];
    }
}
