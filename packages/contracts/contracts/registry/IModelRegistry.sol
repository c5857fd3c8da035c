// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDAORegistry} from "../factory/IDAORegistry.sol";

/**
 * @title IModelRegistry
 * @notice AI DAOs govern the life cycle of their AI models: one registry for the whole protocol records each
 * model, the DAO that owns it, its versions and their lifecycle stage, the paid service endpoints of its versions
 * and its value chain (who contributed data, the model, code, operations, and their shares).
 *
 * Two kinds of callers act for a DAO: its executor (`IDAORegistry.executorOf`: the timelock, or the Safe of an
 * off-chain DAO), that is its governance, and its maintainers, whom the executor appoints. Maintainers do the
 * day-to-day work (register models, add versions, move them between Draft and Staging, switch endpoints off);
 * everything that ships a model or touches money (Production, endpoints and prices, contributor shares, ownership)
 * is for the executor only.
 *
 * Lifecycle of a version: Draft -> Staging (maintainer or executor), Staging -> Draft (maintainer or executor: sent
 * back), Staging -> Production, Staging -> Deprecated, Production -> Deprecated, Deprecated -> Archived (executor).
 * Nothing else. Several versions may be in Production at once; {productionVersion} is the latest promoted.
 *
 * Ids: models from 1 (global), versions from 1 (per model), endpoints from 1 (global); 0 means none.
 */
interface IModelRegistry {
    /// @notice The lifecycle stage of a version.
    enum Stage {
        Draft,
        Staging,
        Production,
        Deprecated,
        Archived
    }

    /// @notice What a contributor brought to a model.
    enum Role {
        Data,
        Model,
        Code,
        Ops,
        Other
    }

    /// @notice A registered model.
    /// @param daoId The DAO that owns it.
    /// @param name Its name.
    /// @param metadataURI Where its description lives (may be empty).
    /// @param versionCount How many versions it has (ids are 1..versionCount).
    /// @param contributorsRevision How many times its contributors were set (0: never).
    struct Model {
        uint256 daoId;
        string name;
        string metadataURI;
        uint256 versionCount;
        uint256 contributorsRevision;
    }

    /// @notice What a maintainer or the executor submits for a new version.
    /// @param contentHash The hash of the model artifact; non-zero and unique within the model.
    /// @param uri Where the artifact lives; non-empty.
    /// @param framework e.g. "pytorch-2.4" (free text).
    /// @param license e.g. an SPDX id (free text).
    /// @param metricsURI Where its evaluation metrics live (may be empty).
    struct VersionInput {
        bytes32 contentHash;
        string uri;
        string framework;
        string license;
        string metricsURI;
    }

    /// @notice A version of a model: what was submitted, and its current stage.
    struct Version {
        bytes32 contentHash;
        string uri;
        string framework;
        string license;
        string metricsURI;
        Stage stage;
    }

    /// @notice What the executor submits for a service endpoint.
    /// @param url Where the service is called; non-empty.
    /// @param unit What one unit of use is, e.g. "1k-tokens", "request"; non-empty.
    /// @param paymentToken The token the price is in (address(0) for ETH).
    /// @param unitPrice The price of one unit, in the smallest unit of `paymentToken`; non-zero.
    /// @param active Whether the endpoint is switched on.
    struct EndpointInput {
        string url;
        string unit;
        address paymentToken;
        uint256 unitPrice;
        bool active;
    }

    /// @notice A service endpoint of a model version.
    /// @param daoId The DAO that owns the model now (it follows the model when ownership changes).
    /// @param active True iff it is switched on and its version is in Staging or Production, and has been since
    /// the executor switched it on.
    struct Endpoint {
        uint256 modelId;
        uint256 versionId;
        uint256 daoId;
        string url;
        string unit;
        address paymentToken;
        uint256 unitPrice;
        bool active;
    }

    /// @notice A member of a model's value chain.
    /// @param account Who is credited; non-zero, at most once per list.
    /// @param role What it contributed.
    /// @param shareBps Its share of the model's value, in basis points (0 allowed: credit without a share).
    struct Contributor {
        address account;
        Role role;
        uint16 shareBps;
    }

    // -----------------------------------------------------------------------------------------------------------
    // errors
    // -----------------------------------------------------------------------------------------------------------

    /// @notice Thrown when the registry is deployed with no DAO registry.
    error ModelRegistryZeroDAORegistry();

    /// @notice Thrown for a DAO id that the DAO registry does not know.
    error ModelRegistryUnknownDAO(uint256 daoId);

    /// @notice Thrown for a model id that was never registered.
    error ModelRegistryUnknownModel(uint256 modelId);

    /// @notice Thrown for a version id that `modelId` does not have.
    error ModelRegistryUnknownVersion(uint256 modelId, uint256 versionId);

    /// @notice Thrown for an endpoint id that was never created.
    error ModelRegistryUnknownEndpoint(uint256 endpointId);

    /// @notice Thrown when someone other than `daoId`'s executor (its governance) calls an executor-only function.
    /// @param daoId The DAO whose executor was required.
    /// @param caller Who called.
    error ModelRegistryNotGovernance(uint256 daoId, address caller);

    /// @notice Thrown when someone who is neither a maintainer of `daoId` nor its executor calls a function open
    /// to both.
    /// @param daoId The DAO whose maintainer or executor was required.
    /// @param caller Who called.
    error ModelRegistryNotMaintainerOrGovernance(uint256 daoId, address caller);

    /// @notice Thrown when address(0) is appointed or removed as a maintainer.
    error ModelRegistryZeroMaintainer();

    /// @notice Thrown when a model is registered with an empty name.
    error ModelRegistryEmptyName();

    /// @notice Thrown when a model is transferred to the DAO that already owns it.
    error ModelRegistrySameDAO(uint256 modelId, uint256 daoId);

    /// @notice Thrown when a version is added with a zero content hash.
    error ModelRegistryZeroContentHash(uint256 modelId);

    /// @notice Thrown when a version is added with a content hash that another version of the model already has.
    /// @param versionId The version that has it.
    error ModelRegistryDuplicateContentHash(uint256 modelId, bytes32 contentHash, uint256 versionId);

    /// @notice Thrown when a version is added with an empty artifact URI.
    error ModelRegistryEmptyVersionURI(uint256 modelId);

    /// @notice Thrown for a stage change that the lifecycle does not allow (including to the same stage).
    error ModelRegistryInvalidTransition(uint256 modelId, uint256 versionId, Stage from, Stage to);

    /// @notice Thrown when an endpoint is created or switched on for a version not in Staging or Production.
    error ModelRegistryVersionNotServable(uint256 modelId, uint256 versionId, Stage stage);

    /// @notice Thrown when an endpoint has an empty URL.
    error ModelRegistryEmptyEndpointURL();

    /// @notice Thrown when an endpoint has an empty unit.
    error ModelRegistryEmptyEndpointUnit();

    /// @notice Thrown when an endpoint has a zero unit price.
    error ModelRegistryZeroUnitPrice();

    /// @notice Thrown when a contributor list is longer than MAX_CONTRIBUTORS.
    error ModelRegistryTooManyContributors(uint256 count, uint256 max);

    /// @notice Thrown when the contributor at `index` has a zero account.
    error ModelRegistryZeroContributor(uint256 index);

    /// @notice Thrown when `account` appears more than once in a contributor list.
    error ModelRegistryDuplicateContributor(address account);

    /// @notice Thrown when the shares of a contributor list add up to more than 10_000 basis points.
    error ModelRegistryContributorSharesAbove10000(uint256 totalBps);

    // -----------------------------------------------------------------------------------------------------------
    // events
    // -----------------------------------------------------------------------------------------------------------

    /// @notice Emitted when `by` registers model `modelId` for `daoId`.
    event ModelRegistered(
        uint256 indexed modelId,
        uint256 indexed daoId,
        string name,
        string metadataURI,
        address indexed by
    );

    /// @notice Emitted when the executor of `fromDaoId` hands model `modelId` to `toDaoId`.
    event ModelTransferred(uint256 indexed modelId, uint256 indexed fromDaoId, uint256 indexed toDaoId);

    /// @notice Emitted when `daoId`'s executor appoints (`allowed`) or removes a maintainer.
    event MaintainerSet(uint256 indexed daoId, address indexed account, bool oldAllowed, bool allowed);

    /// @notice Emitted when `by` adds version `versionId` (in Draft) to model `modelId`.
    event VersionAdded(
        uint256 indexed modelId,
        uint256 indexed versionId,
        bytes32 indexed contentHash,
        VersionInput input,
        address by
    );

    /// @notice Emitted when `by` moves version `versionId` of `modelId` from stage `from` to `to`.
    event VersionStageChanged(
        uint256 indexed modelId,
        uint256 indexed versionId,
        Stage from,
        Stage to,
        address indexed by
    );

    /// @notice Emitted when the executor creates endpoint `endpointId` for a version.
    event EndpointCreated(
        uint256 indexed endpointId,
        uint256 indexed modelId,
        uint256 indexed versionId,
        EndpointInput input
    );

    /// @notice Emitted when the executor rewrites endpoint `endpointId` (`oldInput.active` is as it was in effect).
    event EndpointUpdated(uint256 indexed endpointId, EndpointInput oldInput, EndpointInput newInput);

    /// @notice Emitted when `by` switches endpoint `endpointId` on or off (`oldActive` is as it was in effect).
    event EndpointActiveSet(uint256 indexed endpointId, bool oldActive, bool active, address indexed by);

    /// @notice Emitted when the executor replaces the contributors of `modelId`; the history lives in these events.
    /// @param revision The new revision number (1 for the first list).
    event ContributorsSet(uint256 indexed modelId, uint256 revision, Contributor[] contributors);

    // -----------------------------------------------------------------------------------------------------------
    // models and maintainers
    // -----------------------------------------------------------------------------------------------------------

    /// @notice Registers a model owned by `daoId`. Callable by `daoId`'s executor or one of its maintainers.
    /// @param daoId A DAO known to the DAO registry.
    /// @param name Non-empty.
    /// @param metadataURI Where the model is described (may be empty).
    /// @return modelId The new model's id (from 1).
    function registerModel(
        uint256 daoId,
        string calldata name,
        string calldata metadataURI
    ) external returns (uint256 modelId);

    /// @notice The executor of the DAO owning `modelId` hands it to `newDaoId` (a known DAO, not the current
    /// owner). Versions, endpoints and contributors go with it; the new DAO's executor and maintainers take over.
    function transferModel(uint256 modelId, uint256 newDaoId) external;

    /// @notice `daoId`'s executor appoints (`allowed` true) or removes a maintainer of all its models.
    /// @param account Non-zero.
    function setMaintainer(uint256 daoId, address account, bool allowed) external;

    // -----------------------------------------------------------------------------------------------------------
    // versions and lifecycle
    // -----------------------------------------------------------------------------------------------------------

    /// @notice Adds a version, in Draft, to `modelId`. Callable by the owning DAO's executor or a maintainer.
    /// @param input Its content hash must be non-zero and not used by another version of the model; uri non-empty.
    /// @return versionId The new version's id (from 1 within the model).
    function addVersion(uint256 modelId, VersionInput calldata input) external returns (uint256 versionId);

    /// @notice Moves a version to stage `to`. Draft -> Staging and Staging -> Draft: the owning DAO's executor or a
    /// maintainer. Staging -> Production, Staging -> Deprecated, Production -> Deprecated, Deprecated -> Archived:
    /// the executor only. Anything else reverts with ModelRegistryInvalidTransition. A version leaving Staging or
    /// Production has all its endpoints switched off (only the executor can switch them on again).
    function setStage(uint256 modelId, uint256 versionId, Stage to) external;

    // -----------------------------------------------------------------------------------------------------------
    // service endpoints
    // -----------------------------------------------------------------------------------------------------------

    /// @notice The owning DAO's executor creates a service endpoint for a version in Staging or Production.
    /// @param input Non-empty url and unit, non-zero unit price.
    /// @return endpointId The new endpoint's id (from 1, global).
    function setEndpoint(
        uint256 modelId,
        uint256 versionId,
        EndpointInput calldata input
    ) external returns (uint256 endpointId);

    /// @notice The owning DAO's executor rewrites an endpoint (not its model or version). Switching it on (or
    /// keeping it on) requires its version to be in Staging or Production.
    function updateEndpoint(uint256 endpointId, EndpointInput calldata input) external;

    /// @notice Switches an endpoint on (the owning DAO's executor only, version in Staging or Production) or off
    /// (the executor or a maintainer: the emergency off switch).
    function setEndpointActive(uint256 endpointId, bool active) external;

    // -----------------------------------------------------------------------------------------------------------
    // value chain
    // -----------------------------------------------------------------------------------------------------------

    /// @notice The owning DAO's executor replaces the whole contributor list of `modelId` and bumps its revision.
    /// @param contributors At most MAX_CONTRIBUTORS, non-zero and distinct accounts, shares adding up to at most
    /// 10_000 basis points. An empty list clears it.
    function setContributors(uint256 modelId, Contributor[] calldata contributors) external;

    // -----------------------------------------------------------------------------------------------------------
    // views
    // -----------------------------------------------------------------------------------------------------------

    /// @notice The longest contributor list a model may have (64).
    function MAX_CONTRIBUTORS() external view returns (uint256);

    /// @notice The DAO registry that says which DAOs exist and who their executors are.
    function daoRegistry() external view returns (IDAORegistry);

    /// @notice Whether `account` is a maintainer of `daoId`.
    function isMaintainer(uint256 daoId, address account) external view returns (bool);

    /// @notice Model `modelId` (reverts ModelRegistryUnknownModel if there is none).
    function model(uint256 modelId) external view returns (Model memory);

    /// @notice How many models are registered (ids are 1..modelCount()).
    function modelCount() external view returns (uint256);

    /// @notice The ids of the models `daoId` owns now, in no particular order.
    function modelsOf(uint256 daoId) external view returns (uint256[] memory);

    /// @notice Version `versionId` of `modelId` (reverts for an unknown model or version).
    function version(uint256 modelId, uint256 versionId) external view returns (Version memory);

    /// @notice The stage of version `versionId` of `modelId` (reverts for an unknown model or version).
    function stageOf(uint256 modelId, uint256 versionId) external view returns (Stage);

    /// @notice The version of `modelId` whose artifact has `contentHash` (0 if none; reverts for an unknown model).
    function versionByContentHash(uint256 modelId, bytes32 contentHash) external view returns (uint256);

    /// @notice The latest version of `modelId` promoted to Production that is still in Production (0 if none;
    /// reverts for an unknown model).
    function productionVersion(uint256 modelId) external view returns (uint256);

    /// @notice Endpoint `endpointId` (reverts ModelRegistryUnknownEndpoint if there is none).
    function endpoint(uint256 endpointId) external view returns (Endpoint memory);

    /// @notice How many endpoints were created (ids are 1..endpointCount()).
    function endpointCount() external view returns (uint256);

    /// @notice The ids of the endpoints created for version `versionId` of `modelId`, oldest first (reverts for an
    /// unknown model or version).
    function endpointsOf(uint256 modelId, uint256 versionId) external view returns (uint256[] memory);

    /// @notice The current contributors of `modelId` (reverts for an unknown model).
    function contributors(uint256 modelId) external view returns (Contributor[] memory);

    /// @notice The sum of the current contributors' shares of `modelId`, in basis points (at most 10_000; reverts
    /// for an unknown model).
    function contributorShareTotal(uint256 modelId) external view returns (uint256);
}
