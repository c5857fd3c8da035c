// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IDAORegistry} from "../factory/IDAORegistry.sol";
import {IContributorBadges} from "./IContributorBadges.sol";

/**
 * @title ContributorBadges
 * @notice Soulbound contributor badges awarded by AI DAOs' governance (see {IContributorBadges}). Deployed once, not
 * upgradeable, without an owner: like the ModelRegistry, every DAO acts through its executor as the DAO registry
 * reports it at the time of the call, so a DAO that changes its timelock or Safe keeps governing its badges.
 * @dev Design decisions:
 * - ERC-721 (OpenZeppelin) rather than ERC-1155: each badge is one person's record with its own date and metadata,
 *   which is what an ERC-721 token is; wallets and explorers show it as a collectible. Non-transferable by refusing,
 *   `transferFrom` (which the safe transfers call) and, in `_update`, every move a caller authorises; approvals are
 *   refused outright. Mints and burns (award, revoke) pass no authoriser and go through. ERC-5192 `locked` says so to wallets.
 * - Revocable by the awarding DAO's governance: a badge is a public claim made in the DAO's name; if the milestone
 *   turns out void (a plagiarised data set, a promotion rolled back) or the award was a mistake, the DAO must be able
 *   to withdraw it, and nobody else can. Revoking frees (dao, kind, holder), so a later decision can award it again.
 * - Holders cannot burn their badges: a badge records the DAO's decision, not the holder's property.
 * - Minted without the ERC-721 receiver callback (`_mint`, not `_safeMint`): the holder is whoever contributed (a
 *   multisig, a contract wallet), and a callback would let a holder's code re-enter governance's transaction.
 * - tokenURI is the URI governance gave, or, if empty, JSON generated on chain from the badge (data: URI), so a badge
 *   is readable with no server.
 *
 * Invariant: a badge never moves: ownerOf(id) is the holder it was awarded to until it is revoked.
 * Invariant: at most one badge exists per (dao, kind, holder), and badgeOf(dao, kind, holder) is its id.
 * Invariant: only a DAO's executor (at the time of the call) awards or revokes that DAO's badges.
 * Invariant: totalSupply() == badges awarded - badges revoked == the sum of badgesOfDAO(d).length over all DAOs,
 * and balanceOf(h) == badgesOf(h).length for every holder.
 * Invariant: no approval ever exists: getApproved(id) is zero and isApprovedForAll(h, o) is false.
 */
contract ContributorBadges is IContributorBadges, ERC721 {
    using EnumerableSet for EnumerableSet.UintSet;

    /// @inheritdoc IContributorBadges
    bytes32 public constant FIRST_CONTRIBUTION = bytes32("FirstContribution");
    /// @inheritdoc IContributorBadges
    bytes32 public constant VERSION_PROMOTED = bytes32("VersionPromoted");

    IDAORegistry private immutable _daoRegistry;

    uint256 private _badgeCount;
    uint256 private _totalSupply;
    mapping(uint256 tokenId => Badge) private _badges;
    mapping(uint256 daoId => mapping(bytes32 kind => mapping(address holder => uint256 tokenId))) private _badgeOf;
    mapping(address holder => EnumerableSet.UintSet) private _ofHolder;
    mapping(uint256 daoId => EnumerableSet.UintSet) private _ofDAO;

    /// @param daoRegistry_ The DAO registry of the protocol.
    constructor(IDAORegistry daoRegistry_) ERC721("AIDAO Contributor Badges", "AIDAO-BADGE") {
        if (address(daoRegistry_) == address(0)) revert ContributorBadgesZeroDAORegistry();
        _daoRegistry = daoRegistry_;
    }

    // -----------------------------------------------------------------------------------------------------------
    // governance
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IContributorBadges
    function award(
        uint256 daoId,
        bytes32 kind,
        address holder,
        string calldata uri
    ) external returns (uint256 tokenId) {
        _requireExecutor(daoId);
        if (!isValidKind(kind)) revert ContributorBadgesInvalidKind(kind);
        if (holder == address(0)) revert ContributorBadgesInvalidHolder(holder);
        uint256 held = _badgeOf[daoId][kind][holder];
        if (held != 0) revert ContributorBadgesAlreadyAwarded(daoId, kind, holder, held);

        tokenId = ++_badgeCount;
        // daoId <= daoCount() was checked by _requireExecutor; a registry with 2^64 DAOs is not a concern.
        _badges[tokenId] = Badge({
            daoId: uint64(daoId),
            awardedAt: uint64(block.timestamp),
            kind: kind,
            holder: holder,
            uri: uri
        });
        _badgeOf[daoId][kind][holder] = tokenId;
        _ofHolder[holder].add(tokenId);
        _ofDAO[daoId].add(tokenId);
        ++_totalSupply;
        _mint(holder, tokenId);
        emit BadgeAwarded(tokenId, daoId, kind, holder, uri);
        emit Locked(tokenId);
    }

    /// @inheritdoc IContributorBadges
    function revoke(uint256 tokenId, string calldata reason) external {
        Badge storage b = _badge(tokenId);
        uint256 daoId = b.daoId;
        _requireExecutor(daoId);
        bytes32 kind = b.kind;
        address holder = b.holder;

        delete _badgeOf[daoId][kind][holder];
        _ofHolder[holder].remove(tokenId);
        _ofDAO[daoId].remove(tokenId);
        delete _badges[tokenId];
        --_totalSupply;
        _burn(tokenId);
        emit BadgeRevoked(tokenId, daoId, kind, holder, reason);
    }

    // -----------------------------------------------------------------------------------------------------------
    // soulbound ERC-721
    // -----------------------------------------------------------------------------------------------------------

    /// @notice Refused: badges cannot move, so nobody can be approved to move one.
    /// @param to The would-be approved account.
    function approve(address to, uint256) public pure override {
        revert ContributorBadgesApprovalRefused(to);
    }

    /// @notice Refused: badges cannot move, so nobody can be approved to move them.
    /// @param operator The would-be operator.
    function setApprovalForAll(address operator, bool) public pure override {
        revert ContributorBadgesApprovalRefused(operator);
    }

    /// @notice Refused: badges never move (safeTransferFrom goes through here too).
    /// @param to The would-be recipient.
    /// @param tokenId The badge.
    function transferFrom(address, address to, uint256 tokenId) public view override {
        revert ContributorBadgesNonTransferable(tokenId, _ownerOf(tokenId), to);
    }

    /// @notice The metadata of badge `tokenId`: the URI its DAO gave, or a data: URI with JSON generated on chain.
    /// @param tokenId The badge; reverts if it does not exist.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        Badge storage b = _badge(tokenId);
        if (bytes(b.uri).length != 0) return b.uri;
        return string.concat("data:application/json;base64,", Base64.encode(bytes(_json(tokenId, b))));
    }

    /// @notice ERC-165: ERC-721, its metadata extension, and ERC-5192 (soulbound).
    /// @param interfaceId The interface to ask about.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == 0xb45a3c0e || super.supportsInterface(interfaceId); // 0xb45a3c0e: ERC-5192
    }

    /// @inheritdoc IContributorBadges
    function locked(uint256 tokenId) external view returns (bool) {
        _badge(tokenId);
        return true;
    }

    /// @dev Only mints and burns (no authoriser) pass: a second lock behind transferFrom, for any path a future
    /// OpenZeppelin version might add that moves a token on a caller's authority.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (auth != address(0)) revert ContributorBadgesNonTransferable(tokenId, _ownerOf(tokenId), to);
        return super._update(to, tokenId, auth);
    }

    // -----------------------------------------------------------------------------------------------------------
    // views
    // -----------------------------------------------------------------------------------------------------------

    /// @inheritdoc IContributorBadges
    function badge(uint256 tokenId) external view returns (Badge memory) {
        return _badge(tokenId);
    }

    /// @inheritdoc IContributorBadges
    function badgeOf(uint256 daoId, bytes32 kind, address holder) external view returns (uint256) {
        return _badgeOf[daoId][kind][holder];
    }

    /// @inheritdoc IContributorBadges
    function badgesOf(address holder) external view returns (uint256[] memory) {
        return _ofHolder[holder].values();
    }

    /// @inheritdoc IContributorBadges
    function badgesOfDAO(uint256 daoId) external view returns (uint256[] memory) {
        return _ofDAO[daoId].values();
    }

    /// @inheritdoc IContributorBadges
    function badgeCount() external view returns (uint256) {
        return _badgeCount;
    }

    /// @inheritdoc IContributorBadges
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /// @inheritdoc IContributorBadges
    function daoRegistry() external view returns (IDAORegistry) {
        return _daoRegistry;
    }

    /// @inheritdoc IContributorBadges
    function isValidKind(bytes32 kind) public pure returns (bool) {
        uint256 length = _kindLength(kind);
        if (length == 0) return false;
        for (uint256 i = 0; i < 32; i++) {
            bytes1 c = kind[i];
            if (i >= length) {
                if (c != 0) return false; // a zero byte inside the name: not left-aligned text
                continue;
            }
            bool ok =
                (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c == "_" || c == "-";
            if (!ok) return false;
        }
        return true;
    }

    // -----------------------------------------------------------------------------------------------------------
    // internals
    // -----------------------------------------------------------------------------------------------------------

    /// @dev DAO ids are 1..daoCount() (IDAORegistry): checked first so an unknown DAO gets our own error.
    function _requireExecutor(uint256 daoId) private view {
        if (daoId == 0 || daoId > _daoRegistry.daoCount()) revert ContributorBadgesUnknownDAO(daoId);
        address executor = _daoRegistry.executorOf(daoId);
        if (executor == address(0) || msg.sender != executor) revert ContributorBadgesNotGovernance(daoId, msg.sender);
    }

    function _badge(uint256 tokenId) private view returns (Badge storage b) {
        b = _badges[tokenId];
        if (b.holder == address(0)) revert ContributorBadgesUnknownBadge(tokenId);
    }

    /// @dev The number of bytes before the first zero byte.
    function _kindLength(bytes32 kind) private pure returns (uint256 length) {
        while (length < 32 && kind[length] != 0) length++;
    }

    function _kindText(bytes32 kind) private pure returns (string memory) {
        uint256 length = _kindLength(kind);
        bytes memory text = new bytes(length);
        for (uint256 i = 0; i < length; i++) text[i] = kind[i];
        return string(text);
    }

    // JSON inside string literals: single quotes avoid escaping every double quote (prettier formats them so), hence
    // solhint's quotes rule is off for _json only (as in VentureReceipts).
    // solhint-disable quotes

    /// @dev Kinds are [A-Za-z0-9_-] only (checked at award), so the JSON needs no escaping.
    function _json(uint256 tokenId, Badge storage b) private view returns (string memory) {
        string memory kind = _kindText(b.kind);
        string memory dao = Strings.toString(b.daoId);
        return
            string.concat(
                '{"name":"',
                kind,
                " #",
                Strings.toString(tokenId),
                '","description":"A non-transferable AIDAO contributor badge awarded by the governance of DAO ',
                dao,
                '.","attributes":[{"trait_type":"DAO","value":',
                dao,
                '},{"trait_type":"Kind","value":"',
                kind,
                '"},{"trait_type":"Holder","value":"',
                Strings.toHexString(b.holder),
                '"},{"display_type":"date","trait_type":"Awarded","value":',
                Strings.toString(b.awardedAt),
                "}]}"
            );
    }
    // solhint-enable quotes
}
