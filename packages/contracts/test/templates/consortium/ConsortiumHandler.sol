// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Consortium} from "../../../contracts/templates/consortium/Consortium.sol";
import {IConsortium} from "../../../contracts/templates/consortium/IConsortium.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";

/// @dev Drives a weighted Consortium clone: the executor adds, removes, updates and replaces members (valid and
/// invalid changes), anyone distributes, members and former members claim and delegate, time passes.
contract ConsortiumHandler is Test {
    Consortium public immutable consortium;
    address public immutable executor;

    address[] internal _tokens;
    /// @dev Everyone who may ever be a member (the executor picks among them).
    address[] internal _pool;

    mapping(address token => uint256) public ghostDistributed;
    mapping(address token => uint256) public ghostClaimed;
    /// @dev Outcomes that contradict the rules (must stay 0). Counted rather than reverted: reverts of handler calls
    /// are ignored by the invariant runner.
    uint256 public ghostViolations;

    constructor(Consortium consortium_, address executor_, address[] memory tokens_, address[] memory pool_) {
        consortium = consortium_;
        executor = executor_;
        _tokens = tokens_;
        _pool = pool_;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    function pool() external view returns (address[] memory) {
        return _pool;
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function distribute(uint256 tokenSeed, uint256 amount) external {
        address token = _tokens[tokenSeed % _tokens.length];
        amount = bound(amount, 1, 1e27);
        TemplateMockERC20(token).mint(address(this), amount);
        IERC20(token).approve(address(consortium), amount);
        uint256 received = consortium.distribute(IERC20(token), amount);
        ghostDistributed[token] += received;
    }

    function claim(uint256 actorSeed, uint256 tokenSeed) external {
        address account = _pool[actorSeed % _pool.length];
        address token = _tokens[tokenSeed % _tokens.length];
        uint256 expected = consortium.claimable(account, token);
        uint256 before = IERC20(token).balanceOf(account);
        vm.prank(account);
        try consortium.claim(IERC20(token)) returns (uint256 paid) {
            if (paid != expected || IERC20(token).balanceOf(account) - before != paid) ghostViolations++;
            ghostClaimed[token] += paid;
        } catch {
            if (expected != 0) ghostViolations++;
        }
    }

    function addMember(uint256 actorSeed, uint256 weight, uint16 shareBps) external {
        address account = _pool[actorSeed % _pool.length];
        weight = bound(weight, 1, 1e24);
        // Mostly a zero share (the only kind addMember accepts), sometimes another one that must be refused.
        shareBps = shareBps % 3 == 0 ? uint16(bound(shareBps, 1, 10_000)) : 0;
        bool valid = !consortium.memberInfo(account).isMember && shareBps == 0;
        vm.prank(executor);
        try consortium.addMember(account, weight, shareBps) {
            if (!valid) ghostViolations++;
        } catch {
            if (valid) ghostViolations++;
        }
    }

    function removeMember(uint256 actorSeed) external {
        address account = _pool[actorSeed % _pool.length];
        IConsortium.MemberInfo memory info = consortium.memberInfo(account);
        bool valid = info.isMember && info.shareBps == 0 && consortium.memberCount() > 1;
        vm.prank(executor);
        try consortium.removeMember(account) {
            if (!valid) ghostViolations++;
        } catch {
            if (valid) ghostViolations++;
        }
    }

    function setMemberWeight(uint256 actorSeed, uint256 weight) external {
        address account = _pool[actorSeed % _pool.length];
        IConsortium.MemberInfo memory info = consortium.memberInfo(account);
        weight = bound(weight, 1, 1e24);
        vm.prank(executor);
        try consortium.setMember(account, weight, info.shareBps) {
            if (!info.isMember) ghostViolations++;
        } catch {
            if (info.isMember) ghostViolations++;
        }
    }

    /// @dev Replaces the list with `count` members taken from the pool, random weights and shares summing to 10_000
    /// (or, one time in four, to something else, which must be refused).
    function setMembers(uint256 seed, uint256 count, bool breakShares) external {
        count = bound(count, 1, _pool.length);
        address[] memory list = new address[](count);
        uint256[] memory weights = new uint256[](count);
        uint16[] memory shares = new uint16[](count);
        uint256 left = 10_000;
        for (uint256 i = 0; i < count; i++) {
            list[i] = _pool[(seed + i) % _pool.length];
            weights[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e24);
            shares[i] = uint16(i == count - 1 ? left : bound(uint256(keccak256(abi.encode(seed, i, "s"))), 0, left));
            left -= shares[i];
        }
        bool broken = breakShares && seed % 4 == 0;
        if (broken) shares[0] = shares[0] == 0 ? 1 : shares[0] - 1;
        vm.prank(executor);
        try consortium.setMembers(list, weights, shares) {
            if (broken) ghostViolations++;
        } catch {
            if (!broken) ghostViolations++;
        }
    }

    function delegate(uint256 actorSeed, uint256 toSeed) external {
        address account = _pool[actorSeed % _pool.length];
        // Mostly to someone in the pool, sometimes to nobody.
        address to = toSeed % 6 == 5 ? address(0) : _pool[toSeed % _pool.length];
        vm.prank(account);
        consortium.delegate(to);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }
}
