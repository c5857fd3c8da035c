// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IRewardsDistributor} from "./IRewardsDistributor.sol";

/**
 * @title RewardsDistributor
 * @notice See {IRewardsDistributor}. Owned by governance (the timelock).
 * @dev Invariant: totalAllocated() <= funded(), so every posted epoch is fully payable.
 * Invariant: totalReleased() <= totalAllocated(), and no account receives more than its leaf amount per epoch.
 * Invariant: the amounts registered in an epoch never add up to more than its total, so an epoch whose leaves exceed
 * its stated total (a governance error) cannot pay out tokens that back other epochs.
 */
contract RewardsDistributor is IRewardsDistributor, Ownable {
    using SafeERC20 for IERC20;

    IERC20 private immutable _token;
    uint64 private immutable _programmeEnd;

    Epoch[] private _epochs;
    uint256 private _totalAllocated;
    uint256 private _totalReleased;

    struct Allocation {
        uint128 amount;
        uint128 released;
    }

    mapping(uint256 epochId => mapping(address account => Allocation)) private _allocations;
    /// @dev What is left of each epoch's total for leaves not yet registered. Set to the total when the epoch is
    /// posted, so a claim only updates a warm, non-zero slot.
    mapping(uint256 epochId => uint256) private _unregistered;

    /// @param token_ The AIDAO token this contract pays.
    /// @param owner_ Governance (the timelock).
    /// @param programmeEnd_ When the rewards programme ends (start + 3 years at deployment).
    constructor(IERC20 token_, address owner_, uint64 programmeEnd_) Ownable(owner_) {
        _token = token_;
        _programmeEnd = programmeEnd_;
    }

    /// @inheritdoc IRewardsDistributor
    function postEpoch(bytes32 root, uint256 total, string calldata uri) external onlyOwner returns (uint256 epochId) {
        if (root == bytes32(0) || total == 0) revert RewardsDistributorEmptyEpoch();
        uint256 available = funded() - _totalAllocated;
        if (total > available) revert RewardsDistributorOverAllocated(total, available);
        _totalAllocated += total;
        epochId = _epochs.length;
        uint64 start = uint64(block.timestamp);
        _epochs.push(Epoch({root: root, total: total, start: start, uri: uri}));
        _unregistered[epochId] = total;
        emit EpochPosted(epochId, root, total, start, uri);
    }

    /// @inheritdoc IRewardsDistributor
    function claim(
        uint256 epochId,
        address account,
        uint256 amount,
        bytes32[] calldata proof
    ) external returns (uint256 released) {
        if (epochId >= _epochs.length) revert RewardsDistributorUnknownEpoch(epochId);
        Allocation memory alloc = _allocations[epochId][account];
        if (alloc.amount == 0) {
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
            if (amount == 0 || !MerkleProof.verifyCalldata(proof, _epochs[epochId].root, leaf)) {
                revert RewardsDistributorInvalidProof(epochId, account, amount);
            }
            // The leaves registered in an epoch may not add up to more than its total, whatever the tree says.
            uint256 left = _unregistered[epochId];
            if (amount > left) revert RewardsDistributorOverAllocated(amount, left);
            _unregistered[epochId] = left - amount;
            // So a leaf's amount is at most the epoch total, itself at most the token supply (< 2^128).
            alloc.amount = uint128(amount);
        } else if (alloc.amount != amount) {
            revert RewardsDistributorAmountMismatch(epochId, account, amount, alloc.amount);
        }

        released = vestedAmount(epochId, amount, uint64(block.timestamp)) - alloc.released;
        alloc.released += uint128(released);
        _allocations[epochId][account] = alloc;
        if (released == 0) return 0;
        _totalReleased += released;
        emit Claimed(epochId, account, released, alloc.released);
        _token.safeTransfer(account, released);
    }

    /// @inheritdoc IRewardsDistributor
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IRewardsDistributor
    function programmeEnd() external view returns (uint64) {
        return _programmeEnd;
    }

    /// @inheritdoc IRewardsDistributor
    function epoch(uint256 epochId) external view returns (Epoch memory) {
        if (epochId >= _epochs.length) revert RewardsDistributorUnknownEpoch(epochId);
        return _epochs[epochId];
    }

    /// @inheritdoc IRewardsDistributor
    function epochCount() external view returns (uint256) {
        return _epochs.length;
    }

    /// @inheritdoc IRewardsDistributor
    function totalAllocated() external view returns (uint256) {
        return _totalAllocated;
    }

    /// @inheritdoc IRewardsDistributor
    function totalReleased() external view returns (uint256) {
        return _totalReleased;
    }

    /// @inheritdoc IRewardsDistributor
    function funded() public view returns (uint256) {
        return _token.balanceOf(address(this)) + _totalReleased;
    }

    /// @inheritdoc IRewardsDistributor
    function allocation(uint256 epochId, address account) external view returns (uint256 amount, uint256 released) {
        Allocation memory alloc = _allocations[epochId][account];
        return (alloc.amount, alloc.released);
    }

    /// @inheritdoc IRewardsDistributor
    function vestedAmount(uint256 epochId, uint256 amount, uint64 timestamp) public view returns (uint256) {
        if (epochId >= _epochs.length) revert RewardsDistributorUnknownEpoch(epochId);
        uint64 start = _epochs[epochId].start;
        if (timestamp >= _programmeEnd) return amount;
        if (timestamp <= start) return 0;
        // start < timestamp < programmeEnd, so the denominator is positive and the result < amount.
        return (amount * (timestamp - start)) / (_programmeEnd - start);
    }
}
