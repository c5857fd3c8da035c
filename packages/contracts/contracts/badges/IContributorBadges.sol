// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDAORegistry} from "../factory/IDAORegistry.sol";

/**
 * @title IContributorBadges
 * @notice Non-transferable (soulbound, ERC-5192 "locked") ERC-721 badges that an AI DAO's governance awards to the
 * people who built its models, for milestones: a first accepted contribution, a model version promoted, or any kind
 * the DAO defines. One contract for the whole protocol; a badge names the DAO (its id in the DAO registry) whose
 * governance awarded it, and only that governance (`IDAORegistry.executorOf`: its timelock, or the Safe of an
 * off-chain DAO) may award or revoke its badges.
 *
 * A kind is a short name stored as bytes32: 1 to 32 characters from [A-Za-z0-9_-], left-aligned, zero-padded
 * (`bytes32("FirstContribution")`), so that every client reads it back as text and the on-chain metadata needs no
 * escaping. Ids start at 1; 0 means none.
 */
interface IContributorBadges {
    /// @notice A badge.
    /// @param daoId The DAO whose governance awarded it.
    /// @param kind What it is for (see the contract's notice for the format).
    /// @param holder Who holds it; badges never move.
    /// @param awardedAt When it was awarded (unix seconds).
    /// @param uri Its metadata URI as governance gave it (may be empty: then {tokenURI} is generated on chain).
    struct Badge {
        uint64 daoId;
        uint64 awardedAt;
        bytes32 kind;
        address holder;
        string uri;
    }

    /// @notice Thrown when a badge would move: transfers of any kind are refused.
    error ContributorBadgesNonTransferable(uint256 tokenId, address from, address to);
    /// @notice Thrown by approve and setApprovalForAll: a badge that cannot move has nobody to approve.
    error ContributorBadgesApprovalRefused(address operator);
    /// @notice Thrown when someone other than the DAO's governance (its executor) awards or revokes its badges.
    error ContributorBadgesNotGovernance(uint256 daoId, address caller);
    /// @notice Thrown for a DAO id the DAO registry does not know.
    error ContributorBadgesUnknownDAO(uint256 daoId);
    /// @notice Thrown for a kind that is empty, not left-aligned, or holds a character outside [A-Za-z0-9_-].
    error ContributorBadgesInvalidKind(bytes32 kind);
    /// @notice Thrown for the zero address as holder.
    error ContributorBadgesInvalidHolder(address holder);
    /// @notice Thrown when the holder already holds this DAO's badge of this kind.
    error ContributorBadgesAlreadyAwarded(uint256 daoId, bytes32 kind, address holder, uint256 tokenId);
    /// @notice Thrown for a badge id that was never awarded or was revoked.
    error ContributorBadgesUnknownBadge(uint256 tokenId);
    /// @notice Thrown when the DAO registry is the zero address at deployment.
    error ContributorBadgesZeroDAORegistry();

    /// @notice Emitted when `daoId`'s governance awards badge `tokenId` of `kind` to `holder`.
    event BadgeAwarded(
        uint256 indexed tokenId,
        uint256 indexed daoId,
        bytes32 indexed kind,
        address holder,
        string uri
    );
    /// @notice ERC-5192: emitted when badge `tokenId` is awarded, locked to its holder for good.
    event Locked(uint256 tokenId);
    /// @notice Emitted when `daoId`'s governance revokes badge `tokenId`, with its reason (free text, may be empty).
    event BadgeRevoked(
        uint256 indexed tokenId,
        uint256 indexed daoId,
        bytes32 indexed kind,
        address holder,
        string reason
    );

    /// @notice The built-in kind for a contributor's first accepted contribution to a DAO's model.
    function FIRST_CONTRIBUTION() external view returns (bytes32);

    /// @notice The built-in kind for a model version of the holder promoted by the DAO.
    function VERSION_PROMOTED() external view returns (bytes32);

    /// @notice Awards `holder` the badge of `kind` in `daoId`'s name; only `daoId`'s governance may.
    /// @param daoId The awarding DAO.
    /// @param kind What the badge is for.
    /// @param holder Who gets it (an EOA or a contract: badges are minted without a receiver callback).
    /// @param uri Its metadata URI (may be empty: {tokenURI} then describes it from chain data).
    /// @return tokenId The new badge's id.
    function award(uint256 daoId, bytes32 kind, address holder, string calldata uri) external returns (uint256 tokenId);

    /// @notice Revokes (burns) badge `tokenId`; only the governance of the DAO that awarded it may. The holder may
    /// then be awarded the same kind again, by a new decision, under a new id.
    /// @param tokenId The badge.
    /// @param reason Why (recorded in the event only).
    function revoke(uint256 tokenId, string calldata reason) external;

    /// @notice The badge `tokenId`; reverts if it was never awarded or was revoked.
    function badge(uint256 tokenId) external view returns (Badge memory);

    /// @notice The id of `holder`'s badge of `kind` from `daoId`, or 0 if they hold none.
    function badgeOf(uint256 daoId, bytes32 kind, address holder) external view returns (uint256);

    /// @notice The ids of the badges `holder` holds, in no particular order.
    function badgesOf(address holder) external view returns (uint256[] memory);

    /// @notice The ids of the badges `daoId` has awarded and not revoked, in no particular order.
    function badgesOfDAO(uint256 daoId) external view returns (uint256[] memory);

    /// @notice How many badges were ever awarded (ids are 1..badgeCount(); revoked ones no longer exist).
    function badgeCount() external view returns (uint256);

    /// @notice How many badges exist (awarded and not revoked).
    function totalSupply() external view returns (uint256);

    /// @notice Whether `kind` is a well-formed kind name.
    function isValidKind(bytes32 kind) external pure returns (bool);

    /// @notice The DAO registry whose executors govern the badges.
    function daoRegistry() external view returns (IDAORegistry);

    /// @notice ERC-5192: whether badge `tokenId` is locked to its holder (always true; reverts for an unknown id).
    function locked(uint256 tokenId) external view returns (bool);
}
