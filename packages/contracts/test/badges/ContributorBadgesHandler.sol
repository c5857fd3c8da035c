// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {ContributorBadges} from "../../contracts/badges/ContributorBadges.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";

/// @dev Drives ContributorBadges with awards, revocations, transfers and approvals by executors (of the right DAO or
/// another), holders and strangers, while DAOs rotate their executors. It predicts each call's outcome from the
/// documented rules and mirrors the expected state in ghost variables.
contract ContributorBadgesHandler is Test {
    uint256 public constant DAOS = 3;
    uint256 public constant HOLDERS = 4;
    uint256 public constant KINDS = 3;

    ContributorBadges public immutable badges;
    MockDAORegistry public immutable daos;

    mapping(uint256 daoId => address[2]) internal _executors;
    mapping(uint256 daoId => uint256) internal _current;
    address[] public holders;
    address[] internal _everyone;

    // ---- mirrors ----
    uint256 public ghostAwarded;
    uint256 public ghostRevoked;
    mapping(uint256 tokenId => address) public ghostHolder; // zero once revoked
    mapping(uint256 tokenId => uint256) public ghostDao;
    mapping(uint256 daoId => mapping(bytes32 kind => mapping(address holder => uint256 tokenId))) public ghostBadgeOf;

    // ---- violations (must stay 0) ----
    uint256 public ghostUnauthorizedSuccesses; // awards/revocations by someone other than the DAO's executor
    uint256 public ghostOutcomeMismatches; // success differed from what the rules predict
    uint256 public ghostMoves; // transfers or approvals that went through

    constructor(ContributorBadges badges_, MockDAORegistry daos_) {
        badges = badges_;
        daos = daos_;
        for (uint256 d = 1; d <= DAOS; d++) {
            _executors[d] = [daos_.executorOf(d), address(uint160(0xE000 + d))];
            _everyone.push(_executors[d][0]);
            _everyone.push(_executors[d][1]);
        }
        for (uint256 h = 0; h < HOLDERS; h++) {
            holders.push(address(uint160(0xB000 + h)));
            _everyone.push(holders[h]);
        }
        _everyone.push(address(0xBAD));
    }

    function _caller(uint256 daoId, uint256 seed) internal view returns (address) {
        // Half the calls come from the DAO's executor in office, so awards and revocations do happen.
        if (seed % 2 == 0) return _executors[daoId][_current[daoId]];
        return _everyone[(seed >> 1) % _everyone.length];
    }

    function award(uint256 daoSeed, uint256 kindSeed, uint256 holderSeed, uint256 callerSeed) external {
        uint256 daoId = bound(daoSeed, 1, DAOS);
        bytes32 kind = kindAt(kindSeed % KINDS);
        address holder = holders[holderSeed % HOLDERS];
        address caller = _caller(daoId, callerSeed);
        bool authorized = caller == daos.executorOf(daoId);
        bool expected = authorized && ghostBadgeOf[daoId][kind][holder] == 0;
        vm.prank(caller);
        try badges.award(daoId, kind, holder, "") returns (uint256 id) {
            if (!authorized) ghostUnauthorizedSuccesses++;
            if (!expected) ghostOutcomeMismatches++;
            ghostAwarded++;
            if (id != ghostAwarded) ghostOutcomeMismatches++;
            ghostHolder[id] = holder;
            ghostDao[id] = daoId;
            ghostBadgeOf[daoId][kind][holder] = id;
        } catch {
            if (expected) ghostOutcomeMismatches++;
        }
    }

    function revoke(uint256 idSeed, uint256 callerSeed) external {
        if (ghostAwarded == 0) return;
        uint256 id = bound(idSeed, 1, ghostAwarded);
        address holder = ghostHolder[id];
        uint256 daoId = ghostDao[id];
        address caller = _caller(daoId, callerSeed);
        bool authorized = caller == daos.executorOf(daoId);
        bool expected = authorized && holder != address(0);
        bytes32 kind = holder == address(0) ? bytes32(0) : badges.badge(id).kind;
        vm.prank(caller);
        try badges.revoke(id, "handler") {
            if (!authorized) ghostUnauthorizedSuccesses++;
            if (!expected) ghostOutcomeMismatches++;
            ghostRevoked++;
            ghostHolder[id] = address(0);
            delete ghostBadgeOf[daoId][kind][holder];
        } catch {
            if (expected) ghostOutcomeMismatches++;
        }
    }

    function tryTransfer(uint256 idSeed, uint256 toSeed, uint256 callerSeed, uint8 how) external {
        if (ghostAwarded == 0) return;
        uint256 id = bound(idSeed, 1, ghostAwarded);
        address from = ghostHolder[id];
        address to = _everyone[toSeed % _everyone.length];
        // The holder half the time: even the holder cannot move a badge.
        address caller = callerSeed % 2 == 0 && from != address(0) ? from : _everyone[callerSeed % _everyone.length];
        vm.prank(caller);
        if (how % 3 == 0) {
            try badges.transferFrom(from, to, id) {
                ghostMoves++;
            } catch {}
        } else if (how % 3 == 1) {
            try badges.safeTransferFrom(from, to, id) {
                ghostMoves++;
            } catch {}
        } else {
            try badges.safeTransferFrom(from, to, id, "") {
                ghostMoves++;
            } catch {}
        }
    }

    function tryApprove(uint256 idSeed, uint256 operatorSeed, bool all) external {
        if (ghostAwarded == 0) return;
        uint256 id = bound(idSeed, 1, ghostAwarded);
        address operator = _everyone[operatorSeed % _everyone.length];
        address holder = ghostHolder[id];
        vm.prank(holder);
        if (all) {
            try badges.setApprovalForAll(operator, true) {
                ghostMoves++;
            } catch {}
        } else {
            try badges.approve(operator, id) {
                ghostMoves++;
            } catch {}
        }
    }

    /// @dev A DAO swaps its timelock (or Safe): its badges follow the new executor.
    function rotateExecutor(uint256 daoSeed) external {
        uint256 daoId = bound(daoSeed, 1, DAOS);
        _current[daoId] = 1 - _current[daoId];
        daos.setExecutor(daoId, _executors[daoId][_current[daoId]]);
    }

    function kindAt(uint256 i) public pure returns (bytes32) {
        if (i == 0) return bytes32("FirstContribution");
        if (i == 1) return bytes32("VersionPromoted");
        return bytes32("Custom-1");
    }

    function holderCount() external view returns (uint256) {
        return holders.length;
    }

    function everyone() external view returns (address[] memory) {
        return _everyone;
    }
}
