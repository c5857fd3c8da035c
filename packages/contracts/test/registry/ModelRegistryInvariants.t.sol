// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {IModelRegistry} from "../../contracts/registry/IModelRegistry.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {ModelRegistryHandler} from "./ModelRegistryHandler.sol";

contract ModelRegistryInvariantsTest is InvariantTest {
    MockDAORegistry internal daos;
    ModelRegistry internal registry;
    ModelRegistryHandler internal handler;

    function setUp() public {
        daos = new MockDAORegistry();
        daos.addDAO(address(0x6000), true);
        daos.addDAO(address(0x7000), true);
        daos.addDAO(address(0x5AFE), false); // an off-chain DAO: its Safe executes
        registry = new ModelRegistry(daos);
        handler = new ModelRegistryHandler(registry, daos);
        _seedState();
        targetContract(address(handler));
    }

    /// @dev Starts every run from a populated registry, through the handler so that its ghosts follow: a maintainer
    /// per DAO, one model per DAO with three versions each, model 1's versions in Staging, Production and
    /// Production (promoted in that order), model 2's first in Staging, and an endpoint on each of model 1's.
    /// Seeds: actor 0 is the DAO's executor; DAO, model and version seed 1 + 16 * k picks the (k + 1)-th.
    function _seedState() internal {
        for (uint256 k = 0; k < 3; k++) {
            handler.setMaintainer(1 + 16 * k, 1 + k, true, 0);
            handler.registerModel(1 + 16 * k, 0, false);
        }
        for (uint256 k = 0; k < 3; k++) {
            for (uint256 v = 0; v < 3; v++) handler.addVersion(1 + 16 * k, 1 + v, false, 0);
        }
        uint256 toward = 1; // _pickTarget: seed % 4 != 0 moves forward, and 1 >> 2 == 0 picks Production
        for (uint256 v = 0; v < 3; v++) handler.setStage(1, 1 + 16 * v, toward, 0); // Draft -> Staging
        handler.setStage(1, 1 + 16 * 1, toward, 0); // Staging -> Production
        handler.setStage(1, 1 + 16 * 2, toward, 0); // Staging -> Production
        handler.setStage(17, 1, toward, 0); // model 2, version 1: Draft -> Staging
        for (uint256 v = 0; v < 3; v++) handler.setEndpoint(1, 1 + 16 * v, 3, true, 0);
        assertEq(registry.modelCount(), 3, "seeded models");
        assertEq(registry.endpointCount(), 3, "seeded endpoints");
        assertEq(registry.productionVersion(1), 3, "seeded production version");
        assertEq(handler.ghostOutcomeMismatches(), 0, "seeding went as planned");
    }

    /// @dev ModelRegistry header: the sum of the contributor shares of every model is at most 10_000 basis points.
    function invariant_contributorSharesAtMost10000() public view {
        assertEq(handler.ghostSharesAbove10000Accepted(), 0, "a list above 10_000 bps was accepted");
        uint256 models = registry.modelCount();
        for (uint256 m = 1; m <= models; m++) {
            IModelRegistry.Contributor[] memory list = registry.contributors(m);
            uint256 sum;
            for (uint256 i = 0; i < list.length; i++) sum += list[i].shareBps;
            assertLe(sum, 10_000, "shares above 10_000");
            assertEq(registry.contributorShareTotal(m), sum, "contributorShareTotal != sum of shares");
            assertEq(sum, handler.ghostShareTotal(m), "total != last accepted list's");
            assertEq(registry.model(m).contributorsRevision, handler.ghostRevision(m), "revision");
        }
    }

    /// @dev ModelRegistry header: every contributor list has at most MAX_CONTRIBUTORS distinct, non-zero accounts.
    function invariant_contributorListsWellFormed() public view {
        uint256 models = registry.modelCount();
        for (uint256 m = 1; m <= models; m++) {
            IModelRegistry.Contributor[] memory list = registry.contributors(m);
            assertLe(list.length, registry.MAX_CONTRIBUTORS(), "too many contributors");
            for (uint256 i = 0; i < list.length; i++) {
                assertTrue(list[i].account != address(0), "zero contributor");
                for (uint256 j = 0; j < i; j++) {
                    assertTrue(list[i].account != list[j].account, "duplicate contributor");
                }
            }
        }
    }

    /// @dev ModelRegistry header: a version reaches Production only from Staging, and only by its model's DAO's
    /// executor.
    function invariant_productionOnlyThroughStaging() public view {
        assertEq(handler.ghostProductionNotFromStaging(), 0, "Production reached from another stage than Staging");
        assertEq(handler.ghostProductionByNonExecutor(), 0, "Production reached by someone other than governance");
        uint256 models = registry.modelCount();
        for (uint256 m = 1; m <= models; m++) {
            uint256 versions = registry.model(m).versionCount;
            for (uint256 v = 1; v <= versions; v++) {
                if (registry.stageOf(m, v) == IModelRegistry.Stage.Production) {
                    assertTrue(handler.ghostPromotedAt(m, v) != 0, "in Production without a recorded promotion");
                }
            }
        }
    }

    /// @dev ModelRegistry header: productionVersion(m) is 0 or a version of m in Production; 0 only if none is, and
    /// otherwise the one promoted last among those in Production.
    function invariant_productionVersionIsLatestPromotedStillInProduction() public view {
        uint256 models = registry.modelCount();
        for (uint256 m = 1; m <= models; m++) {
            uint256 versions = registry.model(m).versionCount;
            uint256 want;
            uint256 latest;
            for (uint256 v = 1; v <= versions; v++) {
                uint256 at = handler.ghostPromotedAt(m, v);
                if (registry.stageOf(m, v) == IModelRegistry.Stage.Production && at > latest) {
                    latest = at;
                    want = v;
                }
            }
            uint256 production = registry.productionVersion(m);
            assertEq(production, want, "productionVersion != latest promoted still in Production");
            if (production != 0) {
                assertTrue(
                    registry.stageOf(m, production) == IModelRegistry.Stage.Production,
                    "productionVersion is not in Production"
                );
            }
        }
    }

    /// @dev ModelRegistry header: an active endpoint's version is in Staging or Production; and every endpoint's
    /// activity is what the documented rules make it.
    function invariant_activeEndpointsOnlyOnServableVersions() public view {
        uint256 endpoints = registry.endpointCount();
        assertEq(endpoints, handler.ghostEndpointCount(), "endpoint count");
        for (uint256 e = 1; e <= endpoints; e++) {
            IModelRegistry.Endpoint memory ep = registry.endpoint(e);
            assertEq(ep.modelId, handler.ghostEndpointModel(e), "endpoint model");
            assertEq(ep.versionId, handler.ghostEndpointVersion(e), "endpoint version");
            assertEq(ep.daoId, registry.model(ep.modelId).daoId, "endpoint DAO != its model's");
            assertTrue(ep.unitPrice != 0, "zero price");
            assertTrue(ep.active == handler.ghostEndpointActive(e), "endpoint activity != documented rules");
            if (ep.active) {
                IModelRegistry.Stage stage = registry.stageOf(ep.modelId, ep.versionId);
                assertTrue(
                    stage == IModelRegistry.Stage.Staging || stage == IModelRegistry.Stage.Production,
                    "active endpoint on a version not in Staging or Production"
                );
            }
        }
    }

    /// @dev ModelRegistry header: an endpoint goes from inactive to active only by a call of its DAO's executor.
    function invariant_endpointsSwitchedOnOnlyByExecutor() public view {
        assertEq(handler.ghostEndpointsSwitchedOnByNonExecutor(), 0, "an endpoint was switched on by a non-executor");
    }

    /// @dev The role rules: no call succeeded for a caller the function does not document, and every call the
    /// documented rules allow succeeded.
    function invariant_onlyDocumentedCallersSucceed() public view {
        assertEq(handler.ghostUnauthorizedSuccesses(), 0, "an undocumented caller succeeded");
        assertEq(handler.ghostOutcomeMismatches(), 0, "a call's outcome differs from the documented rules");
    }

    /// @dev ModelRegistry header: a model's DAO changes only by transferModel by its DAO's executor; modelsOf(d)
    /// holds exactly the models whose DAO is d.
    function invariant_modelOwnershipOnlyByTransfer() public view {
        uint256 models = registry.modelCount();
        assertEq(models, handler.ghostModelCount(), "model count");
        uint256 listed;
        for (uint256 d = 1; d <= handler.DAOS(); d++) {
            uint256[] memory ids = registry.modelsOf(d);
            listed += ids.length;
            for (uint256 i = 0; i < ids.length; i++) {
                assertEq(registry.model(ids[i]).daoId, d, "modelsOf lists a model of another DAO");
            }
        }
        assertEq(listed, models, "modelsOf misses or repeats models");
        for (uint256 m = 1; m <= models; m++) {
            assertEq(registry.model(m).daoId, handler.ghostDaoOf(m), "owner changed other than by transferModel");
        }
    }

    /// @dev ModelRegistry header: within a model, content hashes are non-zero and distinct; and stages are what
    /// the lifecycle made them.
    function invariant_versionsMatchLifecycle() public view {
        uint256 models = registry.modelCount();
        for (uint256 m = 1; m <= models; m++) {
            uint256 versions = registry.model(m).versionCount;
            assertEq(versions, handler.ghostVersionCount(m), "version count");
            for (uint256 v = 1; v <= versions; v++) {
                IModelRegistry.Version memory ver = registry.version(m, v);
                assertTrue(ver.contentHash != bytes32(0), "zero content hash");
                assertEq(registry.versionByContentHash(m, ver.contentHash), v, "content hash maps to another version");
                assertEq(uint256(ver.stage), uint256(handler.ghostStage(m, v)), "stage != lifecycle");
            }
        }
    }
}
