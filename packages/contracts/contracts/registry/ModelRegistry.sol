// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IDAORegistry} from "../factory/IDAORegistry.sol";
import {IModelRegistry} from "./IModelRegistry.sol";

/**
 * @title ModelRegistry
 * @notice The AI model registry of the AIDAO protocol (see {IModelRegistry}). Deployed once, not upgradeable,
 * without an owner: every model is governed by the DAO that owns it, through that DAO's executor as the DAO
 * registry reports it at the time of the call.
 * @dev Endpoints store no owner: their DAO is their model's. Switching an endpoint on stamps it with its version's
 * serving epoch; a version leaving Staging or Production bumps that epoch, which switches all its endpoints off
 * in O(1) (re-entering Staging does not switch them on again).
 *
 * Invariant: the sum of the contributor shares of every model is at most 10_000 basis points.
 * Invariant: every contributor list has at most MAX_CONTRIBUTORS distinct, non-zero accounts.
 * Invariant: a version reaches Production only from Staging, and only by its model's DAO's executor.
 * Invariant: productionVersion(m) is 0 or a version of m whose stage is Production; it is 0 only if no version
 * of m is in Production, and otherwise the one promoted last among those in Production.
 * Invariant: an active endpoint's version is in Staging or Production.
 * Invariant: an endpoint goes from inactive to active only by a call of its model's DAO's executor.
 * Invariant: a model's DAO changes only by transferModel, called by the executor of the DAO that owned it.
 * Invariant: modelsOf(d) holds exactly the models whose DAO is d.
 * Invariant: within a model, content hashes are non-zero and distinct.
 */
contract ModelRegistry is IModelRegistry {
    using EnumerableSet for EnumerableSet.UintSet;

    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_CONTRIBUTORS = 64;
    uint256 private constant BPS = 10_000;

    struct VersionRecord {
        Version version;
        // Bumped each time the version leaves Staging or Production: endpoints switched on before are off.
        uint64 servingEpoch;
        // The doubly linked list of a model's versions in Production, in promotion order (0: none).
        uint256 prevProduction;
        uint256 nextProduction;
    }

    struct EndpointRecord {
        uint256 modelId;
        uint256 versionId;
        string url;
        string unit;
        address paymentToken;
        bool active;
        uint64 epoch; // the version's serving epoch when the endpoint was last switched on
        uint256 unitPrice;
    }

    IDAORegistry private immutable _daoRegistry;

    uint256 private _modelCount;
    uint256 private _endpointCount;
    mapping(uint256 modelId => Model) private _models;
    mapping(uint256 daoId => EnumerableSet.UintSet) private _modelsOf;
    mapping(uint256 daoId => mapping(address account => bool)) private _maintainers;
    mapping(uint256 modelId => mapping(uint256 versionId => VersionRecord)) private _versions;
    mapping(uint256 modelId => mapping(bytes32 contentHash => uint256 versionId)) private _versionByHash;
    mapping(uint256 modelId => uint256 versionId) private _lastProduction; // the tail of the Production list
    mapping(uint256 endpointId => EndpointRecord) private _endpoints;
    mapping(uint256 modelId => mapping(uint256 versionId => uint256[])) private _endpointsOf;
    mapping(uint256 modelId => Contributor[]) private _contributors;
    mapping(uint256 modelId => uint256) private _shareTotal;

    /// @param daoRegistry_ The DAO registry of the protocol.
    constructor(IDAORegistry daoRegistry_) {
        if (address(daoRegistry_) == address(0)) revert ModelRegistryZeroDAORegistry();
        _daoRegistry = daoRegistry_;
    }

    // -----------------------------------------------------------------------------------------------------------
    // models and maintainers
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function registerModel(
        uint256 daoId,
        string calldata name,
        string calldata metadataURI
    ) external returns (uint256 modelId) {
        _requireDAO(daoId);
        _requireMaintainerOrExecutor(daoId);
        if (bytes(name).length == 0) revert ModelRegistryEmptyName();
        modelId = ++_modelCount;
        Model storage m = _models[modelId];
        m.daoId = daoId;
        m.name = name;
        m.metadataURI = metadataURI;
        _modelsOf[daoId].add(modelId);
        emit ModelRegistered(modelId, daoId, name, metadataURI, msg.sender);
    }

    /// @inheritdoc IModelRegistry
    function transferModel(uint256 modelId, uint256 newDaoId) external {
        uint256 oldDaoId = _modelDAO(modelId);
        _requireExecutor(oldDaoId);
        _requireDAO(newDaoId);
        if (newDaoId == oldDaoId) revert ModelRegistrySameDAO(modelId, newDaoId);
        _models[modelId].daoId = newDaoId;
        _modelsOf[oldDaoId].remove(modelId);
        _modelsOf[newDaoId].add(modelId);
        emit ModelTransferred(modelId, oldDaoId, newDaoId);
    }

    /// @inheritdoc IModelRegistry
    function setMaintainer(uint256 daoId, address account, bool allowed) external {
        _requireDAO(daoId);
        _requireExecutor(daoId);
        if (account == address(0)) revert ModelRegistryZeroMaintainer();
        bool old = _maintainers[daoId][account];
        _maintainers[daoId][account] = allowed;
        emit MaintainerSet(daoId, account, old, allowed);
    }

    // -----------------------------------------------------------------------------------------------------------
    // versions and lifecycle
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function addVersion(uint256 modelId, VersionInput calldata input) external returns (uint256 versionId) {
        Model storage m = _model(modelId);
        _requireMaintainerOrExecutor(m.daoId);
        if (input.contentHash == bytes32(0)) revert ModelRegistryZeroContentHash(modelId);
        uint256 existing = _versionByHash[modelId][input.contentHash];
        if (existing != 0) revert ModelRegistryDuplicateContentHash(modelId, input.contentHash, existing);
        if (bytes(input.uri).length == 0) revert ModelRegistryEmptyVersionURI(modelId);
        versionId = ++m.versionCount;
        Version storage v = _versions[modelId][versionId].version;
        v.contentHash = input.contentHash;
        v.uri = input.uri;
        v.framework = input.framework;
        v.license = input.license;
        v.metricsURI = input.metricsURI;
        // v.stage is Draft (0) already.
        _versionByHash[modelId][input.contentHash] = versionId;
        emit VersionAdded(modelId, versionId, input.contentHash, input, msg.sender);
    }

    /// @inheritdoc IModelRegistry
    function setStage(uint256 modelId, uint256 versionId, Stage to) external {
        VersionRecord storage r = _version(modelId, versionId);
        Stage from = r.version.stage;
        uint256 daoId = _models[modelId].daoId;
        if ((from == Stage.Draft && to == Stage.Staging) || (from == Stage.Staging && to == Stage.Draft)) {
            _requireMaintainerOrExecutor(daoId);
        } else if (
            (from == Stage.Staging && (to == Stage.Production || to == Stage.Deprecated)) ||
            (from == Stage.Production && to == Stage.Deprecated) ||
            (from == Stage.Deprecated && to == Stage.Archived)
        ) {
            _requireExecutor(daoId);
        } else {
            revert ModelRegistryInvalidTransition(modelId, versionId, from, to);
        }

        r.version.stage = to;
        if (to == Stage.Production) _appendProduction(modelId, versionId, r);
        else if (from == Stage.Production) _removeProduction(modelId, r);
        if (_servable(from) && !_servable(to)) r.servingEpoch++;
        emit VersionStageChanged(modelId, versionId, from, to, msg.sender);
    }

    // -----------------------------------------------------------------------------------------------------------
    // service endpoints
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function setEndpoint(
        uint256 modelId,
        uint256 versionId,
        EndpointInput calldata input
    ) external returns (uint256 endpointId) {
        VersionRecord storage r = _version(modelId, versionId);
        _requireExecutor(_models[modelId].daoId);
        _validateEndpoint(input);
        _requireServable(modelId, versionId, r.version.stage);
        endpointId = ++_endpointCount;
        EndpointRecord storage e = _endpoints[endpointId];
        e.modelId = modelId;
        e.versionId = versionId;
        _writeEndpoint(e, input, r.servingEpoch);
        _endpointsOf[modelId][versionId].push(endpointId);
        emit EndpointCreated(endpointId, modelId, versionId, input);
    }

    /// @inheritdoc IModelRegistry
    function updateEndpoint(uint256 endpointId, EndpointInput calldata input) external {
        EndpointRecord storage e = _endpoint(endpointId);
        VersionRecord storage r = _versions[e.modelId][e.versionId];
        _requireExecutor(_models[e.modelId].daoId);
        _validateEndpoint(input);
        if (input.active) _requireServable(e.modelId, e.versionId, r.version.stage);
        EndpointInput memory old = EndpointInput({
            url: e.url,
            unit: e.unit,
            paymentToken: e.paymentToken,
            unitPrice: e.unitPrice,
            active: _isActive(e, r)
        });
        _writeEndpoint(e, input, r.servingEpoch);
        emit EndpointUpdated(endpointId, old, input);
    }

    /// @inheritdoc IModelRegistry
    function setEndpointActive(uint256 endpointId, bool active) external {
        EndpointRecord storage e = _endpoint(endpointId);
        VersionRecord storage r = _versions[e.modelId][e.versionId];
        uint256 daoId = _models[e.modelId].daoId;
        bool old = _isActive(e, r);
        if (active) {
            _requireExecutor(daoId);
            _requireServable(e.modelId, e.versionId, r.version.stage);
            e.epoch = r.servingEpoch;
        } else {
            _requireMaintainerOrExecutor(daoId);
        }
        e.active = active;
        emit EndpointActiveSet(endpointId, old, active, msg.sender);
    }

    // -----------------------------------------------------------------------------------------------------------
    // value chain
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function setContributors(uint256 modelId, Contributor[] calldata contributors_) external {
        Model storage m = _model(modelId);
        _requireExecutor(m.daoId);
        uint256 count = contributors_.length;
        if (count > MAX_CONTRIBUTORS) revert ModelRegistryTooManyContributors(count, MAX_CONTRIBUTORS);
        delete _contributors[modelId]; // replaces the whole list
        Contributor[] storage list = _contributors[modelId];
        uint256 total;
        for (uint256 i = 0; i < count; i++) {
            Contributor calldata c = contributors_[i];
            if (c.account == address(0)) revert ModelRegistryZeroContributor(i);
            for (uint256 j = 0; j < i; j++) {
                if (contributors_[j].account == c.account) revert ModelRegistryDuplicateContributor(c.account);
            }
            total += c.shareBps;
            list.push(c);
        }
        if (total > BPS) revert ModelRegistryContributorSharesAbove10000(total);
        _shareTotal[modelId] = total;
        uint256 revision = ++m.contributorsRevision;
        emit ContributorsSet(modelId, revision, contributors_);
    }

    // -----------------------------------------------------------------------------------------------------------
    // views
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IModelRegistry
    function daoRegistry() external view returns (IDAORegistry) {
        return _daoRegistry;
    }

    /// @inheritdoc IModelRegistry
    function isMaintainer(uint256 daoId, address account) external view returns (bool) {
        return _maintainers[daoId][account];
    }

    /// @inheritdoc IModelRegistry
    function model(uint256 modelId) external view returns (Model memory) {
        return _model(modelId);
    }

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function modelsOf(uint256 daoId) external view returns (uint256[] memory) {
        return _modelsOf[daoId].values();
    }

    /// @inheritdoc IModelRegistry
    function version(uint256 modelId, uint256 versionId) external view returns (Version memory) {
        return _version(modelId, versionId).version;
    }

    /// @inheritdoc IModelRegistry
    function stageOf(uint256 modelId, uint256 versionId) external view returns (Stage) {
        return _version(modelId, versionId).version.stage;
    }

    /// @inheritdoc IModelRegistry
    function versionByContentHash(uint256 modelId, bytes32 contentHash) external view returns (uint256) {
        _model(modelId);
        return _versionByHash[modelId][contentHash];
    }

    /// @inheritdoc IModelRegistry
    function productionVersion(uint256 modelId) external view returns (uint256) {
        _model(modelId);
        return _lastProduction[modelId];
    }

    /// @inheritdoc IModelRegistry
    function endpoint(uint256 endpointId) external view returns (Endpoint memory) {
        EndpointRecord storage e = _endpoint(endpointId);
        return
            Endpoint({
                modelId: e.modelId,
                versionId: e.versionId,
                daoId: _models[e.modelId].daoId,
                url: e.url,
                unit: e.unit,
                paymentToken: e.paymentToken,
                unitPrice: e.unitPrice,
                active: _isActive(e, _versions[e.modelId][e.versionId])
            });
    }

    /// @inheritdoc IModelRegistry
    function endpointCount() external view returns (uint256) {
        return _endpointCount;
    }

    /// @inheritdoc IModelRegistry
    function endpointsOf(uint256 modelId, uint256 versionId) external view returns (uint256[] memory) {
        _version(modelId, versionId);
        return _endpointsOf[modelId][versionId];
    }

    /// @inheritdoc IModelRegistry
    function contributors(uint256 modelId) external view returns (Contributor[] memory) {
        _model(modelId);
        return _contributors[modelId];
    }

    /// @inheritdoc IModelRegistry
    function contributorShareTotal(uint256 modelId) external view returns (uint256) {
        _model(modelId);
        return _shareTotal[modelId];
    }

    // -----------------------------------------------------------------------------------------------------------
    // internals
    // -----------------------------------------------------------------------------------------------------------

    /// @dev DAO ids are 1..daoCount() (IDAORegistry), so no call that may revert with the registry's own error.
    function _requireDAO(uint256 daoId) private view {
        if (daoId == 0 || daoId > _daoRegistry.daoCount()) revert ModelRegistryUnknownDAO(daoId);
    }

    function _isExecutor(uint256 daoId, address account) private view returns (bool) {
        address executor = _daoRegistry.executorOf(daoId);
        return executor != address(0) && account == executor;
    }

    function _requireExecutor(uint256 daoId) private view {
        if (!_isExecutor(daoId, msg.sender)) revert ModelRegistryNotGovernance(daoId, msg.sender);
    }

    function _requireMaintainerOrExecutor(uint256 daoId) private view {
        if (!_maintainers[daoId][msg.sender] && !_isExecutor(daoId, msg.sender)) {
            revert ModelRegistryNotMaintainerOrGovernance(daoId, msg.sender);
        }
    }

    function _model(uint256 modelId) private view returns (Model storage m) {
        m = _models[modelId];
        if (m.daoId == 0) revert ModelRegistryUnknownModel(modelId);
    }

    function _modelDAO(uint256 modelId) private view returns (uint256) {
        return _model(modelId).daoId;
    }

    function _version(uint256 modelId, uint256 versionId) private view returns (VersionRecord storage) {
        Model storage m = _model(modelId);
        if (versionId == 0 || versionId > m.versionCount) revert ModelRegistryUnknownVersion(modelId, versionId);
        return _versions[modelId][versionId];
    }

    function _endpoint(uint256 endpointId) private view returns (EndpointRecord storage) {
        if (endpointId == 0 || endpointId > _endpointCount) revert ModelRegistryUnknownEndpoint(endpointId);
        return _endpoints[endpointId];
    }

    function _servable(Stage stage) private pure returns (bool) {
        return stage == Stage.Staging || stage == Stage.Production;
    }

    function _requireServable(uint256 modelId, uint256 versionId, Stage stage) private pure {
        if (!_servable(stage)) revert ModelRegistryVersionNotServable(modelId, versionId, stage);
    }

    function _isActive(EndpointRecord storage e, VersionRecord storage r) private view returns (bool) {
        return e.active && e.epoch == r.servingEpoch && _servable(r.version.stage);
    }

    function _validateEndpoint(EndpointInput calldata input) private pure {
        if (bytes(input.url).length == 0) revert ModelRegistryEmptyEndpointURL();
        if (bytes(input.unit).length == 0) revert ModelRegistryEmptyEndpointUnit();
        if (input.unitPrice == 0) revert ModelRegistryZeroUnitPrice();
    }

    /// @dev Callers checked that the version is servable if `input.active`; switching on stamps the current epoch.
    function _writeEndpoint(EndpointRecord storage e, EndpointInput calldata input, uint64 servingEpoch) private {
        e.url = input.url;
        e.unit = input.unit;
        e.paymentToken = input.paymentToken;
        e.unitPrice = input.unitPrice;
        e.active = input.active;
        if (input.active) e.epoch = servingEpoch;
    }

    /// @dev Appends `versionId` at the tail of `modelId`'s Production list (a version is promoted at most once:
    /// it never comes back from Deprecated).
    function _appendProduction(uint256 modelId, uint256 versionId, VersionRecord storage r) private {
        uint256 tail = _lastProduction[modelId];
        r.prevProduction = tail;
        if (tail != 0) _versions[modelId][tail].nextProduction = versionId;
        _lastProduction[modelId] = versionId;
    }

    function _removeProduction(uint256 modelId, VersionRecord storage r) private {
        uint256 prev = r.prevProduction;
        uint256 next = r.nextProduction;
        if (prev != 0) _versions[modelId][prev].nextProduction = next;
        if (next != 0) _versions[modelId][next].prevProduction = prev;
        else _lastProduction[modelId] = prev;
        r.prevProduction = 0;
        r.nextProduction = 0;
    }
}
