// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {IRewardsDistributor} from "../../contracts/rewards/IRewardsDistributor.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @dev Builds Merkle trees the way OpenZeppelin's StandardMerkleTree leaves and MerkleProof expect:
/// leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount)))), pairs hashed sorted (commutative).
/// Layers are built bottom-up; an odd node out is promoted unchanged to the next layer.
library MerkleBuilder {
    function leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function leaves(address[] memory accounts, uint256[] memory amounts) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) out[i] = leaf(accounts[i], amounts[i]);
    }

    function root(bytes32[] memory nodes) internal pure returns (bytes32) {
        require(nodes.length > 0, "MerkleBuilder: no leaves");
        bytes32[] memory layer = nodes;
        while (layer.length > 1) layer = _next(layer);
        return layer[0];
    }

    function proof(bytes32[] memory nodes, uint256 index) internal pure returns (bytes32[] memory) {
        require(index < nodes.length, "MerkleBuilder: index out of range");
        bytes32[] memory path = new bytes32[](64);
        uint256 length;
        bytes32[] memory layer = nodes;
        while (layer.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < layer.length) path[length++] = layer[sibling];
            layer = _next(layer);
            index /= 2;
        }
        bytes32[] memory out = new bytes32[](length);
        for (uint256 i = 0; i < length; i++) out[i] = path[i];
        return out;
    }

    function _next(bytes32[] memory layer) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((layer.length + 1) / 2);
        for (uint256 i = 0; i < next.length; i++) {
            next[i] = 2 * i + 1 < layer.length ? hashPair(layer[2 * i], layer[2 * i + 1]) : layer[2 * i];
        }
    }
}

/// @dev Drives the RewardsDistributor through top-ups, epochs posted by governance (consistent ones and ones whose
/// stated total understates their leaves), claims by anyone for any account, and time warps, with ghost values
/// mirroring what must have been paid.
contract RewardsDistributorHandler is Test {
    uint256 internal constant ACTORS = 5;

    RewardsDistributor public immutable distributor;
    MockERC20 public immutable token;
    address public immutable gov;
    address[] internal _actors;

    struct EpochData {
        address[] accounts;
        uint256[] amounts;
    }

    EpochData[] internal _epochs;

    uint256 public ghostFunded;
    uint256 public ghostAllocated;
    uint256 public ghostClaimed;
    mapping(uint256 epochId => mapping(address account => uint256)) public ghostPaid;
    mapping(uint256 epochId => uint256) public ghostEpochPaid;
    /// @dev Calls that succeeded although they must have reverted, or paid other than what had vested (stay 0).
    uint256 public ghostOverAllocationsAccepted;
    uint256 public ghostInvalidClaimsAccepted;
    uint256 public ghostWrongPayouts;

    /// @dev `initialFunding` is passed in rather than read: with Hardhat 3.18 / EDR a handler whose constructor makes
    /// a nested external call is not recognised as a fuzz target ("No contracts to fuzz").
    constructor(RewardsDistributor distributor_, MockERC20 token_, address gov_, uint256 initialFunding) {
        distributor = distributor_;
        token = token_;
        gov = gov_;
        for (uint256 i = 0; i < ACTORS; i++) _actors.push(address(uint160(0xA000 + i)));
        ghostFunded = initialFunding;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function epochCount() external view returns (uint256) {
        return _epochs.length;
    }

    /// @dev The leaf amount of `account` in `epochId` (0 if it has no leaf).
    function leafAmount(uint256 epochId, address account) public view returns (uint256) {
        EpochData storage e = _epochs[epochId];
        for (uint256 i = 0; i < e.accounts.length; i++) if (e.accounts[i] == account) return e.amounts[i];
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function fund(uint256 amount) external {
        amount = bound(amount, 1, 1e27);
        token.mint(address(distributor), amount);
        ghostFunded += amount;
    }

    function postEpoch(uint256 seed, uint256 size) external {
        _post(seed, size, false);
    }

    /// @dev Governance error: the stated total is less than the sum of the leaves.
    function postUnderstatedEpoch(uint256 seed, uint256 size) external {
        _post(seed, size, true);
    }

    function postOverAllocatedEpoch(uint256 extra) external {
        uint256 available = distributor.funded() - distributor.totalAllocated();
        uint256 total = available + bound(extra, 1, 1e27);
        vm.prank(gov);
        try distributor.postEpoch(keccak256(abi.encode(total)), total, "") {
            ghostOverAllocationsAccepted++;
        } catch {}
    }

    function claim(uint256 epochSeed, uint256 actorSeed, uint256 callerSeed) external {
        if (_epochs.length == 0) return;
        uint256 epochId = epochSeed % _epochs.length;
        EpochData storage e = _epochs[epochId];
        uint256 index = actorSeed % e.accounts.length;
        address account = e.accounts[index];
        uint256 amount = e.amounts[index];
        bytes32[] memory proof = MerkleBuilder.proof(MerkleBuilder.leaves(e.accounts, e.amounts), index);

        uint256 vested = _vested(epochId, amount);
        uint256 expected = vested - ghostPaid[epochId][account];
        uint256 before = token.balanceOf(account);
        vm.prank(_caller(callerSeed));
        try distributor.claim(epochId, account, amount, proof) returns (uint256 released) {
            uint256 paid = token.balanceOf(account) - before;
            if (paid != released || paid != expected) ghostWrongPayouts++;
            ghostPaid[epochId][account] += paid;
            ghostEpochPaid[epochId] += paid;
            ghostClaimed += paid;
        } catch {}
    }

    /// @dev A claim with a forged amount (a leaf that is not in the tree) must never pay.
    function claimForged(uint256 epochSeed, uint256 actorSeed, uint256 amount) external {
        if (_epochs.length == 0) return;
        uint256 epochId = epochSeed % _epochs.length;
        EpochData storage e = _epochs[epochId];
        uint256 index = actorSeed % e.accounts.length;
        address account = e.accounts[index];
        amount = bound(amount, 1, 1e30);
        if (amount == e.amounts[index]) amount++;
        bytes32[] memory proof = MerkleBuilder.proof(MerkleBuilder.leaves(e.accounts, e.amounts), index);
        try distributor.claim(epochId, account, amount, proof) {
            ghostInvalidClaimsAccepted++;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 365 days));
    }

    // ---------------------------------------------------------------------------------------------------------
    // internals
    // ---------------------------------------------------------------------------------------------------------

    function _post(uint256 seed, uint256 size, bool understated) private {
        uint256 available = distributor.funded() - distributor.totalAllocated();
        size = bound(size, 1, ACTORS);
        if (available < size) return;
        address[] memory accounts = new address[](size);
        uint256[] memory amounts = new uint256[](size);
        uint256 offset = seed % ACTORS;
        uint256 sum;
        for (uint256 i = 0; i < size; i++) {
            accounts[i] = _actors[(offset + i) % ACTORS];
            amounts[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, available / size);
            sum += amounts[i];
        }
        uint256 total = understated ? (sum + 1) / 2 : sum;
        bytes32 root = MerkleBuilder.root(MerkleBuilder.leaves(accounts, amounts));
        vm.prank(gov);
        distributor.postEpoch(root, total, "ipfs://epoch");
        ghostAllocated += total;
        _epochs.push();
        EpochData storage e = _epochs[_epochs.length - 1];
        e.accounts = accounts;
        e.amounts = amounts;
    }

    /// @dev The model of linear vesting from the epoch's start to the programme's end.
    function _vested(uint256 epochId, uint256 amount) private view returns (uint256) {
        uint256 start = distributor.epoch(epochId).start;
        uint256 end = distributor.programmeEnd();
        if (block.timestamp >= end) return amount;
        if (block.timestamp <= start) return 0;
        return (amount * (block.timestamp - start)) / (end - start);
    }

    function _caller(uint256 seed) private view returns (address) {
        return seed % 3 == 0 ? address(0xBEEF) : _actors[seed % ACTORS];
    }
}
