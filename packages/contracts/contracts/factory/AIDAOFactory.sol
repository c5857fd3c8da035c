// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ChildGovernor} from "./ChildGovernor.sol";
import {ChildTimelock} from "./ChildTimelock.sol";
import {ChildTreasury} from "./ChildTreasury.sol";
import {DAOInfo} from "./DAOInfo.sol";
import {DAORegistry} from "./DAORegistry.sol";
import {IDAORegistry} from "./IDAORegistry.sol";
import {ITemplateSetup} from "./ITemplateSetup.sol";
import {TemplateRegistry} from "./TemplateRegistry.sol";

/// @dev The two Safe 1.4.1 entry points the factory uses.
interface ISafeProxyFactory {
    function createProxyWithNonce(
        address singleton,
        bytes memory initializer,
        uint256 saltNonce
    ) external returns (address);

    function proxyCreationCode() external pure returns (bytes memory);
}

interface ISafeSetup {
    function setup(
        address[] calldata owners,
        uint256 threshold,
        address to,
        bytes calldata data,
        address fallbackHandler,
        address paymentToken,
        uint256 payment,
        address payable paymentReceiver
    ) external;
}

/**
 * @title AIDAOFactory
 * @notice Creates a complete, purpose-built AI DAO in one transaction: the template's own contracts (through its
 * approved setup), a treasury, its governance (a Governor + timelock, a Safe, or both) and its registry entry. Every
 * contract is an EIP-1167 clone of a locked implementation, initialised in the same transaction, at an address that
 * depends only on the creator and its salt. A DAO created by another DAO's governance is that DAO's child.
 * @dev Invariant: no clone is ever left uninitialised (creation and initialisation happen in one call).
 * Invariant: addresses are a function of (factory, creator, salt): another creator can never take them.
 */
contract AIDAOFactory {
    /// @notice The locked implementations the factory clones.
    struct Implementations {
        address treasury;
        address governor;
        address timelock;
    }

    /// @notice The Safe 1.4.1 deployment used for DAOs governed off-chain.
    struct SafeDeployment {
        address proxyFactory;
        address singleton;
        address fallbackHandler;
    }

    /// @notice How the new DAO decides.
    struct Governance {
        IDAORegistry.GovernanceMode mode;
        uint48 votingDelay; // seconds (on-chain modes)
        uint32 votingPeriod; // seconds (on-chain modes)
        uint256 proposalThreshold; // votes needed to propose (on-chain modes)
        uint16 quorumPercent; // of the votes' total supply at the snapshot (on-chain modes)
        uint32 timelockDelay; // seconds (on-chain modes)
        address[] safeOwners; // off-chain modes
        uint256 safeThreshold; // off-chain modes
    }

    /// @notice Everything a creator chooses.
    struct CreateParams {
        bytes32 templateId;
        uint32 version;
        uint64 parentId; // 0: a child of the main DAO; otherwise the caller must be that DAO's executor
        string name;
        string daoURI;
        bytes32 salt;
        Governance governance;
        bytes templateData; // decoded by the template's setup
    }

    /// @notice What was created.
    struct Created {
        uint256 daoId;
        IDAORegistry.DAO dao;
    }

    DAORegistry private immutable _registry;
    TemplateRegistry private immutable _templates;
    address private immutable _treasuryImpl;
    address private immutable _governorImpl;
    address private immutable _timelockImpl;
    address private immutable _safeProxyFactory;
    address private immutable _safeSingleton;
    address private immutable _safeFallbackHandler;

    /// @notice Thrown when the governance parameters do not fit the chosen mode.
    error AIDAOFactoryInvalidGovernance(string reason);

    /// @notice Thrown when a template's setup returns no votes source for an on-chain DAO.
    error AIDAOFactoryNoVotes(bytes32 templateId);

    /// @notice Thrown when a template's setup asks for an impossible revenue distribution.
    error AIDAOFactoryInvalidDistribution(address distributor, uint256 bps);

    /// @notice Thrown when a template setup creates something other than what it predicted.
    error AIDAOFactorySetupMismatch(address setup);

    /// @notice Thrown when the caller claims a parent DAO whose executor it is not.
    error AIDAOFactoryNotParentExecutor(uint256 parentId, address caller);

    /// @notice Emitted once per DAO, after it is registered.
    event DAOCreated(
        uint256 indexed daoId,
        address indexed creator,
        bytes32 indexed templateId,
        uint32 version,
        address treasury,
        string name
    );

    constructor(
        DAORegistry registry_,
        TemplateRegistry templates_,
        Implementations memory impls,
        SafeDeployment memory safe_
    ) {
        _registry = registry_;
        _templates = templates_;
        _treasuryImpl = impls.treasury;
        _governorImpl = impls.governor;
        _timelockImpl = impls.timelock;
        _safeProxyFactory = safe_.proxyFactory;
        _safeSingleton = safe_.singleton;
        _safeFallbackHandler = safe_.fallbackHandler;
    }

    /// @notice Creates an AI DAO from an approved template version, in one transaction.
    function createDAO(CreateParams calldata p) external returns (Created memory created) {
        ITemplateSetup setup = ITemplateSetup(_templates.activeSetup(p.templateId, p.version));
        Governance calldata g = p.governance;
        (IDAORegistry.DAO memory d, bytes32 salt) = _validate(p);
        if (g.mode != IDAORegistry.GovernanceMode.OnChain) d.safe = _createSafe(g, salt);
        (ITemplateSetup.Context memory ctx, ITemplateSetup.Instance memory inst) = _layout(p, salt, d, setup);
        ITemplateSetup.Instance memory made = setup.instantiate(ctx, p.templateData);
        // The other contracts were written against the prediction; a setup that deviates is refused.
        if (keccak256(abi.encode(made)) != keccak256(abi.encode(inst)))
            revert AIDAOFactorySetupMismatch(address(setup));
        if (d.timelock != address(0)) {
            Clones.cloneDeterministicWithImmutableArgs(_timelockImpl, _timelockArgs(d, g), _salt(salt, 2));
        }
        if (d.timelock != address(0) && inst.governor == address(0)) {
            ChildGovernor(
                payable(
                    Clones.cloneDeterministicWithImmutableArgs(_governorImpl, _governorArgs(p, inst), _salt(salt, 1))
                )
            ).initialize(TimelockControllerUpgradeable(payable(d.timelock)));
        }
        Clones.cloneDeterministicWithImmutableArgs(_treasuryImpl, _treasuryArgs(p, d, inst), _salt(salt, 0));
        created.daoId = _registry.register(d);
        created.dao = d;
        emit DAOCreated(created.daoId, msg.sender, p.templateId, p.version, d.treasury, p.name);
    }

    /// @notice Where `creator`'s DAO with these parameters will be (or is): its treasury, governor and timelock.
    function predictDAO(
        address creator,
        CreateParams calldata p
    ) external view returns (address treasury, address governor, address timelock) {
        bytes32 salt = keccak256(abi.encode(creator, p.salt));
        IDAORegistry.DAO memory d;
        d.creator = creator;
        d.parentId = p.parentId > 1 ? p.parentId : 1;
        d.mode = p.governance.mode;
        d.templateId = p.templateId;
        d.version = p.version;
        if (p.governance.mode != IDAORegistry.GovernanceMode.OnChain) d.safe = _predictSafe(p.governance, salt);
        ITemplateSetup setup = ITemplateSetup(_templates.activeSetup(p.templateId, p.version));
        _layout(p, salt, d, setup);
        return (d.treasury, d.governor, d.timelock);
    }

    /// @notice The registries and implementations this factory uses.
    function config()
        external
        view
        returns (address registry, address templates, address treasuryImpl, address governorImpl, address timelockImpl)
    {
        return (address(_registry), address(_templates), _treasuryImpl, _governorImpl, _timelockImpl);
    }

    /// @dev Checks the creator's choices and starts the DAO's record.
    function _validate(CreateParams calldata p) private view returns (IDAORegistry.DAO memory d, bytes32 salt) {
        Governance calldata g = p.governance;
        bool onChain = g.mode != IDAORegistry.GovernanceMode.OffChain;
        bool offChain = g.mode != IDAORegistry.GovernanceMode.OnChain;
        if (onChain && (g.votingPeriod == 0 || g.quorumPercent > 100)) {
            revert AIDAOFactoryInvalidGovernance("on-chain governance needs a voting period and quorum <= 100%");
        }
        if (offChain && (g.safeThreshold == 0 || g.safeThreshold > g.safeOwners.length)) {
            revert AIDAOFactoryInvalidGovernance("the Safe needs 1 <= threshold <= owners");
        }
        if (p.parentId > 1 && msg.sender != _registry.executorOf(p.parentId)) {
            revert AIDAOFactoryNotParentExecutor(p.parentId, msg.sender);
        }
        salt = keccak256(abi.encode(msg.sender, p.salt));
        d.creator = msg.sender;
        d.mode = g.mode;
        d.templateId = p.templateId;
        d.version = p.version;
        d.parentId = p.parentId > 1 ? p.parentId : 1;
    }

    /// @dev Fixes every address of the new DAO. The governor's and timelock's addresses follow from what the creator
    /// chose; the template's contracts from the setup's prediction; the treasury's from all of them.
    function _layout(
        CreateParams calldata p,
        bytes32 salt,
        IDAORegistry.DAO memory d,
        ITemplateSetup setup
    ) private view returns (ITemplateSetup.Context memory ctx, ITemplateSetup.Instance memory inst) {
        bool onChain = p.governance.mode != IDAORegistry.GovernanceMode.OffChain;
        ctx = ITemplateSetup.Context({
            creator: d.creator,
            salt: salt,
            treasury: address(0),
            executor: address(0),
            safe: d.safe,
            registry: address(_registry),
            name: p.name,
            votingDelay: p.governance.votingDelay,
            votingPeriod: p.governance.votingPeriod,
            proposalThreshold: p.governance.proposalThreshold,
            quorumPercent: p.governance.quorumPercent
        });
        inst = setup.predict(ctx, p.templateData); // their own addresses never depend on the treasury or executor
        if (onChain) {
            if (inst.votes == address(0)) revert AIDAOFactoryNoVotes(p.templateId);
            d.governor =
                inst.governor != address(0)
                    ? inst.governor
                    : Clones.predictDeterministicAddressWithImmutableArgs(
                        _governorImpl,
                        _governorArgs(p, inst),
                        _salt(salt, 1)
                    );
            d.timelock = Clones.predictDeterministicAddressWithImmutableArgs(
                _timelockImpl,
                _timelockArgs(d, p.governance),
                _salt(salt, 2)
            );
        } else if (inst.governor != address(0)) {
            revert AIDAOFactoryInvalidGovernance("this template brings its own Governor: govern it on-chain");
        }
        if (inst.distributionBps > 10_000 || (inst.distributor == address(0) && inst.distributionBps != 0)) {
            revert AIDAOFactoryInvalidDistribution(inst.distributor, inst.distributionBps);
        }
        d.token = inst.token;
        d.module = inst.module;
        d.treasury = Clones.predictDeterministicAddressWithImmutableArgs(
            _treasuryImpl,
            _treasuryArgs(p, d, inst),
            _salt(salt, 0)
        );
        ctx.treasury = d.treasury;
        ctx.executor = onChain ? d.timelock : d.safe;
    }

    function _governorArgs(
        CreateParams calldata p,
        ITemplateSetup.Instance memory inst
    ) private pure returns (bytes memory) {
        Governance calldata g = p.governance;
        return
            abi.encode(
                ChildGovernor.Args({
                    votes: IVotes(inst.votes),
                    quorumPercent: g.quorumPercent,
                    votingDelay: g.votingDelay,
                    votingPeriod: g.votingPeriod,
                    proposalThreshold: g.proposalThreshold,
                    name: p.name
                })
            );
    }

    function _timelockArgs(IDAORegistry.DAO memory d, Governance calldata g) private pure returns (bytes memory) {
        address safe = g.mode == IDAORegistry.GovernanceMode.Both ? d.safe : address(0);
        return abi.encode(ChildTimelock.Args(d.governor, safe, g.timelockDelay));
    }

    function _treasuryArgs(
        CreateParams calldata p,
        IDAORegistry.DAO memory d,
        ITemplateSetup.Instance memory inst
    ) private pure returns (bytes memory) {
        return
            abi.encode(
                ChildTreasury.Args({
                    governor: d.governor,
                    timelock: d.timelock,
                    safe: d.safe,
                    creator: d.creator,
                    token: inst.token,
                    module: inst.module,
                    distributor: inst.distributor,
                    info: DAOInfo.pack(inst.distributionBps, d.parentId, p.version, p.governance.mode),
                    templateId: p.templateId,
                    daoURI: p.daoURI
                })
            );
    }

    function _createSafe(Governance calldata g, bytes32 salt) private returns (address) {
        return
            ISafeProxyFactory(_safeProxyFactory).createProxyWithNonce(
                _safeSingleton,
                _safeSetup(g),
                uint256(_salt(salt, 3))
            );
    }

    /// @dev Safe 1.4.1's SafeProxyFactory address derivation (CREATE2 over its proxy creation code).
    function _predictSafe(Governance calldata g, bytes32 salt) private view returns (address) {
        bytes32 proxySalt = keccak256(abi.encodePacked(keccak256(_safeSetup(g)), uint256(_salt(salt, 3))));
        bytes memory code = abi.encodePacked(
            ISafeProxyFactory(_safeProxyFactory).proxyCreationCode(),
            uint256(uint160(_safeSingleton))
        );
        return
            address(
                uint160(
                    uint256(keccak256(abi.encodePacked(bytes1(0xff), _safeProxyFactory, proxySalt, keccak256(code))))
                )
            );
    }

    function _safeSetup(Governance calldata g) private view returns (bytes memory) {
        return
            abi.encodeCall(
                ISafeSetup.setup,
                (
                    g.safeOwners,
                    g.safeThreshold,
                    address(0),
                    "",
                    _safeFallbackHandler,
                    address(0),
                    0,
                    payable(address(0))
                )
            );
    }

    function _salt(bytes32 salt, uint8 kind) private pure returns (bytes32) {
        return keccak256(abi.encode(salt, kind));
    }
}
