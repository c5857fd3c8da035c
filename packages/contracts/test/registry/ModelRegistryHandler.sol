// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {IModelRegistry} from "../../contracts/registry/IModelRegistry.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";

/// @dev Drives the ModelRegistry with every function, called by a mix of executors (of the right DAO or another),
/// maintainers and strangers, with valid and invalid inputs, while DAOs also rotate their executors. It predicts
/// each call's outcome from the documented rules and mirrors the registry's state in ghost variables.
contract ModelRegistryHandler is Test {
    uint256 public constant DAOS = 3;
    uint256 internal constant MAX_CONTRIBUTORS = 64;
    address public constant STRANGER = address(0xBAD);

    ModelRegistry public immutable registry;
    MockDAORegistry public immutable daos;

    /// @dev Two executors per DAO (a DAO may swap its timelock or Safe); _executors[d][_current[d]] is in office.
    mapping(uint256 daoId => address[2]) internal _executors;
    mapping(uint256 daoId => uint256) internal _current;
    /// @dev Accounts executors may appoint as maintainers of any DAO.
    address[] internal _maintainerPool;
    /// @dev Everyone who may call: all executors, the maintainer pool and a stranger.
    address[] internal _everyone;

    // ---- mirrors of the registry's state ----
    uint256 public ghostModelCount;
    uint256 public ghostEndpointCount;
    uint256 public ghostPromotions; // a clock ticking at every promotion to Production
    mapping(uint256 daoId => mapping(address account => bool)) public ghostMaintainer;
    mapping(uint256 modelId => uint256) public ghostDaoOf;
    mapping(uint256 modelId => uint256) public ghostVersionCount;
    mapping(uint256 modelId => mapping(uint256 versionId => IModelRegistry.Stage)) public ghostStage;
    /// @dev When (ghostPromotions) the version was promoted to Production by its DAO's executor from Staging.
    mapping(uint256 modelId => mapping(uint256 versionId => uint256)) public ghostPromotedAt;
    mapping(uint256 modelId => mapping(bytes32 contentHash => bool)) public ghostHashUsed;
    mapping(uint256 endpointId => uint256) public ghostEndpointModel;
    mapping(uint256 endpointId => uint256) public ghostEndpointVersion;
    mapping(uint256 endpointId => bool) public ghostEndpointActive;
    mapping(uint256 modelId => mapping(uint256 versionId => uint256[])) internal _endpointsOf;
    mapping(uint256 modelId => uint256) public ghostShareTotal;
    mapping(uint256 modelId => uint256) public ghostRevision;

    // ---- violations (must stay 0) ----
    /// @dev Calls that succeeded although the caller was not one the function documents.
    uint256 public ghostUnauthorizedSuccesses;
    /// @dev Calls whose success differed from what the documented rules predict (either way).
    uint256 public ghostOutcomeMismatches;
    /// @dev Versions that reached Production from a stage other than Staging.
    uint256 public ghostProductionNotFromStaging;
    /// @dev Versions that reached Production by a call of someone other than their DAO's executor.
    uint256 public ghostProductionByNonExecutor;
    /// @dev Contributor lists above 10_000 basis points that were accepted.
    uint256 public ghostSharesAbove10000Accepted;
    /// @dev Endpoints that went from inactive to active other than by their DAO's executor switching them on.
    uint256 public ghostEndpointsSwitchedOnByNonExecutor;

    // ---- coverage ----
    mapping(bytes4 selector => uint256) public calls;
    mapping(bytes4 selector => uint256) public successes;

    constructor(ModelRegistry registry_, MockDAORegistry daos_) {
        registry = registry_;
        daos = daos_;
        for (uint256 d = 1; d <= DAOS; d++) {
            for (uint256 k = 0; k < 2; k++) {
                address executor = address(uint160(0xE000 + d * 16 + k));
                _executors[d][k] = executor;
                _everyone.push(executor);
            }
            daos_.setExecutor(d, _executors[d][0]);
        }
        for (uint256 i = 0; i < 4; i++) {
            _maintainerPool.push(address(uint160(0xA000 + i)));
            _everyone.push(_maintainerPool[i]);
        }
        _everyone.push(STRANGER);
    }

    // ---------------------------------------------------------------------------------------------------------
    // views for the invariants
    // ---------------------------------------------------------------------------------------------------------

    function executorOf(uint256 daoId) public view returns (address) {
        return _executors[daoId][_current[daoId]];
    }

    function endpointsOf(uint256 modelId, uint256 versionId) external view returns (uint256[] memory) {
        return _endpointsOf[modelId][versionId];
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function registerModel(uint256 daoSeed, uint256 actorSeed, bool emptyName) external {
        uint256 daoId = _pickDAO(daoSeed);
        address actor = _actor(actorSeed, daoId);
        bool known = _knownDAO(daoId);
        bool authorized = known && _maintainerOrExecutor(daoId, actor);
        bool expected = authorized && !emptyName;
        bool[] memory before = _activity();
        calls[registry.registerModel.selector]++;
        vm.prank(actor);
        try registry.registerModel(daoId, emptyName ? "" : "model", "ipfs://card") returns (uint256 modelId) {
            _succeeded(registry.registerModel.selector, authorized, expected);
            ghostModelCount++;
            if (modelId != ghostModelCount) ghostOutcomeMismatches++;
            ghostDaoOf[modelId] = daoId;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, 0, false);
    }

    function transferModel(uint256 modelSeed, uint256 daoSeed, uint256 actorSeed) external {
        uint256 modelId = _pickModel(modelSeed);
        uint256 from = ghostDaoOf[modelId];
        uint256 to = _pickDAO(daoSeed);
        address actor = _actor(actorSeed, from);
        bool authorized = from != 0 && actor == executorOf(from);
        bool expected = authorized && _knownDAO(to) && to != from;
        bool[] memory before = _activity();
        calls[registry.transferModel.selector]++;
        vm.prank(actor);
        try registry.transferModel(modelId, to) {
            _succeeded(registry.transferModel.selector, authorized, expected);
            ghostDaoOf[modelId] = to;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, 0, false);
    }

    function setMaintainer(uint256 daoSeed, uint256 accountSeed, bool allowed, uint256 actorSeed) external {
        uint256 daoId = _pickDAO(daoSeed);
        address account = accountSeed % 10 == 0 ? address(0) : _maintainerPool[accountSeed % _maintainerPool.length];
        address actor = _actor(actorSeed, daoId);
        bool authorized = _knownDAO(daoId) && actor == executorOf(daoId);
        bool expected = authorized && account != address(0);
        bool[] memory before = _activity();
        calls[registry.setMaintainer.selector]++;
        vm.prank(actor);
        try registry.setMaintainer(daoId, account, allowed) {
            _succeeded(registry.setMaintainer.selector, authorized, expected);
            ghostMaintainer[daoId][account] = allowed;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, 0, false);
    }

    function addVersion(uint256 modelSeed, uint256 hashSeed, bool emptyURI, uint256 actorSeed) external {
        uint256 modelId = _pickModel(modelSeed);
        uint256 daoId = ghostDaoOf[modelId];
        address actor = _actor(actorSeed, daoId);
        // A small hash space, so that duplicates happen; one in twelve is zero.
        uint256 h = hashSeed % 12;
        bytes32 contentHash = h == 0 ? bytes32(0) : keccak256(abi.encode("artifact", h));
        bool authorized = daoId != 0 && _maintainerOrExecutor(daoId, actor);
        bool expected = authorized && contentHash != bytes32(0) && !ghostHashUsed[modelId][contentHash] && !emptyURI;
        IModelRegistry.VersionInput memory input = IModelRegistry.VersionInput({
            contentHash: contentHash,
            uri: emptyURI ? "" : "ipfs://weights",
            framework: "onnx",
            license: "MIT",
            metricsURI: ""
        });
        bool[] memory before = _activity();
        calls[registry.addVersion.selector]++;
        vm.prank(actor);
        try registry.addVersion(modelId, input) returns (uint256 versionId) {
            _succeeded(registry.addVersion.selector, authorized, expected);
            ghostVersionCount[modelId]++;
            if (versionId != ghostVersionCount[modelId]) ghostOutcomeMismatches++;
            ghostHashUsed[modelId][contentHash] = true;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, 0, false);
    }

    function setStage(uint256 modelSeed, uint256 versionSeed, uint256 toSeed, uint256 actorSeed) external {
        uint256 modelId = _pickModel(modelSeed);
        uint256 versionId = _pickVersion(modelId, versionSeed);
        address actor = _actor(actorSeed, ghostDaoOf[modelId]);
        _setStage(modelId, versionId, _pickTarget(ghostStage[modelId][versionId], toSeed), actor);
    }

    /// @dev The version of an endpoint is sent back to Draft and staged again by the same caller (a maintainer,
    /// mostly): this must not switch the endpoint on again.
    function sendBackAndRestage(uint256 endpointSeed, uint256 actorSeed) external {
        uint256 endpointId = _pickEndpoint(endpointSeed);
        uint256 modelId = ghostEndpointModel[endpointId];
        uint256 versionId = ghostEndpointVersion[endpointId];
        address actor = _actor(actorSeed, ghostDaoOf[modelId]);
        _setStage(modelId, versionId, IModelRegistry.Stage.Draft, actor);
        _setStage(modelId, versionId, IModelRegistry.Stage.Staging, actor);
    }

    function _setStage(uint256 modelId, uint256 versionId, IModelRegistry.Stage to, address actor) internal {
        (bool authorized, IModelRegistry.Stage registryFrom) = _stageCall(modelId, versionId, to, actor);
        bool[] memory before = _activity();
        calls[registry.setStage.selector]++;
        vm.prank(actor);
        try registry.setStage(modelId, versionId, to) {
            _succeeded(registry.setStage.selector, authorized, authorized); // the rule excludes invalid moves
            _recordStage(modelId, versionId, registryFrom, to, actor);
        } catch {
            _failed(authorized);
        }
        _checkActivity(before, 0, false);
    }

    /// @dev Whether the documented rules let `actor` move the version to `to`, and its stage as the registry
    /// reports it before the call (for the Production checks, independent of the mirror).
    function _stageCall(
        uint256 modelId,
        uint256 versionId,
        IModelRegistry.Stage to,
        address actor
    ) internal view returns (bool authorized, IModelRegistry.Stage registryFrom) {
        uint256 daoId = ghostDaoOf[modelId];
        bool known = versionId != 0 && versionId <= ghostVersionCount[modelId];
        uint256 rule = _rule(ghostStage[modelId][versionId], to);
        authorized =
            known && ((rule == 1 && _maintainerOrExecutor(daoId, actor)) || (rule == 2 && actor == executorOf(daoId)));
        if (known) registryFrom = registry.stageOf(modelId, versionId);
    }

    function _recordStage(
        uint256 modelId,
        uint256 versionId,
        IModelRegistry.Stage registryFrom,
        IModelRegistry.Stage to,
        address actor
    ) internal {
        if (to == IModelRegistry.Stage.Production) {
            if (registryFrom != IModelRegistry.Stage.Staging) ghostProductionNotFromStaging++;
            if (actor != daos.executorOf(registry.model(modelId).daoId)) ghostProductionByNonExecutor++;
            ghostPromotedAt[modelId][versionId] = ++ghostPromotions;
        }
        IModelRegistry.Stage from = ghostStage[modelId][versionId];
        ghostStage[modelId][versionId] = to;
        if (_servable(from) && !_servable(to)) {
            uint256[] storage ids = _endpointsOf[modelId][versionId];
            for (uint256 i = 0; i < ids.length; i++) ghostEndpointActive[ids[i]] = false;
        }
    }

    function setEndpoint(
        uint256 modelSeed,
        uint256 versionSeed,
        uint256 priceSeed,
        bool active,
        uint256 actorSeed
    ) external {
        uint256 modelId = _pickModel(modelSeed);
        uint256 versionId = _pickVersion(modelId, versionSeed);
        uint256 daoId = ghostDaoOf[modelId];
        address actor = _actor(actorSeed, daoId);
        bool known = versionId != 0 && versionId <= ghostVersionCount[modelId];
        IModelRegistry.EndpointInput memory input = _endpointInput(priceSeed, active);
        bool authorized = known && actor == executorOf(daoId);
        bool expected = authorized && _validInput(input) && _servable(ghostStage[modelId][versionId]);
        bool[] memory before = _activity();
        calls[registry.setEndpoint.selector]++;
        vm.prank(actor);
        try registry.setEndpoint(modelId, versionId, input) returns (uint256 endpointId) {
            _succeeded(registry.setEndpoint.selector, authorized, expected);
            ghostEndpointCount++;
            if (endpointId != ghostEndpointCount) ghostOutcomeMismatches++;
            ghostEndpointModel[endpointId] = modelId;
            ghostEndpointVersion[endpointId] = versionId;
            ghostEndpointActive[endpointId] = active;
            _endpointsOf[modelId][versionId].push(endpointId);
        } catch {
            _failed(expected);
        }
        _checkActivity(before, 0, false);
    }

    function updateEndpoint(uint256 endpointSeed, uint256 priceSeed, bool active, uint256 actorSeed) external {
        uint256 endpointId = _pickEndpoint(endpointSeed);
        uint256 modelId = ghostEndpointModel[endpointId];
        uint256 daoId = ghostDaoOf[modelId];
        address actor = _actor(actorSeed, daoId);
        IModelRegistry.EndpointInput memory input = _endpointInput(priceSeed, active);
        bool isExecutor = daoId != 0 && actor == executorOf(daoId);
        bool authorized = endpointId != 0 && isExecutor;
        bool expected =
            authorized &&
                _validInput(input) &&
                (!active || _servable(ghostStage[modelId][ghostEndpointVersion[endpointId]]));
        bool[] memory before = _activity();
        calls[registry.updateEndpoint.selector]++;
        vm.prank(actor);
        try registry.updateEndpoint(endpointId, input) {
            _succeeded(registry.updateEndpoint.selector, authorized, expected);
            ghostEndpointActive[endpointId] = active;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, endpointId, isExecutor);
    }

    function setEndpointActive(uint256 endpointSeed, bool active, uint256 actorSeed) external {
        uint256 endpointId = _pickEndpoint(endpointSeed);
        uint256 modelId = ghostEndpointModel[endpointId];
        uint256 daoId = ghostDaoOf[modelId];
        address actor = _actor(actorSeed, daoId);
        bool isExecutor = daoId != 0 && actor == executorOf(daoId);
        bool authorized = endpointId != 0 && (active ? isExecutor : _maintainerOrExecutor(daoId, actor));
        bool expected = authorized && (!active || _servable(ghostStage[modelId][ghostEndpointVersion[endpointId]]));
        bool[] memory before = _activity();
        calls[registry.setEndpointActive.selector]++;
        vm.prank(actor);
        try registry.setEndpointActive(endpointId, active) {
            _succeeded(registry.setEndpointActive.selector, authorized, expected);
            ghostEndpointActive[endpointId] = active;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, endpointId, isExecutor);
    }

    function setContributors(uint256 modelSeed, uint256 listSeed, uint256 actorSeed) external {
        uint256 modelId = _pickModel(modelSeed);
        uint256 daoId = ghostDaoOf[modelId];
        address actor = _actor(actorSeed, daoId);
        (IModelRegistry.Contributor[] memory list, bool wellFormed, uint256 total) = _contributorList(listSeed);
        bool authorized = daoId != 0 && actor == executorOf(daoId);
        bool expected = authorized && wellFormed && total <= 10_000;
        bool[] memory before = _activity();
        calls[registry.setContributors.selector]++;
        vm.prank(actor);
        try registry.setContributors(modelId, list) {
            _succeeded(registry.setContributors.selector, authorized, expected);
            if (total > 10_000) ghostSharesAbove10000Accepted++;
            ghostShareTotal[modelId] = total;
            ghostRevision[modelId]++;
        } catch {
            _failed(expected);
        }
        _checkActivity(before, 0, false);
    }

    /// @dev The DAO swaps its executor (a new timelock, a new Safe): rights follow the DAO registry at once.
    function rotateExecutor(uint256 daoSeed) external {
        uint256 daoId = 1 + (daoSeed % DAOS);
        _current[daoId] = 1 - _current[daoId];
        daos.setExecutor(daoId, executorOf(daoId));
    }

    // ---------------------------------------------------------------------------------------------------------
    // internals
    // ---------------------------------------------------------------------------------------------------------

    /// @dev Mostly the DAO's own executor (half the time) or one of its maintainers, so that calls often succeed;
    /// otherwise another DAO's executor, a stranger, or anyone.
    function _actor(uint256 seed, uint256 daoId) internal view returns (address) {
        uint256 kind = seed % 16;
        uint256 r = seed >> 8;
        if (kind < 8 && _knownDAO(daoId)) return executorOf(daoId);
        if (kind < 12 && _knownDAO(daoId)) {
            for (uint256 i = 0; i < _maintainerPool.length; i++) {
                address candidate = _maintainerPool[(r + i) % _maintainerPool.length];
                if (ghostMaintainer[daoId][candidate]) return candidate;
            }
        }
        if (kind == 12) return executorOf(1 + (r % DAOS));
        if (kind == 13) return STRANGER;
        return _everyone[r % _everyone.length];
    }

    /// @dev A known DAO id most of the time; 0 or an unknown id otherwise.
    function _pickDAO(uint256 seed) internal pure returns (uint256) {
        if (seed % 10 == 0) return (seed >> 4) % 2 == 0 ? 0 : DAOS + 1;
        return 1 + ((seed >> 4) % DAOS);
    }

    /// @dev A known model most of the time; 0 or an unknown id otherwise.
    function _pickModel(uint256 seed) internal view returns (uint256) {
        if (ghostModelCount == 0 || seed % 16 == 0) return seed % 2 == 0 ? 0 : ghostModelCount + 1;
        return 1 + ((seed >> 4) % ghostModelCount);
    }

    function _pickVersion(uint256 modelId, uint256 seed) internal view returns (uint256) {
        uint256 count = ghostVersionCount[modelId];
        if (count == 0 || seed % 16 == 0) return seed % 2 == 0 ? 0 : count + 1;
        return 1 + ((seed >> 4) % count);
    }

    function _pickEndpoint(uint256 seed) internal view returns (uint256) {
        if (ghostEndpointCount == 0 || seed % 16 == 0) return seed % 2 == 0 ? 0 : ghostEndpointCount + 1;
        return 1 + ((seed >> 4) % ghostEndpointCount);
    }

    /// @dev Three times in four a move the lifecycle allows from `from` (if any), otherwise any stage.
    function _pickTarget(IModelRegistry.Stage from, uint256 seed) internal pure returns (IModelRegistry.Stage) {
        uint256 r = seed >> 2;
        if (seed % 4 != 0) {
            if (from == IModelRegistry.Stage.Draft) return IModelRegistry.Stage.Staging;
            if (from == IModelRegistry.Stage.Production) return IModelRegistry.Stage.Deprecated;
            if (from == IModelRegistry.Stage.Deprecated) return IModelRegistry.Stage.Archived;
            if (from == IModelRegistry.Stage.Staging) {
                // Mostly forward: Production twice as often as Draft or Deprecated.
                uint256 k = r % 4;
                return
                    k < 2
                        ? IModelRegistry.Stage.Production
                        : k == 2
                            ? IModelRegistry.Stage.Draft
                            : IModelRegistry.Stage.Deprecated;
            }
        }
        return IModelRegistry.Stage(r % 5);
    }

    function _knownDAO(uint256 daoId) internal pure returns (bool) {
        return daoId >= 1 && daoId <= DAOS;
    }

    function _maintainerOrExecutor(uint256 daoId, address actor) internal view returns (bool) {
        return _knownDAO(daoId) && (ghostMaintainer[daoId][actor] || actor == executorOf(daoId));
    }

    function _servable(IModelRegistry.Stage stage) internal pure returns (bool) {
        return stage == IModelRegistry.Stage.Staging || stage == IModelRegistry.Stage.Production;
    }

    /// @dev 0 = not allowed, 1 = maintainer or executor, 2 = executor only.
    function _rule(IModelRegistry.Stage from, IModelRegistry.Stage to) internal pure returns (uint256) {
        if (from == IModelRegistry.Stage.Draft && to == IModelRegistry.Stage.Staging) return 1;
        if (from == IModelRegistry.Stage.Staging && to == IModelRegistry.Stage.Draft) return 1;
        if (from == IModelRegistry.Stage.Staging && to == IModelRegistry.Stage.Production) return 2;
        if (from == IModelRegistry.Stage.Staging && to == IModelRegistry.Stage.Deprecated) return 2;
        if (from == IModelRegistry.Stage.Production && to == IModelRegistry.Stage.Deprecated) return 2;
        if (from == IModelRegistry.Stage.Deprecated && to == IModelRegistry.Stage.Archived) return 2;
        return 0;
    }

    /// @dev Mostly valid; one in ten has a zero price, one in ten an empty unit, one in ten an empty url.
    function _endpointInput(
        uint256 seed,
        bool active
    ) internal pure returns (IModelRegistry.EndpointInput memory input) {
        uint256 kind = seed % 10;
        input = IModelRegistry.EndpointInput({
            url: kind == 1 ? "" : "https://infer.example",
            unit: kind == 2 ? "" : "request",
            paymentToken: address(uint160(seed >> 160)),
            unitPrice: kind == 0 ? 0 : 1 + ((seed >> 8) % 1e24),
            active: active
        });
    }

    function _validInput(IModelRegistry.EndpointInput memory input) internal pure returns (bool) {
        return bytes(input.url).length != 0 && bytes(input.unit).length != 0 && input.unitPrice != 0;
    }

    /// @dev A list of up to 70 contributors (above the maximum sometimes), from distinct or colliding accounts,
    /// rarely a zero account, with shares whose sum falls on either side of 10_000 about as often.
    function _contributorList(
        uint256 seed
    ) internal pure returns (IModelRegistry.Contributor[] memory list, bool wellFormed, uint256 total) {
        uint256 n = seed % 8 == 0 ? 60 + ((seed >> 3) % 11) : (seed >> 3) % 12;
        bool distinct = (seed >> 16) % 3 != 0;
        list = new IModelRegistry.Contributor[](n);
        uint256 cap = n == 0 ? 0 : (2 * 10_000) / n;
        for (uint256 i = 0; i < n; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address account = distinct ? address(uint160(0xC000 + i)) : address(uint160(0xC000 + (r % 24)));
            uint256 share = (r >> 32) % (cap + 1);
            if (share > type(uint16).max) share = type(uint16).max;
            list[i] = IModelRegistry.Contributor({
                account: account,
                role: IModelRegistry.Role((r >> 16) % 5),
                shareBps: uint16(share)
            });
            total += share;
        }
        if (n > 0 && (seed >> 24) % 17 == 0) list[(seed >> 32) % n].account = address(0);
        wellFormed = n <= MAX_CONTRIBUTORS;
        for (uint256 i = 0; i < n && wellFormed; i++) {
            if (list[i].account == address(0)) wellFormed = false;
            for (uint256 j = 0; j < i && wellFormed; j++) {
                if (list[j].account == list[i].account) wellFormed = false;
            }
        }
    }

    function _succeeded(bytes4 selector, bool authorized, bool expected) internal {
        successes[selector]++;
        if (!authorized) ghostUnauthorizedSuccesses++;
        if (!expected) ghostOutcomeMismatches++;
    }

    function _failed(bool expected) internal {
        if (expected) ghostOutcomeMismatches++;
    }

    /// @dev The effective activity of every endpoint, as the registry reports it.
    function _activity() internal view returns (bool[] memory active) {
        uint256 count = registry.endpointCount();
        active = new bool[](count);
        for (uint256 i = 0; i < count; i++) active[i] = registry.endpoint(i + 1).active;
    }

    /// @dev Counts endpoints that were off before the call and are on after it, unless the call was one by which
    /// their DAO's executor may switch `allowedEndpoint` on.
    function _checkActivity(bool[] memory before, uint256 allowedEndpoint, bool byExecutor) internal {
        for (uint256 i = 0; i < before.length; i++) {
            uint256 endpointId = i + 1;
            if (before[i] || !registry.endpoint(endpointId).active) continue;
            if (endpointId != allowedEndpoint || !byExecutor) ghostEndpointsSwitchedOnByNonExecutor++;
        }
    }
}
