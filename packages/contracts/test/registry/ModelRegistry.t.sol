// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {IModelRegistry} from "../../contracts/registry/IModelRegistry.sol";
import {IDAORegistry} from "../../contracts/factory/IDAORegistry.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";

contract ModelRegistryTest is Test {
    uint256 internal constant DAO1 = 1; // on-chain: executor `gov` (its timelock)
    uint256 internal constant DAO2 = 2; // on-chain: executor `otherGov`
    uint256 internal constant DAO3 = 3; // off-chain: executor `safe` (its Safe)
    bytes32 internal constant H1 = keccak256("weights-v1");
    bytes32 internal constant H2 = keccak256("weights-v2");
    bytes32 internal constant H3 = keccak256("weights-v3");
    address internal constant USDC = address(0x05DC);

    MockDAORegistry internal daos;
    ModelRegistry internal registry;

    address internal gov = address(0x6000);
    address internal otherGov = address(0x7000);
    address internal safe = address(0x5AFE);
    address internal maintainer = address(0xA11CE);
    address internal otherMaintainer = address(0xB0B);
    address internal stranger = address(0xBAD);

    /// @dev Who may call a privileged function.
    enum Access {
        ExecutorOnly,
        MaintainerOrExecutor
    }

    function setUp() public {
        daos = new MockDAORegistry();
        daos.addDAO(gov, true);
        daos.addDAO(otherGov, true);
        daos.addDAO(safe, false);
        registry = new ModelRegistry(daos);
        vm.prank(gov);
        registry.setMaintainer(DAO1, maintainer, true);
        vm.prank(otherGov);
        registry.setMaintainer(DAO2, otherMaintainer, true);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _register() internal returns (uint256) {
        vm.prank(gov);
        return registry.registerModel(DAO1, "llama-edu", "ipfs://model-card");
    }

    function _vin(bytes32 contentHash) internal pure returns (IModelRegistry.VersionInput memory) {
        return
            IModelRegistry.VersionInput({
                contentHash: contentHash,
                uri: "ipfs://weights",
                framework: "pytorch-2.4",
                license: "Apache-2.0",
                metricsURI: "ipfs://metrics"
            });
    }

    function _addVersion(uint256 modelId, bytes32 contentHash) internal returns (uint256) {
        vm.prank(maintainer);
        return registry.addVersion(modelId, _vin(contentHash));
    }

    /// @dev A model of DAO1 with one version (in Draft).
    function _modelWithVersion() internal returns (uint256 modelId, uint256 versionId) {
        modelId = _register();
        versionId = _addVersion(modelId, H1);
    }

    function _stage(uint256 modelId, uint256 versionId, IModelRegistry.Stage to) internal {
        vm.prank(gov);
        registry.setStage(modelId, versionId, to);
    }

    /// @dev Drives a Draft version of a DAO1 model to `target` along the lifecycle, as governance.
    function _toStage(uint256 modelId, uint256 versionId, IModelRegistry.Stage target) internal {
        if (target == IModelRegistry.Stage.Draft) return;
        _stage(modelId, versionId, IModelRegistry.Stage.Staging);
        if (target == IModelRegistry.Stage.Staging) return;
        if (target == IModelRegistry.Stage.Production) {
            _stage(modelId, versionId, IModelRegistry.Stage.Production);
            return;
        }
        _stage(modelId, versionId, IModelRegistry.Stage.Deprecated);
        if (target == IModelRegistry.Stage.Archived) _stage(modelId, versionId, IModelRegistry.Stage.Archived);
    }

    function _ein(uint256 unitPrice, bool active) internal pure returns (IModelRegistry.EndpointInput memory) {
        return
            IModelRegistry.EndpointInput({
                url: "https://infer.example/v1",
                unit: "1k-tokens",
                paymentToken: USDC,
                unitPrice: unitPrice,
                active: active
            });
    }

    /// @dev A DAO1 model whose version 1 is in Staging and has an active endpoint.
    function _withEndpoint() internal returns (uint256 modelId, uint256 versionId, uint256 endpointId) {
        (modelId, versionId) = _modelWithVersion();
        _toStage(modelId, versionId, IModelRegistry.Stage.Staging);
        vm.prank(gov);
        endpointId = registry.setEndpoint(modelId, versionId, _ein(1e15, true));
    }

    function _c(
        address account,
        IModelRegistry.Role role,
        uint16 shareBps
    ) internal pure returns (IModelRegistry.Contributor memory) {
        return IModelRegistry.Contributor({account: account, role: role, shareBps: shareBps});
    }

    function _three() internal pure returns (IModelRegistry.Contributor[] memory list) {
        list = new IModelRegistry.Contributor[](3);
        list[0] = _c(address(0xD47A), IModelRegistry.Role.Data, 4_000);
        list[1] = _c(address(0x30DE1), IModelRegistry.Role.Model, 3_500);
        list[2] = _c(address(0xC0DE), IModelRegistry.Role.Code, 1_500);
    }

    /// @dev `n` distinct contributors whose shares add up to exactly `total` (n >= 1, total <= n * 65_535),
    /// spread pseudo-randomly from `seed`.
    function _spread(
        uint256 seed,
        uint256 n,
        uint256 total
    ) internal pure returns (IModelRegistry.Contributor[] memory list) {
        list = new IModelRegistry.Contributor[](n);
        uint256 remaining = total;
        for (uint256 i = 0; i < n; i++) {
            uint256 after_ = (n - 1 - i) * type(uint16).max; // what the others can still take
            uint256 lo = remaining > after_ ? remaining - after_ : 0;
            uint256 hi = remaining < type(uint16).max ? remaining : type(uint16).max;
            uint256 share = i == n - 1 ? remaining : bound(uint256(keccak256(abi.encode(seed, i))), lo, hi);
            remaining -= share;
            list[i] = _c(address(uint160(0x1000 + i)), IModelRegistry.Role(i % 5), uint16(share));
        }
    }

    function _assertStrEq(string memory left, string memory right, string memory message) internal pure {
        assertTrue(keccak256(bytes(left)) == keccak256(bytes(right)), message);
    }

    function _assertStage(uint256 modelId, uint256 versionId, IModelRegistry.Stage want) internal view {
        assertEq(uint256(registry.stageOf(modelId, versionId)), uint256(want), "stage");
    }

    function _expectRevert(bytes memory data) internal {
        vm.expectRevert(data);
    }

    function _notGov(uint256 daoId, address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelRegistryNotGovernance.selector, daoId, caller);
    }

    function _notMaint(uint256 daoId, address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelRegistryNotMaintainerOrGovernance.selector, daoId, caller);
    }

    function _invalid(
        uint256 modelId,
        uint256 versionId,
        IModelRegistry.Stage from,
        IModelRegistry.Stage to
    ) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistryInvalidTransition.selector,
                modelId,
                versionId,
                from,
                to
            );
    }

    /// @dev The lifecycle table: 0 = not allowed, 1 = maintainer or executor, 2 = executor only.
    function _rule(IModelRegistry.Stage from, IModelRegistry.Stage to) internal pure returns (uint256) {
        if (from == IModelRegistry.Stage.Draft && to == IModelRegistry.Stage.Staging) return 1;
        if (from == IModelRegistry.Stage.Staging && to == IModelRegistry.Stage.Draft) return 1;
        if (from == IModelRegistry.Stage.Staging && to == IModelRegistry.Stage.Production) return 2;
        if (from == IModelRegistry.Stage.Staging && to == IModelRegistry.Stage.Deprecated) return 2;
        if (from == IModelRegistry.Stage.Production && to == IModelRegistry.Stage.Deprecated) return 2;
        if (from == IModelRegistry.Stage.Deprecated && to == IModelRegistry.Stage.Archived) return 2;
        return 0;
    }

    /// @dev The role matrix: calls `data` on the registry as each of {a random account, a maintainer of `daoId`,
    /// `daoId`'s executor, another DAO's executor, another DAO's maintainer}, each from the same state, and checks
    /// that only the documented callers succeed and everyone else gets the error naming them.
    function _assertRoleMatrix(bytes memory data, uint256 daoId, Access access) internal {
        address[5] memory callers = [stranger, maintainer, gov, otherGov, otherMaintainer];
        for (uint256 i = 0; i < callers.length; i++) {
            address caller = callers[i];
            bool allowed = caller == gov || (access == Access.MaintainerOrExecutor && caller == maintainer);
            uint256 snapshot = vm.snapshotState();
            vm.prank(caller);
            (bool ok, bytes memory returned) = address(registry).call(data);
            if (allowed) {
                assertTrue(ok, "documented caller was rejected");
            } else {
                assertTrue(!ok, "undocumented caller succeeded");
                bytes memory expected =
                    access == Access.ExecutorOnly ? _notGov(daoId, caller) : _notMaint(daoId, caller);
                assertTrue(keccak256(returned) == keccak256(expected), "wrong error for an undocumented caller");
            }
            vm.revertToState(snapshot);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // constructor and views
    // ---------------------------------------------------------------------------------------------------------

    function test_constructor_setsDAORegistryAndLimits() public view {
        assertEq(address(registry.daoRegistry()), address(daos), "dao registry");
        assertEq(registry.MAX_CONTRIBUTORS(), 64, "max contributors");
        assertEq(registry.modelCount(), 0, "no models");
        assertEq(registry.endpointCount(), 0, "no endpoints");
    }

    function test_constructor_revertsOnZeroDAORegistry() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryZeroDAORegistry.selector));
        new ModelRegistry(IDAORegistry(address(0)));
    }

    function test_modelViews_revertOnUnknownModel() public {
        _register();
        uint256[2] memory unknown = [uint256(0), 2];
        for (uint256 i = 0; i < unknown.length; i++) {
            bytes memory err = abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, unknown[i]);
            _expectRevert(err);
            registry.model(unknown[i]);
            _expectRevert(err);
            registry.version(unknown[i], 1);
            _expectRevert(err);
            registry.stageOf(unknown[i], 1);
            _expectRevert(err);
            registry.productionVersion(unknown[i]);
            _expectRevert(err);
            registry.versionByContentHash(unknown[i], H1);
            _expectRevert(err);
            registry.endpointsOf(unknown[i], 1);
            _expectRevert(err);
            registry.contributors(unknown[i]);
            _expectRevert(err);
            registry.contributorShareTotal(unknown[i]);
        }
    }

    function test_versionViews_revertOnUnknownVersion() public {
        (uint256 m, ) = _modelWithVersion();
        uint256[2] memory unknown = [uint256(0), 2];
        for (uint256 i = 0; i < unknown.length; i++) {
            bytes memory err = abi.encodeWithSelector(
                IModelRegistry.ModelRegistryUnknownVersion.selector,
                m,
                unknown[i]
            );
            _expectRevert(err);
            registry.version(m, unknown[i]);
            _expectRevert(err);
            registry.stageOf(m, unknown[i]);
            _expectRevert(err);
            registry.endpointsOf(m, unknown[i]);
        }
    }

    function test_endpoint_revertsOnUnknownEndpoint() public {
        _withEndpoint();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 0));
        registry.endpoint(0);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 2));
        registry.endpoint(2);
    }

    function test_modelsOf_isEmptyForADAOWithoutModels() public view {
        assertEq(registry.modelsOf(DAO2).length, 0, "none");
        assertEq(registry.modelsOf(999).length, 0, "unknown DAO: none");
    }

    function test_isMaintainer_isFalseByDefault() public view {
        assertTrue(!registry.isMaintainer(DAO1, stranger), "stranger");
        assertTrue(!registry.isMaintainer(DAO1, gov), "the executor is not a maintainer");
    }

    // ---------------------------------------------------------------------------------------------------------
    // registerModel
    // ---------------------------------------------------------------------------------------------------------

    function test_registerModel_byExecutorStoresModel() public {
        uint256 id = _register();
        assertEq(id, 1, "first id is 1");
        IModelRegistry.Model memory m = registry.model(id);
        assertEq(m.daoId, DAO1, "dao");
        _assertStrEq(m.name, "llama-edu", "name");
        _assertStrEq(m.metadataURI, "ipfs://model-card", "metadata");
        assertEq(m.versionCount, 0, "no versions");
        assertEq(m.contributorsRevision, 0, "no contributors yet");
        assertEq(registry.modelCount(), 1, "count");
        assertEq(registry.productionVersion(id), 0, "no production version");
        assertEq(registry.contributors(id).length, 0, "no contributors");
        assertEq(registry.contributorShareTotal(id), 0, "no shares");
        uint256[] memory ids = registry.modelsOf(DAO1);
        assertEq(ids.length, 1, "listed");
        assertEq(ids[0], id, "listed id");
    }

    function test_registerModel_byMaintainer() public {
        vm.prank(maintainer);
        uint256 id = registry.registerModel(DAO1, "m", "");
        assertEq(registry.model(id).daoId, DAO1, "owned by the maintainer's DAO");
    }

    function test_registerModel_byOffChainDAOsSafe() public {
        vm.prank(safe);
        uint256 id = registry.registerModel(DAO3, "offchain-model", "ar://card");
        assertEq(registry.model(id).daoId, DAO3, "owned by the off-chain DAO");
    }

    function test_registerModel_idsAreGlobalAndSequential() public {
        assertEq(_register(), 1, "1");
        vm.prank(otherGov);
        assertEq(registry.registerModel(DAO2, "b", ""), 2, "2");
        assertEq(_register(), 3, "3");
        assertEq(registry.modelCount(), 3, "count");
        assertEq(registry.modelsOf(DAO1).length, 2, "DAO1 has two");
        assertEq(registry.modelsOf(DAO2).length, 1, "DAO2 has one");
    }

    function test_registerModel_acceptsEmptyMetadataURI() public {
        vm.prank(gov);
        uint256 id = registry.registerModel(DAO1, "bare", "");
        _assertStrEq(registry.model(id).metadataURI, "", "empty metadata");
    }

    function test_registerModel_emitsModelRegistered() public {
        vm.expectEmit();
        emit IModelRegistry.ModelRegistered(1, DAO1, "llama-edu", "ipfs://model-card", maintainer);
        vm.prank(maintainer);
        registry.registerModel(DAO1, "llama-edu", "ipfs://model-card");
    }

    function test_registerModel_revertsOnUnknownDAO() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownDAO.selector, 0));
        vm.prank(gov);
        registry.registerModel(0, "m", "");
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownDAO.selector, 4));
        vm.prank(gov);
        registry.registerModel(4, "m", "");
    }

    function test_registerModel_revertsOnEmptyName() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryEmptyName.selector));
        vm.prank(gov);
        registry.registerModel(DAO1, "", "ipfs://card");
    }

    function test_registerModel_revertsIfStranger() public {
        _expectRevert(_notMaint(DAO1, stranger));
        vm.prank(stranger);
        registry.registerModel(DAO1, "m", "");
    }

    function test_registerModel_revertsIfAnotherDAOsExecutor() public {
        _expectRevert(_notMaint(DAO1, otherGov));
        vm.prank(otherGov);
        registry.registerModel(DAO1, "m", "");
    }

    function test_registerModel_revertsIfMaintainerWasRemoved() public {
        vm.prank(gov);
        registry.setMaintainer(DAO1, maintainer, false);
        _expectRevert(_notMaint(DAO1, maintainer));
        vm.prank(maintainer);
        registry.registerModel(DAO1, "m", "");
    }

    function test_registerModel_roleMatrix() public {
        _assertRoleMatrix(abi.encodeCall(registry.registerModel, (DAO1, "m", "")), DAO1, Access.MaintainerOrExecutor);
    }

    // ---------------------------------------------------------------------------------------------------------
    // transferModel
    // ---------------------------------------------------------------------------------------------------------

    function test_transferModel_movesOwnershipAndLists() public {
        uint256 a = _register();
        uint256 b = _register();
        vm.prank(gov);
        registry.transferModel(a, DAO2);
        assertEq(registry.model(a).daoId, DAO2, "new owner");
        assertEq(registry.model(b).daoId, DAO1, "other model untouched");
        uint256[] memory of1 = registry.modelsOf(DAO1);
        uint256[] memory of2 = registry.modelsOf(DAO2);
        assertEq(of1.length, 1, "DAO1 keeps one");
        assertEq(of1[0], b, "DAO1 keeps b");
        assertEq(of2.length, 1, "DAO2 has one");
        assertEq(of2[0], a, "DAO2 has a");
    }

    function test_transferModel_toOffChainDAO() public {
        uint256 m = _register();
        vm.prank(gov);
        registry.transferModel(m, DAO3);
        vm.prank(safe);
        registry.addVersion(m, _vin(H1));
        assertEq(registry.model(m).versionCount, 1, "the Safe governs it now");
    }

    function test_transferModel_emitsModelTransferred() public {
        uint256 m = _register();
        vm.expectEmit();
        emit IModelRegistry.ModelTransferred(m, DAO1, DAO2);
        vm.prank(gov);
        registry.transferModel(m, DAO2);
    }

    function test_transferModel_newDAOTakesOverAndOldDAOLosesControl() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        vm.prank(gov);
        registry.transferModel(m, DAO2);

        _expectRevert(_notMaint(DAO2, maintainer));
        vm.prank(maintainer);
        registry.addVersion(m, _vin(H2));
        _expectRevert(_notMaint(DAO2, gov));
        vm.prank(gov);
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        _expectRevert(_notGov(DAO2, gov));
        vm.prank(gov);
        registry.transferModel(m, DAO1);

        vm.prank(otherMaintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        vm.prank(otherGov);
        registry.setStage(m, v, IModelRegistry.Stage.Production);
        assertEq(registry.productionVersion(m), v, "new owner shipped it");
        vm.prank(otherGov);
        registry.transferModel(m, DAO1);
        assertEq(registry.model(m).daoId, DAO1, "and can hand it back");
    }

    function test_transferModel_keepsVersionsEndpointsAndContributors() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        vm.prank(gov);
        registry.setContributors(m, _three());
        vm.prank(gov);
        registry.transferModel(m, DAO2);
        assertEq(registry.model(m).versionCount, 1, "versions kept");
        _assertStage(m, v, IModelRegistry.Stage.Staging);
        IModelRegistry.Endpoint memory ep = registry.endpoint(e);
        assertEq(ep.daoId, DAO2, "the endpoint follows its model");
        assertTrue(ep.active, "still active");
        assertEq(registry.contributors(m).length, 3, "contributors kept");
        assertEq(registry.model(m).contributorsRevision, 1, "revision kept");
        // The new owner's executor controls the endpoint now.
        _expectRevert(_notGov(DAO2, gov));
        vm.prank(gov);
        registry.updateEndpoint(e, _ein(2e15, true));
        vm.prank(otherGov);
        registry.updateEndpoint(e, _ein(2e15, true));
        assertEq(registry.endpoint(e).unitPrice, 2e15, "repriced by the new owner");
    }

    function test_transferModel_followsExecutorChange() public {
        uint256 m = _register();
        address newTimelock = address(0x6001);
        daos.setExecutor(DAO1, newTimelock);
        _expectRevert(_notGov(DAO1, gov));
        vm.prank(gov);
        registry.transferModel(m, DAO2);
        vm.prank(newTimelock);
        registry.transferModel(m, DAO2);
        assertEq(registry.model(m).daoId, DAO2, "the new executor acted");
    }

    function test_transferModel_revertsOnUnknownModel() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 1));
        vm.prank(gov);
        registry.transferModel(1, DAO2);
    }

    function test_transferModel_revertsOnUnknownTargetDAO() public {
        uint256 m = _register();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownDAO.selector, 4));
        vm.prank(gov);
        registry.transferModel(m, 4);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownDAO.selector, 0));
        vm.prank(gov);
        registry.transferModel(m, 0);
    }

    function test_transferModel_revertsOnSameDAO() public {
        uint256 m = _register();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistrySameDAO.selector, m, DAO1));
        vm.prank(gov);
        registry.transferModel(m, DAO1);
    }

    function test_transferModel_revertsIfMaintainer() public {
        uint256 m = _register();
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.transferModel(m, DAO2);
    }

    function test_transferModel_revertsIfTargetDAOsExecutor() public {
        uint256 m = _register();
        _expectRevert(_notGov(DAO1, otherGov));
        vm.prank(otherGov);
        registry.transferModel(m, DAO2);
    }

    function test_transferModel_roleMatrix() public {
        uint256 m = _register();
        _assertRoleMatrix(abi.encodeCall(registry.transferModel, (m, DAO3)), DAO1, Access.ExecutorOnly);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setMaintainer
    // ---------------------------------------------------------------------------------------------------------

    function test_setMaintainer_appointsAndRemoves() public {
        address bob = address(0xB0B0);
        vm.prank(gov);
        registry.setMaintainer(DAO1, bob, true);
        assertTrue(registry.isMaintainer(DAO1, bob), "appointed");
        vm.prank(gov);
        registry.setMaintainer(DAO1, bob, false);
        assertTrue(!registry.isMaintainer(DAO1, bob), "removed");
    }

    function test_setMaintainer_emitsOldAndNewValue() public {
        vm.expectEmit();
        emit IModelRegistry.MaintainerSet(DAO1, maintainer, true, false);
        vm.prank(gov);
        registry.setMaintainer(DAO1, maintainer, false);
        vm.expectEmit();
        emit IModelRegistry.MaintainerSet(DAO1, maintainer, false, false);
        vm.prank(gov);
        registry.setMaintainer(DAO1, maintainer, false);
        vm.expectEmit();
        emit IModelRegistry.MaintainerSet(DAO1, maintainer, false, true);
        vm.prank(gov);
        registry.setMaintainer(DAO1, maintainer, true);
    }

    function test_setMaintainer_isPerDAO() public view {
        assertTrue(registry.isMaintainer(DAO1, maintainer), "DAO1");
        assertTrue(!registry.isMaintainer(DAO2, maintainer), "not DAO2");
        assertTrue(registry.isMaintainer(DAO2, otherMaintainer), "DAO2");
        assertTrue(!registry.isMaintainer(DAO1, otherMaintainer), "not DAO1");
    }

    function test_setMaintainer_byOffChainDAOsSafe() public {
        vm.prank(safe);
        registry.setMaintainer(DAO3, maintainer, true);
        assertTrue(registry.isMaintainer(DAO3, maintainer), "appointed by the Safe");
    }

    function test_setMaintainer_revertsOnZeroAccount() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryZeroMaintainer.selector));
        vm.prank(gov);
        registry.setMaintainer(DAO1, address(0), true);
    }

    function test_setMaintainer_revertsOnUnknownDAO() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownDAO.selector, 9));
        vm.prank(gov);
        registry.setMaintainer(9, maintainer, true);
    }

    function test_setMaintainer_revertsIfMaintainerAppoints() public {
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setMaintainer(DAO1, stranger, true);
    }

    function test_setMaintainer_roleMatrix() public {
        _assertRoleMatrix(abi.encodeCall(registry.setMaintainer, (DAO1, stranger, true)), DAO1, Access.ExecutorOnly);
        _assertRoleMatrix(abi.encodeCall(registry.setMaintainer, (DAO1, maintainer, false)), DAO1, Access.ExecutorOnly);
    }

    // ---------------------------------------------------------------------------------------------------------
    // addVersion
    // ---------------------------------------------------------------------------------------------------------

    function test_addVersion_storesDraftVersion() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        assertEq(v, 1, "first version is 1");
        IModelRegistry.Version memory ver = registry.version(m, v);
        assertTrue(ver.contentHash == H1, "hash");
        _assertStrEq(ver.uri, "ipfs://weights", "uri");
        _assertStrEq(ver.framework, "pytorch-2.4", "framework");
        _assertStrEq(ver.license, "Apache-2.0", "license");
        _assertStrEq(ver.metricsURI, "ipfs://metrics", "metrics");
        assertEq(uint256(ver.stage), uint256(IModelRegistry.Stage.Draft), "starts in Draft");
        _assertStage(m, v, IModelRegistry.Stage.Draft);
        assertEq(registry.model(m).versionCount, 1, "count");
        assertEq(registry.versionByContentHash(m, H1), v, "by hash");
        assertEq(registry.versionByContentHash(m, H2), 0, "unknown hash");
        assertEq(registry.endpointsOf(m, v).length, 0, "no endpoints");
    }

    function test_addVersion_byExecutor() public {
        uint256 m = _register();
        vm.prank(gov);
        assertEq(registry.addVersion(m, _vin(H1)), 1, "executor adds a version");
    }

    function test_addVersion_idsArePerModel() public {
        uint256 a = _register();
        uint256 b = _register();
        assertEq(_addVersion(a, H1), 1, "a.1");
        assertEq(_addVersion(a, H2), 2, "a.2");
        assertEq(_addVersion(b, H3), 1, "b.1");
        assertEq(_addVersion(a, H3), 3, "a.3");
        assertEq(registry.model(a).versionCount, 3, "a count");
        assertEq(registry.model(b).versionCount, 1, "b count");
    }

    function test_addVersion_acceptsEmptyOptionalFields() public {
        uint256 m = _register();
        IModelRegistry.VersionInput memory input = IModelRegistry.VersionInput({
            contentHash: H1,
            uri: "ipfs://w",
            framework: "",
            license: "",
            metricsURI: ""
        });
        vm.prank(maintainer);
        registry.addVersion(m, input);
        assertEq(registry.model(m).versionCount, 1, "added");
    }

    function test_addVersion_emitsVersionAdded() public {
        uint256 m = _register();
        vm.expectEmit();
        emit IModelRegistry.VersionAdded(m, 1, H1, _vin(H1), maintainer);
        _addVersion(m, H1);
    }

    function test_addVersion_revertsOnZeroContentHash() public {
        uint256 m = _register();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryZeroContentHash.selector, m));
        vm.prank(maintainer);
        registry.addVersion(m, _vin(bytes32(0)));
    }

    function test_addVersion_revertsOnDuplicateContentHash() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _addVersion(m, H2);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryDuplicateContentHash.selector, m, H1, v));
        vm.prank(gov);
        registry.addVersion(m, _vin(H1));
    }

    function test_addVersion_revertsOnDuplicateContentHashOfArchivedVersion() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Archived);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryDuplicateContentHash.selector, m, H1, v));
        _addVersion(m, H1);
    }

    function test_addVersion_sameContentHashAllowedInAnotherModel() public {
        (uint256 a, ) = _modelWithVersion();
        uint256 b = _register();
        assertEq(_addVersion(b, H1), 1, "another model may use the same artifact");
        assertEq(registry.versionByContentHash(a, H1), 1, "a");
        assertEq(registry.versionByContentHash(b, H1), 1, "b");
    }

    function test_addVersion_revertsOnEmptyURI() public {
        uint256 m = _register();
        IModelRegistry.VersionInput memory input = _vin(H1);
        input.uri = "";
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryEmptyVersionURI.selector, m));
        vm.prank(maintainer);
        registry.addVersion(m, input);
    }

    function test_addVersion_revertsOnUnknownModel() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 1));
        vm.prank(gov);
        registry.addVersion(1, _vin(H1));
    }

    function test_addVersion_revertsIfStranger() public {
        uint256 m = _register();
        _expectRevert(_notMaint(DAO1, stranger));
        vm.prank(stranger);
        registry.addVersion(m, _vin(H1));
    }

    function test_addVersion_roleMatrix() public {
        uint256 m = _register();
        _assertRoleMatrix(abi.encodeCall(registry.addVersion, (m, _vin(H1))), DAO1, Access.MaintainerOrExecutor);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setStage
    // ---------------------------------------------------------------------------------------------------------

    function test_setStage_maintainerMovesDraftToStaging() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        vm.prank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        _assertStage(m, v, IModelRegistry.Stage.Staging);
    }

    function test_setStage_maintainerSendsStagingBackToDraft() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        vm.startPrank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        registry.setStage(m, v, IModelRegistry.Stage.Draft);
        vm.stopPrank();
        _assertStage(m, v, IModelRegistry.Stage.Draft);
    }

    function test_setStage_executorWalksTheWholeLifecycle() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        IModelRegistry.Stage[4] memory path = [
            IModelRegistry.Stage.Staging,
            IModelRegistry.Stage.Production,
            IModelRegistry.Stage.Deprecated,
            IModelRegistry.Stage.Archived
        ];
        for (uint256 i = 0; i < path.length; i++) {
            _stage(m, v, path[i]);
            _assertStage(m, v, path[i]);
            assertEq(uint256(registry.version(m, v).stage), uint256(path[i]), "version().stage");
        }
    }

    function test_setStage_executorDeprecatesStaging() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _stage(m, v, IModelRegistry.Stage.Deprecated);
        _assertStage(m, v, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), 0, "never in production");
    }

    function test_setStage_offChainDAOsSafePromotes() public {
        vm.prank(safe);
        uint256 m = registry.registerModel(DAO3, "m", "");
        vm.startPrank(safe);
        uint256 v = registry.addVersion(m, _vin(H1));
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        registry.setStage(m, v, IModelRegistry.Stage.Production);
        vm.stopPrank();
        assertEq(registry.productionVersion(m), v, "the Safe is the off-chain DAO's governance");
    }

    function test_setStage_emitsVersionStageChanged() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        vm.expectEmit();
        emit IModelRegistry.VersionStageChanged(
            m,
            v,
            IModelRegistry.Stage.Draft,
            IModelRegistry.Stage.Staging,
            maintainer
        );
        vm.prank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        vm.expectEmit();
        emit IModelRegistry.VersionStageChanged(
            m,
            v,
            IModelRegistry.Stage.Staging,
            IModelRegistry.Stage.Production,
            gov
        );
        _stage(m, v, IModelRegistry.Stage.Production);
    }

    function test_setStage_revertsIfMaintainerPromotesToProduction() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Production);
    }

    function test_setStage_revertsIfMaintainerDeprecatesProduction() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Production);
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Deprecated);
    }

    function test_setStage_revertsIfMaintainerDeprecatesStaging() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Deprecated);
    }

    function test_setStage_revertsIfMaintainerArchives() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Deprecated);
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Archived);
    }

    function test_setStage_revertsIfStrangerStages() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _expectRevert(_notMaint(DAO1, stranger));
        vm.prank(stranger);
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
    }

    function test_setStage_revertsIfAnotherDAOsExecutorPromotes() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _expectRevert(_notGov(DAO1, otherGov));
        vm.prank(otherGov);
        registry.setStage(m, v, IModelRegistry.Stage.Production);
    }

    function test_setStage_revertsOnDraftToProductionEvenByExecutor() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _expectRevert(_invalid(m, v, IModelRegistry.Stage.Draft, IModelRegistry.Stage.Production));
        _stage(m, v, IModelRegistry.Stage.Production);
    }

    function test_setStage_revertsOnEveryTransitionOutsideTheLifecycle() public {
        uint256 m = _register();
        uint256 invalid;
        for (uint8 f = 0; f <= uint8(IModelRegistry.Stage.Archived); f++) {
            for (uint8 t = 0; t <= uint8(IModelRegistry.Stage.Archived); t++) {
                IModelRegistry.Stage from = IModelRegistry.Stage(f);
                IModelRegistry.Stage to = IModelRegistry.Stage(t);
                uint256 v = _addVersion(m, keccak256(abi.encode(f, t)));
                _toStage(m, v, from);
                if (_rule(from, to) == 0) {
                    invalid++;
                    _expectRevert(_invalid(m, v, from, to));
                    _stage(m, v, to);
                    _assertStage(m, v, from);
                } else {
                    _stage(m, v, to);
                    _assertStage(m, v, to);
                }
            }
        }
        assertEq(invalid, 25 - 6, "exactly six transitions are allowed");
    }

    function test_setStage_revertsOnSameStage() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _expectRevert(_invalid(m, v, IModelRegistry.Stage.Draft, IModelRegistry.Stage.Draft));
        _stage(m, v, IModelRegistry.Stage.Draft);
    }

    function test_setStage_archivedIsFinal() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Archived);
        for (uint8 t = 0; t <= uint8(IModelRegistry.Stage.Archived); t++) {
            IModelRegistry.Stage to = IModelRegistry.Stage(t);
            _expectRevert(_invalid(m, v, IModelRegistry.Stage.Archived, to));
            _stage(m, v, to);
        }
    }

    function test_setStage_revertsOnUnknownModel() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 7));
        _stage(7, 1, IModelRegistry.Stage.Staging);
    }

    function test_setStage_revertsOnUnknownVersion() public {
        (uint256 m, ) = _modelWithVersion();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownVersion.selector, m, 2));
        _stage(m, 2, IModelRegistry.Stage.Staging);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownVersion.selector, m, 0));
        _stage(m, 0, IModelRegistry.Stage.Staging);
    }

    function test_setStage_roleMatrix_draftToStaging() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _assertRoleMatrix(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Staging)),
            DAO1,
            Access.MaintainerOrExecutor
        );
    }

    function test_setStage_roleMatrix_stagingToDraft() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _assertRoleMatrix(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Draft)),
            DAO1,
            Access.MaintainerOrExecutor
        );
    }

    function test_setStage_roleMatrix_stagingToProduction() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _assertRoleMatrix(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Production)),
            DAO1,
            Access.ExecutorOnly
        );
    }

    function test_setStage_roleMatrix_stagingToDeprecated() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _assertRoleMatrix(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Deprecated)),
            DAO1,
            Access.ExecutorOnly
        );
    }

    function test_setStage_roleMatrix_productionToDeprecated() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Production);
        _assertRoleMatrix(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Deprecated)),
            DAO1,
            Access.ExecutorOnly
        );
    }

    function test_setStage_roleMatrix_deprecatedToArchived() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Deprecated);
        _assertRoleMatrix(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Archived)),
            DAO1,
            Access.ExecutorOnly
        );
    }

    // ---------------------------------------------------------------------------------------------------------
    // productionVersion
    // ---------------------------------------------------------------------------------------------------------

    function test_productionVersion_isTheLatestPromoted() public {
        uint256 m = _register();
        uint256 v1 = _addVersion(m, H1);
        uint256 v2 = _addVersion(m, H2);
        _toStage(m, v2, IModelRegistry.Stage.Production);
        assertEq(registry.productionVersion(m), v2, "v2");
        // Promotion order, not version order, decides.
        _toStage(m, v1, IModelRegistry.Stage.Production);
        assertEq(registry.productionVersion(m), v1, "v1 promoted last");
    }

    function test_productionVersion_fallsBackToAnEarlierOneStillInProduction() public {
        uint256 m = _register();
        uint256 v1 = _addVersion(m, H1);
        uint256 v2 = _addVersion(m, H2);
        _toStage(m, v1, IModelRegistry.Stage.Production);
        _toStage(m, v2, IModelRegistry.Stage.Production);
        _stage(m, v2, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), v1, "back to v1");
        _stage(m, v1, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), 0, "none left");
    }

    function test_productionVersion_deprecatingAnOlderOneKeepsTheLatest() public {
        uint256 m = _register();
        uint256 v1 = _addVersion(m, H1);
        uint256 v2 = _addVersion(m, H2);
        uint256 v3 = _addVersion(m, H3);
        _toStage(m, v1, IModelRegistry.Stage.Production);
        _toStage(m, v2, IModelRegistry.Stage.Production);
        _toStage(m, v3, IModelRegistry.Stage.Production);
        _stage(m, v2, IModelRegistry.Stage.Deprecated); // the middle one
        assertEq(registry.productionVersion(m), v3, "still v3");
        _stage(m, v3, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), v1, "v2 was unlinked: back to v1");
        uint256 v4 = _addVersion(m, keccak256("v4"));
        _toStage(m, v4, IModelRegistry.Stage.Production);
        assertEq(registry.productionVersion(m), v4, "v4");
        _stage(m, v4, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), v1, "v1 again");
        _stage(m, v1, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), 0, "none");
    }

    function test_productionVersion_isPerModel() public {
        (uint256 a, uint256 va) = _modelWithVersion();
        uint256 b = _register();
        _toStage(a, va, IModelRegistry.Stage.Production);
        assertEq(registry.productionVersion(a), va, "a");
        assertEq(registry.productionVersion(b), 0, "b");
    }

    function test_productionVersion_ignoresStagingAndDeprecatedVersions() public {
        uint256 m = _register();
        uint256 v1 = _addVersion(m, H1);
        uint256 v2 = _addVersion(m, H2);
        _toStage(m, v1, IModelRegistry.Stage.Staging);
        _toStage(m, v2, IModelRegistry.Stage.Deprecated);
        assertEq(registry.productionVersion(m), 0, "none in Production");
    }

    // ---------------------------------------------------------------------------------------------------------
    // setEndpoint
    // ---------------------------------------------------------------------------------------------------------

    function test_setEndpoint_storesEndpointForStagingVersion() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        assertEq(e, 1, "first id is 1");
        IModelRegistry.Endpoint memory ep = registry.endpoint(e);
        assertEq(ep.modelId, m, "model");
        assertEq(ep.versionId, v, "version");
        assertEq(ep.daoId, DAO1, "dao");
        _assertStrEq(ep.url, "https://infer.example/v1", "url");
        _assertStrEq(ep.unit, "1k-tokens", "unit");
        assertEq(ep.paymentToken, USDC, "token");
        assertEq(ep.unitPrice, 1e15, "price");
        assertTrue(ep.active, "active");
        assertEq(registry.endpointCount(), 1, "count");
        uint256[] memory ids = registry.endpointsOf(m, v);
        assertEq(ids.length, 1, "listed");
        assertEq(ids[0], e, "listed id");
    }

    function test_setEndpoint_forProductionVersionWithETHPrice() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Production);
        IModelRegistry.EndpointInput memory input = _ein(1 gwei, true);
        input.paymentToken = address(0);
        vm.prank(gov);
        uint256 e = registry.setEndpoint(m, v, input);
        assertEq(registry.endpoint(e).paymentToken, address(0), "ETH");
        assertTrue(registry.endpoint(e).active, "active");
    }

    function test_setEndpoint_createsInactiveEndpoint() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        vm.prank(gov);
        uint256 e = registry.setEndpoint(m, v, _ein(5, false));
        assertTrue(!registry.endpoint(e).active, "inactive");
    }

    function test_setEndpoint_idsAreGlobal() public {
        (uint256 a, uint256 va, uint256 e1) = _withEndpoint();
        uint256 b = _register();
        uint256 vb = _addVersion(b, H2);
        _toStage(b, vb, IModelRegistry.Stage.Staging);
        vm.startPrank(gov);
        uint256 e2 = registry.setEndpoint(b, vb, _ein(1, true));
        uint256 e3 = registry.setEndpoint(a, va, _ein(2, true));
        vm.stopPrank();
        assertEq(e1, 1, "1");
        assertEq(e2, 2, "2");
        assertEq(e3, 3, "3");
        assertEq(registry.endpointCount(), 3, "count");
        uint256[] memory ofA = registry.endpointsOf(a, va);
        assertEq(ofA.length, 2, "two for a");
        assertEq(ofA[0], e1, "oldest first");
        assertEq(ofA[1], e3, "then e3");
        assertEq(registry.endpointsOf(b, vb).length, 1, "one for b");
    }

    function test_setEndpoint_emitsEndpointCreated() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        vm.expectEmit();
        emit IModelRegistry.EndpointCreated(1, m, v, _ein(7, true));
        vm.prank(gov);
        registry.setEndpoint(m, v, _ein(7, true));
    }

    function test_setEndpoint_revertsForDraftDeprecatedOrArchivedVersion() public {
        uint256 m = _register();
        IModelRegistry.Stage[3] memory stages = [
            IModelRegistry.Stage.Draft,
            IModelRegistry.Stage.Deprecated,
            IModelRegistry.Stage.Archived
        ];
        for (uint256 i = 0; i < stages.length; i++) {
            uint256 v = _addVersion(m, keccak256(abi.encode(i)));
            _toStage(m, v, stages[i]);
            for (uint256 a = 0; a < 2; a++) {
                _expectRevert(
                    abi.encodeWithSelector(IModelRegistry.ModelRegistryVersionNotServable.selector, m, v, stages[i])
                );
                vm.prank(gov);
                registry.setEndpoint(m, v, _ein(1, a == 0));
            }
        }
    }

    function test_setEndpoint_revertsOnEmptyURL() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        IModelRegistry.EndpointInput memory input = _ein(1, true);
        input.url = "";
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryEmptyEndpointURL.selector));
        vm.prank(gov);
        registry.setEndpoint(m, v, input);
    }

    function test_setEndpoint_revertsOnEmptyUnit() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        IModelRegistry.EndpointInput memory input = _ein(1, true);
        input.unit = "";
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryEmptyEndpointUnit.selector));
        vm.prank(gov);
        registry.setEndpoint(m, v, input);
    }

    function test_setEndpoint_revertsOnZeroUnitPrice() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryZeroUnitPrice.selector));
        vm.prank(gov);
        registry.setEndpoint(m, v, _ein(0, true));
    }

    function test_setEndpoint_revertsOnUnknownModelOrVersion() public {
        (uint256 m, ) = _modelWithVersion();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 5));
        vm.prank(gov);
        registry.setEndpoint(5, 1, _ein(1, true));
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownVersion.selector, m, 2));
        vm.prank(gov);
        registry.setEndpoint(m, 2, _ein(1, true));
    }

    function test_setEndpoint_revertsIfMaintainer() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Staging);
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setEndpoint(m, v, _ein(1, true));
    }

    function test_setEndpoint_roleMatrix() public {
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, IModelRegistry.Stage.Production);
        _assertRoleMatrix(abi.encodeCall(registry.setEndpoint, (m, v, _ein(1, true))), DAO1, Access.ExecutorOnly);
    }

    // ---------------------------------------------------------------------------------------------------------
    // updateEndpoint
    // ---------------------------------------------------------------------------------------------------------

    function test_updateEndpoint_rewritesEveryField() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        IModelRegistry.EndpointInput memory input = IModelRegistry.EndpointInput({
            url: "https://infer2.example",
            unit: "request",
            paymentToken: address(0),
            unitPrice: 42,
            active: false
        });
        vm.prank(gov);
        registry.updateEndpoint(e, input);
        IModelRegistry.Endpoint memory ep = registry.endpoint(e);
        assertEq(ep.modelId, m, "model unchanged");
        assertEq(ep.versionId, v, "version unchanged");
        _assertStrEq(ep.url, "https://infer2.example", "url");
        _assertStrEq(ep.unit, "request", "unit");
        assertEq(ep.paymentToken, address(0), "token");
        assertEq(ep.unitPrice, 42, "price");
        assertTrue(!ep.active, "switched off");
        input.active = true;
        vm.prank(gov);
        registry.updateEndpoint(e, input);
        assertTrue(registry.endpoint(e).active, "switched on again");
    }

    function test_updateEndpoint_emitsOldAndNewValues() public {
        (, , uint256 e) = _withEndpoint();
        vm.expectEmit();
        emit IModelRegistry.EndpointUpdated(e, _ein(1e15, true), _ein(3e15, true));
        vm.prank(gov);
        registry.updateEndpoint(e, _ein(3e15, true));
    }

    function test_updateEndpoint_oldValueShowsEffectiveActivity() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        _stage(m, v, IModelRegistry.Stage.Deprecated);
        vm.expectEmit();
        emit IModelRegistry.EndpointUpdated(e, _ein(1e15, false), _ein(1e15, false));
        vm.prank(gov);
        registry.updateEndpoint(e, _ein(1e15, false));
    }

    function test_updateEndpoint_repricesInactiveEndpointOfDeprecatedVersion() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        _stage(m, v, IModelRegistry.Stage.Deprecated);
        vm.prank(gov);
        registry.updateEndpoint(e, _ein(9, false));
        assertEq(registry.endpoint(e).unitPrice, 9, "repriced");
        assertTrue(!registry.endpoint(e).active, "off");
    }

    function test_updateEndpoint_revertsSwitchingOnForNonServableVersion() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        _stage(m, v, IModelRegistry.Stage.Draft);
        _expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistryVersionNotServable.selector,
                m,
                v,
                IModelRegistry.Stage.Draft
            )
        );
        vm.prank(gov);
        registry.updateEndpoint(e, _ein(1e15, true));
    }

    function test_updateEndpoint_revertsOnInvalidInput() public {
        (, , uint256 e) = _withEndpoint();
        IModelRegistry.EndpointInput memory input = _ein(1, true);
        input.url = "";
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryEmptyEndpointURL.selector));
        vm.prank(gov);
        registry.updateEndpoint(e, input);
        input = _ein(1, true);
        input.unit = "";
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryEmptyEndpointUnit.selector));
        vm.prank(gov);
        registry.updateEndpoint(e, input);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryZeroUnitPrice.selector));
        vm.prank(gov);
        registry.updateEndpoint(e, _ein(0, false));
    }

    function test_updateEndpoint_revertsOnUnknownEndpoint() public {
        _withEndpoint();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 2));
        vm.prank(gov);
        registry.updateEndpoint(2, _ein(1, true));
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 0));
        vm.prank(gov);
        registry.updateEndpoint(0, _ein(1, true));
    }

    function test_updateEndpoint_revertsIfMaintainer() public {
        (, , uint256 e) = _withEndpoint();
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.updateEndpoint(e, _ein(1, false));
    }

    function test_updateEndpoint_roleMatrix() public {
        (, , uint256 e) = _withEndpoint();
        _assertRoleMatrix(abi.encodeCall(registry.updateEndpoint, (e, _ein(5, true))), DAO1, Access.ExecutorOnly);
        _assertRoleMatrix(abi.encodeCall(registry.updateEndpoint, (e, _ein(5, false))), DAO1, Access.ExecutorOnly);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setEndpointActive and the endpoint's effective activity
    // ---------------------------------------------------------------------------------------------------------

    function test_setEndpointActive_maintainerSwitchesOff() public {
        (, , uint256 e) = _withEndpoint();
        vm.prank(maintainer);
        registry.setEndpointActive(e, false);
        assertTrue(!registry.endpoint(e).active, "off");
    }

    function test_setEndpointActive_executorSwitchesOffAndOn() public {
        (, , uint256 e) = _withEndpoint();
        vm.prank(gov);
        registry.setEndpointActive(e, false);
        assertTrue(!registry.endpoint(e).active, "off");
        vm.prank(gov);
        registry.setEndpointActive(e, true);
        assertTrue(registry.endpoint(e).active, "on");
    }

    function test_setEndpointActive_revertsIfMaintainerSwitchesOn() public {
        (, , uint256 e) = _withEndpoint();
        vm.prank(maintainer);
        registry.setEndpointActive(e, false);
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setEndpointActive(e, true);
    }

    function test_setEndpointActive_revertsIfStrangerSwitchesOff() public {
        (, , uint256 e) = _withEndpoint();
        _expectRevert(_notMaint(DAO1, stranger));
        vm.prank(stranger);
        registry.setEndpointActive(e, false);
    }

    function test_setEndpointActive_emitsOldAndNewValues() public {
        (, , uint256 e) = _withEndpoint();
        vm.expectEmit();
        emit IModelRegistry.EndpointActiveSet(e, true, false, maintainer);
        vm.prank(maintainer);
        registry.setEndpointActive(e, false);
        vm.expectEmit();
        emit IModelRegistry.EndpointActiveSet(e, false, false, maintainer);
        vm.prank(maintainer);
        registry.setEndpointActive(e, false);
        vm.expectEmit();
        emit IModelRegistry.EndpointActiveSet(e, false, true, gov);
        vm.prank(gov);
        registry.setEndpointActive(e, true);
    }

    function test_setEndpointActive_revertsSwitchingOnForNonServableVersion() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        _stage(m, v, IModelRegistry.Stage.Deprecated);
        _expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelRegistryVersionNotServable.selector,
                m,
                v,
                IModelRegistry.Stage.Deprecated
            )
        );
        vm.prank(gov);
        registry.setEndpointActive(e, true);
        // Switching off is always possible.
        vm.prank(maintainer);
        registry.setEndpointActive(e, false);
    }

    function test_setEndpointActive_revertsOnUnknownEndpoint() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 1));
        vm.prank(gov);
        registry.setEndpointActive(1, false);
    }

    function test_setEndpointActive_roleMatrix_switchOn() public {
        (, , uint256 e) = _withEndpoint();
        vm.prank(gov);
        registry.setEndpointActive(e, false);
        _assertRoleMatrix(abi.encodeCall(registry.setEndpointActive, (e, true)), DAO1, Access.ExecutorOnly);
    }

    function test_setEndpointActive_roleMatrix_switchOff() public {
        (, , uint256 e) = _withEndpoint();
        _assertRoleMatrix(abi.encodeCall(registry.setEndpointActive, (e, false)), DAO1, Access.MaintainerOrExecutor);
    }

    function test_endpoint_staysActiveFromStagingToProduction() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        _stage(m, v, IModelRegistry.Stage.Production);
        assertTrue(registry.endpoint(e).active, "still on in Production");
    }

    function test_endpoint_isOffOnceItsVersionIsDeprecated() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        _stage(m, v, IModelRegistry.Stage.Production);
        _stage(m, v, IModelRegistry.Stage.Deprecated);
        assertTrue(!registry.endpoint(e).active, "off when Deprecated");
        _stage(m, v, IModelRegistry.Stage.Archived);
        assertTrue(!registry.endpoint(e).active, "off when Archived");
    }

    function test_endpoint_sendingBackToDraftSwitchesOffUntilExecutorSwitchesOn() public {
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        vm.startPrank(maintainer);
        registry.setStage(m, v, IModelRegistry.Stage.Draft);
        assertTrue(!registry.endpoint(e).active, "off in Draft");
        registry.setStage(m, v, IModelRegistry.Stage.Staging);
        assertTrue(!registry.endpoint(e).active, "a maintainer's round trip does not switch it on again");
        _expectRevert(_notGov(DAO1, maintainer));
        registry.setEndpointActive(e, true);
        vm.stopPrank();
        vm.prank(gov);
        registry.setEndpointActive(e, true);
        assertTrue(registry.endpoint(e).active, "governance switched it on");
    }

    // ---------------------------------------------------------------------------------------------------------
    // setContributors
    // ---------------------------------------------------------------------------------------------------------

    function test_setContributors_storesListAndTotal() public {
        uint256 m = _register();
        vm.prank(gov);
        registry.setContributors(m, _three());
        IModelRegistry.Contributor[] memory list = registry.contributors(m);
        IModelRegistry.Contributor[] memory want = _three();
        assertEq(list.length, 3, "length");
        for (uint256 i = 0; i < 3; i++) {
            assertEq(list[i].account, want[i].account, "account");
            assertEq(uint256(list[i].role), uint256(want[i].role), "role");
            assertEq(list[i].shareBps, want[i].shareBps, "share");
        }
        assertEq(registry.contributorShareTotal(m), 9_000, "total");
        assertEq(registry.model(m).contributorsRevision, 1, "revision");
    }

    function test_setContributors_replacesTheWholeList() public {
        uint256 m = _register();
        vm.prank(gov);
        registry.setContributors(m, _three());
        IModelRegistry.Contributor[] memory list = new IModelRegistry.Contributor[](1);
        list[0] = _c(address(0x0505), IModelRegistry.Role.Ops, 10_000);
        vm.prank(gov);
        registry.setContributors(m, list);
        IModelRegistry.Contributor[] memory got = registry.contributors(m);
        assertEq(got.length, 1, "replaced");
        assertEq(got[0].account, address(0x0505), "account");
        assertEq(uint256(got[0].role), uint256(IModelRegistry.Role.Ops), "role");
        assertEq(registry.contributorShareTotal(m), 10_000, "total");
        assertEq(registry.model(m).contributorsRevision, 2, "revision 2");
    }

    function test_setContributors_emptyListClears() public {
        uint256 m = _register();
        vm.prank(gov);
        registry.setContributors(m, _three());
        vm.prank(gov);
        registry.setContributors(m, new IModelRegistry.Contributor[](0));
        assertEq(registry.contributors(m).length, 0, "cleared");
        assertEq(registry.contributorShareTotal(m), 0, "total");
        assertEq(registry.model(m).contributorsRevision, 2, "revision still bumps");
    }

    function test_setContributors_emitsRevisionAndList() public {
        uint256 m = _register();
        vm.expectEmit();
        emit IModelRegistry.ContributorsSet(m, 1, _three());
        vm.prank(gov);
        registry.setContributors(m, _three());
        vm.expectEmit();
        emit IModelRegistry.ContributorsSet(m, 2, new IModelRegistry.Contributor[](0));
        vm.prank(gov);
        registry.setContributors(m, new IModelRegistry.Contributor[](0));
    }

    function test_setContributors_revisionIsPerModel() public {
        uint256 a = _register();
        uint256 b = _register();
        vm.startPrank(gov);
        registry.setContributors(a, _three());
        registry.setContributors(a, _three());
        registry.setContributors(b, _three());
        vm.stopPrank();
        assertEq(registry.model(a).contributorsRevision, 2, "a");
        assertEq(registry.model(b).contributorsRevision, 1, "b");
    }

    function test_setContributors_acceptsZeroShareAndAll64() public {
        uint256 m = _register();
        IModelRegistry.Contributor[] memory list = _spread(1, 64, 10_000);
        list[5].shareBps += list[6].shareBps;
        list[6].shareBps = 0; // credited without a share
        vm.prank(gov);
        registry.setContributors(m, list);
        assertEq(registry.contributors(m).length, 64, "64");
        assertEq(registry.contributorShareTotal(m), 10_000, "exactly 100%");
    }

    function test_setContributors_revertsOn65Contributors() public {
        uint256 m = _register();
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryTooManyContributors.selector, 65, 64));
        vm.prank(gov);
        registry.setContributors(m, _spread(1, 65, 100));
    }

    function test_setContributors_revertsOnZeroAccount() public {
        uint256 m = _register();
        IModelRegistry.Contributor[] memory list = _three();
        list[2].account = address(0);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryZeroContributor.selector, 2));
        vm.prank(gov);
        registry.setContributors(m, list);
    }

    function test_setContributors_revertsOnDuplicateAccount() public {
        uint256 m = _register();
        IModelRegistry.Contributor[] memory list = _three();
        list[2].account = list[0].account;
        list[2].role = IModelRegistry.Role.Ops; // a second role is still a duplicate
        _expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistryDuplicateContributor.selector, list[0].account)
        );
        vm.prank(gov);
        registry.setContributors(m, list);
    }

    function test_setContributors_revertsAbove10000() public {
        uint256 m = _register();
        IModelRegistry.Contributor[] memory list = _three();
        list[2].shareBps = 2_501; // 4_000 + 3_500 + 2_501
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryContributorSharesAbove10000.selector, 10_001));
        vm.prank(gov);
        registry.setContributors(m, list);
    }

    function test_setContributors_failedCallKeepsPreviousList() public {
        uint256 m = _register();
        vm.prank(gov);
        registry.setContributors(m, _three());
        IModelRegistry.Contributor[] memory bad = _spread(3, 2, 10_001);
        vm.prank(gov);
        (bool ok, ) = address(registry).call(abi.encodeCall(registry.setContributors, (m, bad)));
        assertTrue(!ok, "rejected");
        assertEq(registry.contributors(m).length, 3, "kept");
        assertEq(registry.contributorShareTotal(m), 9_000, "total kept");
        assertEq(registry.model(m).contributorsRevision, 1, "revision kept");
    }

    function test_setContributors_revertsOnUnknownModel() public {
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 3));
        vm.prank(gov);
        registry.setContributors(3, _three());
    }

    function test_setContributors_revertsIfMaintainer() public {
        uint256 m = _register();
        _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(maintainer);
        registry.setContributors(m, _three());
    }

    function test_setContributors_roleMatrix() public {
        uint256 m = _register();
        _assertRoleMatrix(abi.encodeCall(registry.setContributors, (m, _three())), DAO1, Access.ExecutorOnly);
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_setContributors_rejectsSharesAbove10000(uint256 seed, uint256 n, uint256 total) public {
        uint256 m = _register();
        n = bound(n, 1, 64);
        total = bound(total, 10_001, n * type(uint16).max);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryContributorSharesAbove10000.selector, total));
        vm.prank(gov);
        registry.setContributors(m, _spread(seed, n, total));
    }

    function testFuzz_setContributors_acceptsSharesUpTo10000(uint256 seed, uint256 n, uint256 total) public {
        uint256 m = _register();
        n = bound(n, 1, 64);
        total = bound(total, 0, 10_000);
        IModelRegistry.Contributor[] memory list = _spread(seed, n, total);
        vm.prank(gov);
        registry.setContributors(m, list);
        assertEq(registry.contributorShareTotal(m), total, "total");
        IModelRegistry.Contributor[] memory got = registry.contributors(m);
        uint256 sum;
        for (uint256 i = 0; i < got.length; i++) {
            assertEq(got[i].shareBps, list[i].shareBps, "share");
            sum += got[i].shareBps;
        }
        assertEq(got.length, n, "length");
        assertEq(sum, total, "sum of stored shares");
    }

    function testFuzz_setContributors_rejectsAnyDuplicate(uint256 n, uint256 i, uint256 j) public {
        uint256 m = _register();
        n = bound(n, 2, 64);
        i = bound(i, 0, n - 1);
        j = bound(j, 0, n - 1);
        vm.assume(i != j);
        IModelRegistry.Contributor[] memory list = _spread(0, n, 0);
        list[j].account = list[i].account;
        _expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistryDuplicateContributor.selector, list[i].account)
        );
        vm.prank(gov);
        registry.setContributors(m, list);
    }

    function testFuzz_setStage_onlyLifecycleTransitionsSucceed(uint8 fromSeed, uint8 toSeed, bool asMaintainer) public {
        (uint256 m, uint256 v) = _modelWithVersion();
        IModelRegistry.Stage from = IModelRegistry.Stage(fromSeed % 5);
        IModelRegistry.Stage to = IModelRegistry.Stage(toSeed % 5);
        _toStage(m, v, from);
        uint256 rule = _rule(from, to);
        address caller = asMaintainer ? maintainer : gov;
        if (rule == 0) _expectRevert(_invalid(m, v, from, to));
        else if (rule == 2 && asMaintainer) _expectRevert(_notGov(DAO1, maintainer));
        vm.prank(caller);
        registry.setStage(m, v, to);
        bool moved = rule == 1 || (rule == 2 && !asMaintainer);
        _assertStage(m, v, moved ? to : from);
    }

    function testFuzz_setStage_maintainerNeverReachesProduction(uint8 fromSeed) public {
        (uint256 m, uint256 v) = _modelWithVersion();
        IModelRegistry.Stage from = IModelRegistry.Stage(fromSeed % 5);
        _toStage(m, v, from);
        vm.prank(maintainer);
        (bool ok, ) = address(registry).call(
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Production))
        );
        assertTrue(!ok, "a maintainer promoted to Production");
        assertEq(registry.productionVersion(m), from == IModelRegistry.Stage.Production ? v : 0, "production");
    }

    function testFuzz_privilegedFunctions_rejectRandomCaller(address caller) public {
        vm.assume(caller != gov && caller != maintainer);
        (uint256 m, uint256 v, uint256 e) = _withEndpoint();
        bytes[12] memory calls = [
            abi.encodeCall(registry.registerModel, (DAO1, "m", "")),
            abi.encodeCall(registry.transferModel, (m, DAO2)),
            abi.encodeCall(registry.setMaintainer, (DAO1, caller, true)),
            abi.encodeCall(registry.addVersion, (m, _vin(H2))),
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Draft)),
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Production)),
            abi.encodeCall(registry.setStage, (m, v, IModelRegistry.Stage.Deprecated)),
            abi.encodeCall(registry.setEndpoint, (m, v, _ein(1, true))),
            abi.encodeCall(registry.updateEndpoint, (e, _ein(1, false))),
            abi.encodeCall(registry.setEndpointActive, (e, false)),
            abi.encodeCall(registry.setEndpointActive, (e, true)),
            abi.encodeCall(registry.setContributors, (m, _three()))
        ];
        for (uint256 i = 0; i < calls.length; i++) {
            vm.prank(caller);
            (bool ok, ) = address(registry).call(calls[i]);
            assertTrue(!ok, "a random caller succeeded");
        }
    }

    function testFuzz_registerModel_revertsOnUnknownDAO(uint256 daoId) public {
        vm.assume(daoId == 0 || daoId > 3);
        _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownDAO.selector, daoId));
        vm.prank(gov);
        registry.registerModel(daoId, "m", "");
    }

    function testFuzz_addVersion_rejectsDuplicateContentHash(bytes32 contentHash, uint256 others) public {
        vm.assume(contentHash != bytes32(0));
        uint256 m = _register();
        others = bound(others, 0, 5);
        for (uint256 i = 0; i < others; i++) {
            bytes32 h = keccak256(abi.encode(contentHash, i));
            _addVersion(m, h);
        }
        uint256 v = _addVersion(m, contentHash);
        assertEq(v, others + 1, "id");
        assertEq(registry.versionByContentHash(m, contentHash), v, "by hash");
        _expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistryDuplicateContentHash.selector, m, contentHash, v)
        );
        _addVersion(m, contentHash);
    }

    function testFuzz_setEndpoint_storesInput(address token, uint256 price, bool active, bool production) public {
        price = bound(price, 1, type(uint256).max);
        (uint256 m, uint256 v) = _modelWithVersion();
        _toStage(m, v, production ? IModelRegistry.Stage.Production : IModelRegistry.Stage.Staging);
        IModelRegistry.EndpointInput memory input = _ein(price, active);
        input.paymentToken = token;
        vm.prank(gov);
        uint256 e = registry.setEndpoint(m, v, input);
        IModelRegistry.Endpoint memory ep = registry.endpoint(e);
        assertEq(ep.paymentToken, token, "token");
        assertEq(ep.unitPrice, price, "price");
        assertTrue(ep.active == active, "active");
        assertEq(ep.daoId, DAO1, "dao");
    }

    function testFuzz_setEndpoint_rejectsNonServableVersion(uint8 stageSeed) public {
        (uint256 m, uint256 v) = _modelWithVersion();
        IModelRegistry.Stage stage = IModelRegistry.Stage(stageSeed % 5);
        _toStage(m, v, stage);
        bool servable = stage == IModelRegistry.Stage.Staging || stage == IModelRegistry.Stage.Production;
        if (!servable) {
            _expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryVersionNotServable.selector, m, v, stage));
        }
        vm.prank(gov);
        registry.setEndpoint(m, v, _ein(1, true));
        if (servable) assertEq(registry.endpointCount(), 1, "created");
    }

    /// @dev Random promotions and deprecations of eight versions; productionVersion must always be the one
    /// promoted last among those still in Production.
    function testFuzz_productionVersion_isLatestPromotedStillInProduction(uint256 seed) public {
        uint256 m = _register();
        uint256 n = 8;
        uint256[] memory promotedAt = new uint256[](n + 1);
        uint256 clock;
        for (uint256 v = 1; v <= n; v++) {
            _addVersion(m, keccak256(abi.encode("v", v)));
            _stage(m, v, IModelRegistry.Stage.Staging);
        }
        for (uint256 step = 0; step < 24; step++) {
            uint256 v = 1 + (uint256(keccak256(abi.encode(seed, step))) % n);
            IModelRegistry.Stage stage = registry.stageOf(m, v);
            if (stage == IModelRegistry.Stage.Staging) {
                _stage(m, v, IModelRegistry.Stage.Production);
                promotedAt[v] = ++clock;
            } else if (stage == IModelRegistry.Stage.Production) {
                _stage(m, v, IModelRegistry.Stage.Deprecated);
            }
            uint256 want;
            uint256 best;
            for (uint256 w = 1; w <= n; w++) {
                if (registry.stageOf(m, w) == IModelRegistry.Stage.Production && promotedAt[w] > best) {
                    best = promotedAt[w];
                    want = w;
                }
            }
            assertEq(registry.productionVersion(m), want, "latest promoted still in Production");
        }
    }
}
