// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ChildGovernor} from "./ChildGovernor.sol";
import {ChildTimelock} from "./ChildTimelock.sol";
import {ChildTreasury} from "./ChildTreasury.sol";
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
        address setup = _templates.activeSetup(p.templateId, p.version);
        (IDAORegistry.DAO memory d, bytes32 salt) = _plan(p);
        address executor = d.mode == IDAORegistry.GovernanceMode.OffChain ? d.safe : d.timelock;
        ITemplateSetup.Instance memory inst = ITemplateSetup(setup).instantiate(
            ITemplateSetup.Context({
                creator: msg.sender,
                salt: salt,
                treasury: d.treasury,
                executor: executor,
                safe: d.safe,
                registry: address(_registry)
            }),
            p.templateData
        );
        d.token = inst.token;
        d.module = inst.module;
        _createTreasury(salt, executor, inst, p.daoURI);
        if (d.governor != address(0)) {
            if (inst.votes == address(0)) revert AIDAOFactoryNoVotes(p.templateId);
            _createGovernance(p.name, p.governance, salt, d, IVotes(inst.votes));
        }
        created.daoId = _registry.register(d);
        created.dao = d;
        emit DAOCreated(created.daoId, msg.sender, p.templateId, p.version, d.treasury, p.name);
    }

    /// @notice Where `creator`'s DAO with `salt` will be (or is): its treasury, governor and timelock.
    function predictDAO(
        address creator,
        bytes32 salt
    ) external view returns (address treasury, address governor, address timelock) {
        bytes32 bound = keccak256(abi.encode(creator, salt));
        treasury = Clones.predictDeterministicAddress(_treasuryImpl, _salt(bound, 0));
        governor = Clones.predictDeterministicAddress(_governorImpl, _salt(bound, 1));
        timelock = Clones.predictDeterministicAddress(_timelockImpl, _salt(bound, 2));
    }

    /// @notice The registries and implementations this factory uses.
    function config()
        external
        view
        returns (address registry, address templates, address treasuryImpl, address governorImpl, address timelockImpl)
    {
        return (address(_registry), address(_templates), _treasuryImpl, _governorImpl, _timelockImpl);
    }

    /// @dev Validates the governance choice and fixes every address of the new DAO (creating its Safe if it has one).
    function _plan(CreateParams calldata p) private returns (IDAORegistry.DAO memory d, bytes32 salt) {
        Governance calldata g = p.governance;
        bool onChain = g.mode != IDAORegistry.GovernanceMode.OffChain;
        bool offChain = g.mode != IDAORegistry.GovernanceMode.OnChain;
        if (onChain && (g.votingPeriod == 0 || g.quorumPercent > 100)) {
            revert AIDAOFactoryInvalidGovernance("on-chain governance needs a voting period and quorum <= 100%");
        }
        if (offChain && (g.safeThreshold == 0 || g.safeThreshold > g.safeOwners.length)) {
            revert AIDAOFactoryInvalidGovernance("the Safe needs 1 <= threshold <= owners");
        }
        salt = keccak256(abi.encode(msg.sender, p.salt));
        d.creator = msg.sender;
        d.mode = g.mode;
        d.templateId = p.templateId;
        d.version = p.version;
        uint256 parent = _registry.daoIdOf(msg.sender);
        d.parentId = uint64(parent == 0 ? 1 : parent);
        d.treasury = Clones.predictDeterministicAddress(_treasuryImpl, _salt(salt, 0));
        if (onChain) {
            d.governor = Clones.predictDeterministicAddress(_governorImpl, _salt(salt, 1));
            d.timelock = Clones.predictDeterministicAddress(_timelockImpl, _salt(salt, 2));
        }
        if (offChain) d.safe = _createSafe(g, salt);
    }

    function _createTreasury(
        bytes32 salt,
        address executor,
        ITemplateSetup.Instance memory inst,
        string calldata daoURI
    ) private {
        ChildTreasury(payable(Clones.cloneDeterministic(_treasuryImpl, _salt(salt, 0)))).initialize(
            _registry,
            executor,
            inst.distributor,
            inst.distributionBps,
            daoURI
        );
    }

    function _createGovernance(
        string calldata name,
        Governance calldata g,
        bytes32 salt,
        IDAORegistry.DAO memory d,
        IVotes votes
    ) private {
        bool both = g.mode == IDAORegistry.GovernanceMode.Both;
        address[] memory roles = new address[](both ? 2 : 1);
        roles[0] = d.governor;
        // In mode Both the Safe may also schedule (off-chain decisions) — still behind the timelock's delay.
        if (both) roles[1] = d.safe;
        ChildTimelock(payable(Clones.cloneDeterministic(_timelockImpl, _salt(salt, 2)))).initialize(
            g.timelockDelay,
            roles,
            roles,
            address(0)
        );
        ChildGovernor(payable(Clones.cloneDeterministic(_governorImpl, _salt(salt, 1)))).initialize(
            name,
            votes,
            TimelockControllerUpgradeable(payable(d.timelock)),
            ChildGovernor.Params({
                votingDelay: g.votingDelay,
                votingPeriod: g.votingPeriod,
                proposalThreshold: g.proposalThreshold,
                quorumPercent: g.quorumPercent
            })
        );
    }

    function _createSafe(Governance calldata g, bytes32 salt) private returns (address) {
        bytes memory setup = abi.encodeCall(
            ISafeSetup.setup,
            (g.safeOwners, g.safeThreshold, address(0), "", _safeFallbackHandler, address(0), 0, payable(address(0)))
        );
        return
            ISafeProxyFactory(_safeProxyFactory).createProxyWithNonce(_safeSingleton, setup, uint256(_salt(salt, 3)));
    }

    function _salt(bytes32 salt, uint8 kind) private pure returns (bytes32) {
        return keccak256(abi.encode(salt, kind));
    }
}
