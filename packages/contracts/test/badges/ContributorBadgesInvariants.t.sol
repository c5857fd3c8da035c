// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {ContributorBadges} from "../../contracts/badges/ContributorBadges.sol";
import {IContributorBadges} from "../../contracts/badges/IContributorBadges.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {ContributorBadgesHandler} from "./ContributorBadgesHandler.sol";

contract ContributorBadgesInvariantsTest is InvariantTest {
    MockDAORegistry internal daos;
    ContributorBadges internal badges;
    ContributorBadgesHandler internal handler;

    function setUp() public {
        daos = new MockDAORegistry();
        daos.addDAO(address(0x6000), true);
        daos.addDAO(address(0x7000), true);
        daos.addDAO(address(0x5AFE), false); // an off-chain DAO: its Safe executes
        badges = new ContributorBadges(daos);
        handler = new ContributorBadgesHandler(badges, daos);
        // Every run starts with badges in place: each DAO awards each kind to holder 0 (caller seed 0: its executor).
        for (uint256 d = 0; d < 3; d++) {
            for (uint256 k = 0; k < 3; k++) handler.award(1 + d, k, 0, 0);
        }
        assertEq(badges.totalSupply(), 9, "seeded badges");
        assertEq(handler.ghostOutcomeMismatches(), 0, "seeding went as planned");
        targetContract(address(handler));
    }

    /// @dev ContributorBadges header: a badge never moves: ownerOf(id) is its awarded holder until revoked.
    function invariant_badgeNeverMoves() public view {
        assertEq(handler.ghostMoves(), 0, "a transfer or approval went through");
        uint256 count = badges.badgeCount();
        assertEq(count, handler.ghostAwarded(), "badgeCount");
        for (uint256 id = 1; id <= count; id++) {
            address holder = handler.ghostHolder(id);
            if (holder == address(0)) continue;
            assertEq(badges.ownerOf(id), holder, "ownerOf");
            assertEq(badges.badge(id).holder, holder, "badge().holder");
        }
    }

    /// @dev ContributorBadges header: at most one badge exists per (dao, kind, holder), and badgeOf names it.
    function invariant_atMostOneBadgePerDaoKindHolder() public view {
        for (uint256 d = 1; d <= 3; d++) {
            for (uint256 k = 0; k < 3; k++) {
                for (uint256 h = 0; h < handler.holderCount(); h++) {
                    bytes32 kind = handler.kindAt(k);
                    address holder = handler.holders(h);
                    assertEq(badges.badgeOf(d, kind, holder), handler.ghostBadgeOf(d, kind, holder), "badgeOf");
                }
            }
        }
        uint256 count = badges.badgeCount();
        for (uint256 id = 1; id <= count; id++) {
            if (handler.ghostHolder(id) == address(0)) continue;
            IContributorBadges.Badge memory b = badges.badge(id);
            assertEq(badges.badgeOf(b.daoId, b.kind, b.holder), id, "badgeOf names another badge");
            for (uint256 other = id + 1; other <= count; other++) {
                if (handler.ghostHolder(other) == address(0)) continue;
                IContributorBadges.Badge memory o = badges.badge(other);
                assertTrue(
                    o.daoId != b.daoId || o.kind != b.kind || o.holder != b.holder,
                    "two badges for one (dao, kind, holder)"
                );
            }
        }
    }

    /// @dev ContributorBadges header: only a DAO's executor (at the time of the call) awards or revokes its badges.
    function invariant_onlyTheDAOsExecutorAwardsOrRevokes() public view {
        assertEq(handler.ghostUnauthorizedSuccesses(), 0, "awarded or revoked by someone else");
        assertEq(handler.ghostOutcomeMismatches(), 0, "an outcome differed from the rules");
    }

    /// @dev ContributorBadges header: totalSupply == awarded - revoked == sum of badgesOfDAO, and balanceOf(h) ==
    /// badgesOf(h).length.
    function invariant_supplyEqualsAwardedMinusRevoked() public view {
        uint256 supply = handler.ghostAwarded() - handler.ghostRevoked();
        assertEq(badges.totalSupply(), supply, "totalSupply");
        uint256 byDAO;
        for (uint256 d = 1; d <= 3; d++) byDAO += badges.badgesOfDAO(d).length;
        assertEq(byDAO, supply, "sum of badgesOfDAO");
        uint256 byHolder;
        for (uint256 h = 0; h < handler.holderCount(); h++) {
            address holder = handler.holders(h);
            uint256 n = badges.badgesOf(holder).length;
            assertEq(badges.balanceOf(holder), n, "balanceOf != badgesOf");
            byHolder += n;
        }
        assertEq(byHolder, supply, "sum of badgesOf");
    }

    /// @dev ContributorBadges header: no approval ever exists.
    function invariant_noApprovalEverExists() public view {
        address[] memory all = handler.everyone();
        uint256 count = badges.badgeCount();
        for (uint256 id = 1; id <= count; id++) {
            if (handler.ghostHolder(id) == address(0)) continue;
            assertEq(badges.getApproved(id), address(0), "getApproved");
        }
        for (uint256 h = 0; h < handler.holderCount(); h++) {
            for (uint256 o = 0; o < all.length; o++) {
                assertTrue(!badges.isApprovedForAll(handler.holders(h), all[o]), "isApprovedForAll");
            }
        }
    }
}
