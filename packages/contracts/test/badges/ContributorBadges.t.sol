// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {ContributorBadges} from "../../contracts/badges/ContributorBadges.sol";
import {IContributorBadges} from "../../contracts/badges/IContributorBadges.sol";
import {IDAORegistry} from "../../contracts/factory/IDAORegistry.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";

contract ContributorBadgesTest is Test {
    uint256 internal constant DAO1 = 1; // on-chain: executor `gov` (its timelock)
    uint256 internal constant DAO2 = 2; // on-chain: executor `otherGov`
    uint256 internal constant DAO3 = 3; // off-chain: executor `safe` (its Safe)
    bytes32 internal constant FIRST = bytes32("FirstContribution");
    bytes32 internal constant PROMOTED = bytes32("VersionPromoted");
    bytes32 internal constant CUSTOM = bytes32("top-labeller_2026");

    MockDAORegistry internal daos;
    ContributorBadges internal badges;

    address internal gov = address(0x6000);
    address internal otherGov = address(0x7000);
    address internal safe = address(0x5AFE);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal stranger = address(0xBAD);

    function setUp() public {
        daos = new MockDAORegistry();
        daos.addDAO(gov, true);
        daos.addDAO(otherGov, true);
        daos.addDAO(safe, false);
        badges = new ContributorBadges(daos);
    }

    function _award(uint256 daoId, bytes32 kind, address holder) internal returns (uint256) {
        vm.prank(daos.executorOf(daoId));
        return badges.award(daoId, kind, holder, "");
    }

    // ---------------------------------------------------------------------------------------------------------
    // award
    // ---------------------------------------------------------------------------------------------------------

    function test_award_recordsTheBadgeAndMintsItToTheHolder() public {
        vm.warp(1_900_000_000);
        vm.prank(gov);
        uint256 id = badges.award(DAO1, FIRST, alice, "ipfs://badge-1");
        assertEq(id, 1, "first id");
        assertEq(badges.ownerOf(id), alice, "owner");
        IContributorBadges.Badge memory b = badges.badge(id);
        assertEq(b.daoId, DAO1, "dao");
        assertTrue(b.kind == FIRST, "kind");
        assertEq(b.holder, alice, "holder");
        assertEq(b.awardedAt, 1_900_000_000, "awardedAt");
        assertTrue(keccak256(bytes(badges.tokenURI(id))) == keccak256("ipfs://badge-1"), "tokenURI is the given URI");
        assertEq(badges.badgeOf(DAO1, FIRST, alice), id, "badgeOf");
        assertEq(badges.badgeCount(), 1, "badgeCount");
        assertEq(badges.totalSupply(), 1, "totalSupply");
        assertEq(badges.balanceOf(alice), 1, "balance");
        assertTrue(badges.locked(id), "locked");
    }

    function test_award_byAnOffChainDAOsSafe() public {
        vm.prank(safe);
        uint256 id = badges.award(DAO3, PROMOTED, bob, "");
        assertEq(badges.badge(id).daoId, DAO3, "dao");
        assertEq(badges.badgesOfDAO(DAO3).length, 1, "listed under the DAO");
    }

    function test_award_revertsIfNotTheDAOsExecutor() public {
        address[4] memory callers = [otherGov, safe, alice, stranger];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.prank(callers[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IContributorBadges.ContributorBadgesNotGovernance.selector, DAO1, callers[i])
            );
            badges.award(DAO1, FIRST, alice, "");
        }
    }

    function test_award_revertsForAnUnknownDAO() public {
        for (uint256 daoId = 0; daoId <= 4; daoId += 4) {
            vm.prank(gov);
            vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesUnknownDAO.selector, daoId));
            badges.award(daoId, FIRST, alice, "");
        }
    }

    function test_award_revertsIfTheDAOHasNoExecutor() public {
        daos.setExecutor(DAO2, address(0));
        vm.prank(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IContributorBadges.ContributorBadgesNotGovernance.selector, DAO2, address(0))
        );
        badges.award(DAO2, FIRST, alice, "");
    }

    function test_award_followsTheRegistrysCurrentExecutor() public {
        address newTimelock = address(0x6001);
        daos.setExecutor(DAO1, newTimelock);
        vm.prank(gov);
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesNotGovernance.selector, DAO1, gov));
        badges.award(DAO1, FIRST, alice, "");
        vm.prank(newTimelock);
        badges.award(DAO1, FIRST, alice, "");
    }

    function test_award_revertsIfAlreadyAwarded() public {
        uint256 id = _award(DAO1, FIRST, alice);
        vm.prank(gov);
        vm.expectRevert(
            abi.encodeWithSelector(IContributorBadges.ContributorBadgesAlreadyAwarded.selector, DAO1, FIRST, alice, id)
        );
        badges.award(DAO1, FIRST, alice, "ipfs://again");
    }

    function test_award_sameKindForAnotherDAOOrHolderOrKind() public {
        _award(DAO1, FIRST, alice);
        _award(DAO2, FIRST, alice);
        _award(DAO1, FIRST, bob);
        _award(DAO1, CUSTOM, alice);
        assertEq(badges.balanceOf(alice), 3, "alice holds three");
        assertEq(badges.badgesOf(alice).length, 3, "badgesOf(alice)");
        assertEq(badges.badgesOfDAO(DAO1).length, 3, "badgesOfDAO(1)");
    }

    function test_award_revertsForTheZeroHolder() public {
        vm.prank(gov);
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesInvalidHolder.selector, address(0)));
        badges.award(DAO1, FIRST, address(0), "");
    }

    function test_award_revertsForAMalformedKind() public {
        bytes32[5] memory bad = [
            bytes32(0),
            bytes32("has space"),
            bytes32('quote"'),
            bytes32(uint256(0x41)), // "A" right-aligned: zero bytes before the name
            bytes32(abi.encodePacked("ab", bytes1(0), "cd")) // a zero byte inside the name
        ];
        for (uint256 i = 0; i < bad.length; i++) {
            assertTrue(!badges.isValidKind(bad[i]), "isValidKind");
            vm.prank(gov);
            vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesInvalidKind.selector, bad[i]));
            badges.award(DAO1, bad[i], alice, "");
        }
    }

    function test_isValidKind_acceptsNamesUpTo32Characters() public view {
        assertTrue(badges.isValidKind(FIRST), "FirstContribution");
        assertTrue(badges.isValidKind(CUSTOM), "custom");
        assertTrue(badges.isValidKind(bytes32("A")), "one character");
        assertTrue(badges.isValidKind(bytes32("0123456789abcdefghijABCDEFGHIJ-_")), "32 characters");
        assertTrue(badges.FIRST_CONTRIBUTION() == FIRST, "FIRST_CONTRIBUTION");
        assertTrue(badges.VERSION_PROMOTED() == PROMOTED, "VERSION_PROMOTED");
    }

    // ---------------------------------------------------------------------------------------------------------
    // revoke
    // ---------------------------------------------------------------------------------------------------------

    function test_revoke_burnsAndFreesTheSlot() public {
        uint256 id = _award(DAO1, FIRST, alice);
        _award(DAO1, PROMOTED, alice);
        vm.prank(gov);
        badges.revoke(id, "plagiarised data set");
        assertEq(badges.badgeOf(DAO1, FIRST, alice), 0, "badgeOf cleared");
        assertEq(badges.balanceOf(alice), 1, "balance");
        assertEq(badges.badgesOf(alice).length, 1, "badgesOf");
        assertEq(badges.badgesOfDAO(DAO1).length, 1, "badgesOfDAO");
        assertEq(badges.totalSupply(), 1, "totalSupply");
        assertEq(badges.badgeCount(), 2, "badgeCount keeps counting ids");
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesUnknownBadge.selector, id));
        badges.badge(id);
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesUnknownBadge.selector, id));
        badges.tokenURI(id);
        uint256 again = _award(DAO1, FIRST, alice);
        assertEq(again, 3, "awarded again under a new id");
    }

    function test_revoke_revertsIfNotTheAwardingDAOsExecutor() public {
        uint256 id = _award(DAO1, FIRST, alice);
        address[4] memory callers = [otherGov, safe, alice, stranger];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.prank(callers[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IContributorBadges.ContributorBadgesNotGovernance.selector, DAO1, callers[i])
            );
            badges.revoke(id, "");
        }
        assertEq(badges.ownerOf(id), alice, "still held");
    }

    function test_revoke_revertsForAnUnknownBadge() public {
        vm.prank(gov);
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesUnknownBadge.selector, 7));
        badges.revoke(7, "");
    }

    // ---------------------------------------------------------------------------------------------------------
    // soulbound
    // ---------------------------------------------------------------------------------------------------------

    function test_transferFrom_revertsForTheHolderAndEveryoneElse() public {
        uint256 id = _award(DAO1, FIRST, alice);
        address[3] memory callers = [alice, gov, stranger];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.prank(callers[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IContributorBadges.ContributorBadgesNonTransferable.selector, id, alice, bob)
            );
            badges.transferFrom(alice, bob, id);
            vm.prank(callers[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IContributorBadges.ContributorBadgesNonTransferable.selector, id, alice, bob)
            );
            badges.safeTransferFrom(alice, bob, id);
            vm.prank(callers[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IContributorBadges.ContributorBadgesNonTransferable.selector, id, alice, bob)
            );
            badges.safeTransferFrom(alice, bob, id, "");
        }
        assertEq(badges.ownerOf(id), alice, "never moved");
    }

    function test_approve_reverts() public {
        uint256 id = _award(DAO1, FIRST, alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesApprovalRefused.selector, bob));
        badges.approve(bob, id);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesApprovalRefused.selector, bob));
        badges.setApprovalForAll(bob, true);
        assertEq(badges.getApproved(id), address(0), "no approval");
        assertTrue(!badges.isApprovedForAll(alice, bob), "no operator");
    }

    function test_supportsInterface_erc721AndErc5192() public view {
        assertTrue(badges.supportsInterface(0x80ac58cd), "ERC-721");
        assertTrue(badges.supportsInterface(0x5b5e139f), "ERC-721 metadata");
        assertTrue(badges.supportsInterface(0xb45a3c0e), "ERC-5192");
        assertTrue(!badges.supportsInterface(0xd9b67a26), "not ERC-1155");
    }

    function test_locked_revertsForAnUnknownBadge() public {
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesUnknownBadge.selector, 1));
        badges.locked(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // tokenURI on chain
    // ---------------------------------------------------------------------------------------------------------

    function test_tokenURI_generatesJsonOnChainWhenNoURIWasGiven() public {
        vm.warp(1_900_000_000);
        uint256 id = _award(DAO2, CUSTOM, alice);
        string memory json = string.concat(
            '{"name":"top-labeller_2026 #1","description":"A non-transferable AIDAO contributor badge awarded by the ',
            'governance of DAO 2.","attributes":[{"trait_type":"DAO","value":2},{"trait_type":"Kind","value":',
            '"top-labeller_2026"},{"trait_type":"Holder","value":"0x00000000000000000000000000000000000a11ce"},',
            '{"display_type":"date","trait_type":"Awarded","value":1900000000}]}'
        );
        string memory expected = string.concat("data:application/json;base64,", _base64(json));
        assertTrue(keccak256(bytes(badges.tokenURI(id))) == keccak256(bytes(expected)), "generated tokenURI");
        assertTrue(bytes(badges.tokenURI(id)).length > 29 + bytes(json).length, "carries the JSON");
    }

    function test_constructor_revertsForTheZeroRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IContributorBadges.ContributorBadgesZeroDAORegistry.selector));
        new ContributorBadges(IDAORegistry(address(0)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    /// @dev ContributorBadges header: only a DAO's executor awards that DAO's badges.
    function testFuzz_award_onlyTheExecutor(address caller, uint8 daoSeed) public {
        uint256 daoId = bound(daoSeed, 1, 3);
        vm.assume(caller != daos.executorOf(daoId));
        vm.prank(caller);
        vm.expectRevert(
            abi.encodeWithSelector(IContributorBadges.ContributorBadgesNotGovernance.selector, daoId, caller)
        );
        badges.award(daoId, FIRST, alice, "");
    }

    /// @dev ContributorBadges header: a badge never moves.
    function testFuzz_transferFrom_neverMovesABadge(address caller, address to) public {
        uint256 id = _award(DAO1, FIRST, alice);
        vm.prank(caller);
        vm.expectRevert(
            abi.encodeWithSelector(IContributorBadges.ContributorBadgesNonTransferable.selector, id, alice, to)
        );
        badges.transferFrom(alice, to, id);
        assertEq(badges.ownerOf(id), alice, "moved");
    }

    /// @dev ContributorBadges header: at most one badge per (dao, kind, holder).
    function testFuzz_award_atMostOnePerDaoKindHolder(address holder, uint256 seed, uint8 length) public {
        vm.assume(holder != address(0));
        bytes32 kind = _kind(seed, bound(length, 1, 32));
        assertTrue(badges.isValidKind(kind), "built a valid kind");
        uint256 id = _award(DAO1, kind, holder);
        vm.prank(gov);
        vm.expectRevert(
            abi.encodeWithSelector(IContributorBadges.ContributorBadgesAlreadyAwarded.selector, DAO1, kind, holder, id)
        );
        badges.award(DAO1, kind, holder, "");
    }

    /// @dev A kind is valid exactly when it is 1..32 characters of [A-Za-z0-9_-], left-aligned and zero-padded.
    function testFuzz_isValidKind_matchesTheFormat(bytes32 kind) public view {
        uint256 length;
        while (length < 32 && kind[length] != 0) length++;
        bool expected = length > 0;
        for (uint256 i = 0; i < 32 && expected; i++) {
            bytes1 c = kind[i];
            if (i >= length) expected = c == 0;
            else
                expected =
                    (c >= "0" && c <= "9") ||
                    (c >= "A" && c <= "Z") ||
                    (c >= "a" && c <= "z") ||
                    c == "_" ||
                    c == "-";
        }
        assertTrue(badges.isValidKind(kind) == expected, "isValidKind");
    }

    /// @dev A valid kind of `length` characters drawn from the allowed set by `seed`.
    function _kind(uint256 seed, uint256 length) internal pure returns (bytes32 kind) {
        bytes memory set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        for (uint256 i = 0; i < length; i++) {
            kind |= bytes32(set[uint8(seed >> (i * 6)) & 63]) >> (i * 8);
        }
    }

    /// @dev An independent base64 (RFC 4648, padded) so the test does not check OpenZeppelin's Base64 against itself.
    function _base64(string memory text) internal pure returns (string memory) {
        bytes memory data = bytes(text);
        bytes memory table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        bytes memory out = new bytes(((data.length + 2) / 3) * 4);
        uint256 o;
        for (uint256 i = 0; i < data.length; i += 3) {
            uint256 n = uint256(uint8(data[i])) << 16;
            if (i + 1 < data.length) n |= uint256(uint8(data[i + 1])) << 8;
            if (i + 2 < data.length) n |= uint256(uint8(data[i + 2]));
            out[o++] = table[(n >> 18) & 63];
            out[o++] = table[(n >> 12) & 63];
            out[o++] = i + 1 < data.length ? table[(n >> 6) & 63] : bytes1("=");
            out[o++] = i + 2 < data.length ? table[n & 63] : bytes1("=");
        }
        return string(out);
    }
}
