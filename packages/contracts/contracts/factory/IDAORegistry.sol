// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IDAORegistry
 * @notice Every AI DAO of the AIDAO protocol, with its parent (a DAO of DAOs), template and governance mode.
 * DAO ids start at 1; id 1 is the main AIDAO DAO, the root of the tree.
 */
interface IDAORegistry {
    /// @notice How a DAO decides.
    /// OnChain: a Governor + timelock; the timelock executes. OffChain: a hub space whose passed proposals a Safe
    /// executes; the Safe executes. Both: the timelock executes, and the Safe may also schedule into it.
    enum GovernanceMode {
        OnChain,
        OffChain,
        Both
    }

    /// @notice A registered DAO.
    struct DAO {
        address treasury; // the DAO's address (ERC-4824 daoURI lives there); holds its assets
        address token; // its token (address(0) if none)
        address governor; // its Governor (address(0) if off-chain only)
        address timelock; // its timelock (address(0) if off-chain only)
        address safe; // its Safe (address(0) if on-chain only)
        address module; // the template's own contract (donation vault, grant program, consortium…) or address(0)
        address creator; // who created it
        uint64 parentId; // the DAO whose governance created it (1, the main DAO, for DAOs created by anyone else)
        uint32 version; // the template version it was created from
        GovernanceMode mode;
        bytes32 templateId; // e.g. keccak256("revenue-sharing")
    }

    /// @notice Thrown for a DAO id that is not registered.
    error DAORegistryUnknownDAO(uint256 daoId);

    /// @notice Thrown when someone other than the factory registers a DAO.
    error DAORegistryNotFactory(address caller);

    /// @notice Emitted when a DAO is registered; indexers build the tree (children by parent) from it.
    event DAORegistered(uint256 indexed daoId, uint256 indexed parentId, bytes32 indexed templateId, DAO dao);

    /// @notice The DAO registered under `daoId`.
    function dao(uint256 daoId) external view returns (DAO memory);

    /// @notice Who acts for `daoId`'s governance: its timelock (OnChain, Both) or its Safe (OffChain).
    function executorOf(uint256 daoId) external view returns (address);

    /// @notice How many DAOs are registered (ids are 1..daoCount()).
    function daoCount() external view returns (uint256);
}
