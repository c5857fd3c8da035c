// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IDAORegistry} from "./IDAORegistry.sol";

/// @dev What the registry reads from a child DAO's treasury, which carries the DAO's record in its clone arguments.
interface IDAORecord {
    function daoRecord() external view returns (IDAORegistry.DAO memory);
}

/**
 * @title DAORegistry
 * @notice The tree of AI DAOs (see {IDAORegistry}) and the protocol fee every child treasury pays to the main one.
 * Owned by the main DAO's governance (its timelock).
 * @dev To keep creating a DAO cheap, the registry stores one word per DAO (its treasury); the rest of the record is
 * immutable and lives in the treasury clone's arguments (code is ~3.5x cheaper than storage). The main DAO (id 1) is
 * stored here. Children are listed from `DAORegistered` events, indexed by parent.
 * Invariant: protocolFeeBps() <= MAX_PROTOCOL_FEE_BPS (10%).
 * Invariant: every registered DAO's parent is registered and has a smaller id; id 1 is the main DAO.
 */
contract DAORegistry is IDAORegistry, Ownable {
    /// @notice The highest protocol fee governance may set: 10% of each child income.
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1_000;

    DAO private _mainDAO;
    address[] private _treasuries; // _treasuries[id - 2] for child DAOs
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
        _mainDAO = mainDAO;
        emit DAORegistered(1, 0, mainDAO.templateId, mainDAO);
        _setProtocolFeeBps(protocolFeeBps_);
        _factory = factory_;
        emit FactorySet(address(0), factory_);
    }

    /// @notice Registers a DAO the factory just created (its record is in its treasury) and returns its id.
    function register(DAO calldata d) external returns (uint256 daoId) {
        if (msg.sender != _factory) revert DAORegistryNotFactory(msg.sender);
        if (d.parentId == 0 || d.parentId > _treasuries.length + 1) revert DAORegistryUnknownDAO(d.parentId);
        _treasuries.push(d.treasury);
        daoId = _treasuries.length + 1;
        emit DAORegistered(daoId, d.parentId, d.templateId, d);
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
        if (daoId == 1) return _mainDAO;
        if (daoId == 0 || daoId > _treasuries.length + 1) revert DAORegistryUnknownDAO(daoId);
        return IDAORecord(_treasuries[daoId - 2]).daoRecord();
    }

    /// @inheritdoc IDAORegistry
    function executorOf(uint256 daoId) external view returns (address) {
        DAO memory d = dao(daoId);
        return d.mode == GovernanceMode.OffChain ? d.safe : d.timelock;
    }

    /// @inheritdoc IDAORegistry
    function daoCount() external view returns (uint256) {
        return _treasuries.length + 1;
    }

    /// @notice The treasury (the DAO's address) of `daoId`.
    function treasuryOf(uint256 daoId) external view returns (address) {
        if (daoId == 1) return _mainDAO.treasury;
        if (daoId == 0 || daoId > _treasuries.length + 1) revert DAORegistryUnknownDAO(daoId);
        return _treasuries[daoId - 2];
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
        return _mainDAO.treasury;
    }

    function _setProtocolFeeBps(uint16 bps) private {
        if (bps > MAX_PROTOCOL_FEE_BPS) revert DAORegistryFeeTooHigh(bps);
        uint16 old = _protocolFeeBps;
        _protocolFeeBps = bps;
        emit ProtocolFeeSet(old, bps);
    }
}
