// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IDAORegistry} from "./IDAORegistry.sol";

/**
 * @title DAORegistry
 * @notice The tree of AI DAOs (see {IDAORegistry}) and the protocol fee every child treasury pays to the main one.
 * Owned by the main DAO's governance (its timelock).
 * @dev Invariant: protocolFeeBps() <= MAX_PROTOCOL_FEE_BPS (10%).
 * Invariant: every registered DAO's parent is registered and has a smaller id; id 1 is the main DAO.
 */
contract DAORegistry is IDAORegistry, Ownable {
    /// @notice The highest protocol fee governance may set: 10% of each child income.
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1_000;

    DAO[] private _daos; // _daos[id - 1]
    mapping(address account => uint256 daoId) private _daoIdOf;
    mapping(uint256 daoId => uint256[]) private _children;
    address private _factory;
    uint16 private _protocolFeeBps;

    /// @notice Thrown when governance sets a protocol fee above MAX_PROTOCOL_FEE_BPS.
    error DAORegistryFeeTooHigh(uint256 bps);

    /// @notice Emitted when governance names the factory allowed to register DAOs.
    event FactorySet(address oldFactory, address newFactory);

    /// @notice Emitted when governance changes the protocol fee.
    event ProtocolFeeSet(uint16 oldBps, uint16 newBps);

    /// @param owner_ The main DAO's timelock.
    /// @param mainDAO The main AIDAO DAO, registered as id 1 (its own parent is 0).
    /// @param protocolFeeBps_ The initial protocol fee in basis points.
    /// @param factory_ The factory allowed to register DAOs (governance may name another later).
    constructor(address owner_, DAO memory mainDAO, uint16 protocolFeeBps_, address factory_) Ownable(owner_) {
        mainDAO.parentId = 0;
        _store(mainDAO);
        _setProtocolFeeBps(protocolFeeBps_);
        _factory = factory_;
        emit FactorySet(address(0), factory_);
    }

    /// @notice Registers a DAO created by the factory and returns its id.
    function register(DAO calldata d) external returns (uint256 daoId) {
        if (msg.sender != _factory) revert DAORegistryNotFactory(msg.sender);
        if (d.parentId == 0 || d.parentId > _daos.length) revert DAORegistryUnknownDAO(d.parentId);
        daoId = _store(d);
        _children[d.parentId].push(daoId);
        emit DAORegistered(daoId, d.parentId, d.templateId, d.treasury, d.mode);
    }

    /// @notice Governance names the factory allowed to register DAOs.
    function setFactory(address factory_) external onlyOwner {
        address old = _factory;
        _factory = factory_;
        emit FactorySet(old, factory_);
    }

    /// @notice Governance sets the share of every child income paid to the main treasury (at most 10%).
    function setProtocolFeeBps(uint16 bps) external onlyOwner {
        _setProtocolFeeBps(bps);
    }

    /// @inheritdoc IDAORegistry
    function dao(uint256 daoId) public view returns (DAO memory) {
        if (daoId == 0 || daoId > _daos.length) revert DAORegistryUnknownDAO(daoId);
        return _daos[daoId - 1];
    }

    /// @inheritdoc IDAORegistry
    function executorOf(uint256 daoId) external view returns (address) {
        DAO memory d = dao(daoId);
        return d.mode == GovernanceMode.OffChain ? d.safe : d.timelock;
    }

    /// @inheritdoc IDAORegistry
    function daoIdOf(address account) external view returns (uint256) {
        return _daoIdOf[account];
    }

    /// @inheritdoc IDAORegistry
    function children(uint256 daoId) external view returns (uint256[] memory) {
        dao(daoId);
        return _children[daoId];
    }

    /// @inheritdoc IDAORegistry
    function daoCount() external view returns (uint256) {
        return _daos.length;
    }

    /// @notice The factory allowed to register DAOs.
    function factory() external view returns (address) {
        return _factory;
    }

    /// @notice The share of every child income paid to the main treasury, in basis points.
    function protocolFeeBps() external view returns (uint16) {
        return _protocolFeeBps;
    }

    /// @notice The main DAO's treasury, which receives protocol fees.
    function mainTreasury() external view returns (address) {
        return _daos[0].treasury;
    }

    function _store(DAO memory d) private returns (uint256 daoId) {
        _daos.push(d);
        daoId = _daos.length;
        // Reverse lookups let a DAO's own contracts be recognised (e.g. as the parent of what they create).
        if (d.treasury != address(0)) _daoIdOf[d.treasury] = daoId;
        if (d.timelock != address(0)) _daoIdOf[d.timelock] = daoId;
        if (d.safe != address(0)) _daoIdOf[d.safe] = daoId;
    }

    function _setProtocolFeeBps(uint16 bps) private {
        if (bps > MAX_PROTOCOL_FEE_BPS) revert DAORegistryFeeTooHigh(bps);
        uint16 old = _protocolFeeBps;
        _protocolFeeBps = bps;
        emit ProtocolFeeSet(old, bps);
    }
}
