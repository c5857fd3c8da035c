// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ITemplateSetup
 * @notice A template's setup: clones and initialises the template's own contracts (its token, its module) for a new
 * AI DAO, inside the factory's creation transaction. The factory wires the rest (treasury, governance, registry).
 */
interface ITemplateSetup {
    /// @notice What the factory tells the setup about the DAO being created. Addresses are final (deterministic)
    /// even though the treasury and governance contracts are created after the setup runs.
    struct Context {
        address creator;
        bytes32 salt; // already bound to the creator; derive every clone salt from it
        address treasury;
        address executor; // who acts for the DAO's governance: its timelock, or its Safe for off-chain DAOs
        address safe; // the DAO's Safe, or address(0)
        address registry; // the DAORegistry
        string name; // the DAO's name
        // The on-chain governance parameters the creator chose (for a template that brings its own Governor).
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint16 quorumPercent;
    }

    /// @notice What the setup created.
    struct Instance {
        address token; // the DAO's token (address(0) if none)
        address votes; // the IVotes source of its Governor (address(0) if off-chain only)
        address module; // the template's own contract, or address(0)
        address distributor; // receives the treasury's revenue (IRevenueDistributor), or address(0)
        uint16 distributionBps; // the share of each income (after the protocol fee) sent to the distributor
        // The template's own Governor over `votes`, initialised with the executor (the timelock) and the parameters
        // from the context; address(0): the factory creates its standard ChildGovernor. On-chain modes only.
        address governor;
    }

    /// @notice Thrown when anyone but the factory calls {instantiate}.
    error TemplateSetupNotFactory(address caller);

    /// @notice Thrown when the template data cannot be used.
    error TemplateSetupInvalidData(string reason);

    /// @notice Creates and initialises the template's contracts for a DAO. Only the factory may call it.
    function instantiate(Context calldata ctx, bytes calldata data) external returns (Instance memory);

    /// @notice What {instantiate} will return for the same context and data (every address is deterministic), so the
    /// factory can write it into the DAO's other contracts before they exist.
    function predict(Context calldata ctx, bytes calldata data) external view returns (Instance memory);

    /// @notice The template this setup builds, e.g. keccak256("revenue-sharing").
    function templateId() external view returns (bytes32);
}
