// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IConsortium} from "./IConsortium.sol";

/**
 * @title Consortium
 * @notice The consortium template's membership, votes and revenue split (see {IConsortium}). Deployed once as an
 * implementation and used through EIP-1167 clones that the factory initializes in their creation transaction.
 * @dev Votes are OpenZeppelin `VotesUpgradeable` voting units with a timestamp clock: each delegate's votes and the
 * total are `Checkpoints.Trace208` traces, so `getPastVotes` and `getPastTotalSupply` are exact and O(log n). Units
 * are minted when a member joins or its weight grows and burnt when it leaves or its weight shrinks; they never move
 * between accounts. The EIP-712 domain of `delegateBySig` is ("AIDAO Consortium", "1", chain id, the clone's own
 * address).
 * Revenue is credited per member at distribution time (O(members), bounded by MAX_MEMBERS), so there is nothing to
 * settle when membership changes and no per-token loop anywhere: distributing a junk token cannot block governance.
 *
 * Invariant: 1 <= memberCount() <= MAX_MEMBERS and the members' shares sum to 10_000 after every call.
 * Invariant: totalUnits() == the sum of the members' units, and the sum of getVotes over all delegates <= it (equal
 * unless a member delegated to address(0)).
 * Invariant: for every token, totalClaimed + the sum of claimable over all accounts + undistributed ==
 * totalDistributed (so claims never exceed distributions).
 */
contract Consortium is IConsortium, VotesUpgradeable, ReentrancyGuardTransient {
    using EnumerableSet for EnumerableSet.AddressSet;
    using SafeERC20 for IERC20;

    /// @notice The units of every member of a one-member-one-vote consortium.
    uint256 public constant MEMBER_UNITS = 1e18;
    /// @notice The most members a consortium may have.
    uint256 public constant MAX_MEMBERS = 100;
    uint16 private constant BPS = 10_000;

    address private _executor;
    bool private _weighted;
    uint256 private _totalShareBps;
    EnumerableSet.AddressSet private _memberSet;
    mapping(address account => MemberInfo) private _info;
    mapping(address account => mapping(address token => uint256)) private _claimable;
    mapping(address token => uint256) private _totalDistributed;
    mapping(address token => uint256) private _totalClaimed;
    mapping(address token => uint256) private _undistributed;

    modifier onlyExecutor() {
        if (msg.sender != _executor) revert ConsortiumNotExecutor(msg.sender);
        _;
    }

    /// @dev The implementation is never used directly: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IConsortium
    function initialize(
        address executor_,
        address[] calldata members_,
        uint256[] calldata weights,
        uint16[] calldata revenueSharesBps,
        bool weightedByStake_
    ) external initializer {
        if (executor_ == address(0)) revert ConsortiumZeroAddress();
        __EIP712_init("AIDAO Consortium", "1");
        _executor = executor_;
        _weighted = weightedByStake_;
        _setMembers(members_, weights, revenueSharesBps);
    }

    // ---------------------------------------------------------------- membership (executor)

    /// @inheritdoc IConsortium
    function addMember(address account, uint256 weight, uint16 shareBps) external onlyExecutor {
        if (_memberSet.contains(account)) revert ConsortiumAlreadyMember(account);
        _addMember(account, weight, shareBps);
        _requireValidMembership();
    }

    /// @inheritdoc IConsortium
    function removeMember(address account) external onlyExecutor {
        if (!_memberSet.contains(account)) revert ConsortiumNotMember(account);
        _removeMember(account);
        _requireValidMembership();
    }

    /// @inheritdoc IConsortium
    function setMember(address account, uint256 weight, uint16 shareBps) external onlyExecutor {
        if (!_memberSet.contains(account)) revert ConsortiumNotMember(account);
        _updateMember(account, weight, shareBps);
        _requireValidMembership();
    }

    /// @inheritdoc IConsortium
    function setMembers(
        address[] calldata accounts,
        uint256[] calldata weights,
        uint16[] calldata sharesBps
    ) external onlyExecutor {
        _setMembers(accounts, weights, sharesBps);
    }

    // ---------------------------------------------------------------- revenue

    /// @inheritdoc IConsortium
    function distribute(IERC20 token, uint256 amount) external nonReentrant returns (uint256 received) {
        if (address(token) == address(0)) revert ConsortiumZeroAddress();
        if (amount == 0) revert ConsortiumZeroAmount();
        // Credit what actually arrived, so fee-on-transfer tokens are split on their real amount.
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;

        uint256 pool = received + _undistributed[address(token)];
        uint256 credited;
        uint256 count = _memberSet.length();
        for (uint256 i = 0; i < count; i++) {
            address member = _memberSet.at(i);
            uint256 part = (pool * _info[member].shareBps) / BPS;
            if (part > 0) {
                _claimable[member][address(token)] += part;
                credited += part;
            }
        }
        _undistributed[address(token)] = pool - credited; // shares sum to 10_000, so credited <= pool
        _totalDistributed[address(token)] += received;
        emit RevenueDistributed(address(token), msg.sender, received, credited);
    }

    /// @inheritdoc IConsortium
    function claim(IERC20 token) external nonReentrant returns (uint256 amount) {
        amount = _claimable[msg.sender][address(token)];
        if (amount == 0) revert ConsortiumNothingToClaim(msg.sender, address(token));
        _claimable[msg.sender][address(token)] = 0;
        _totalClaimed[address(token)] += amount;
        token.safeTransfer(msg.sender, amount);
        emit Claimed(msg.sender, address(token), amount);
    }

    // ---------------------------------------------------------------- IVotes clock (ERC-6372)

    /// @notice The clock of the checkpoints: unix seconds.
    function clock() public view override(IERC6372, VotesUpgradeable) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 description of the clock.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(IERC6372, VotesUpgradeable) returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IConsortium
    function executor() external view returns (address) {
        return _executor;
    }

    /// @inheritdoc IConsortium
    function weightedByStake() external view returns (bool) {
        return _weighted;
    }

    /// @inheritdoc IConsortium
    function members() external view returns (address[] memory) {
        return _memberSet.values();
    }

    /// @inheritdoc IConsortium
    function memberCount() external view returns (uint256) {
        return _memberSet.length();
    }

    /// @inheritdoc IConsortium
    function memberInfo(address account) external view returns (MemberInfo memory) {
        return _info[account];
    }

    /// @inheritdoc IConsortium
    function claimable(address account, address token) external view returns (uint256) {
        return _claimable[account][token];
    }

    /// @inheritdoc IConsortium
    function totalDistributed(address token) external view returns (uint256) {
        return _totalDistributed[token];
    }

    /// @inheritdoc IConsortium
    function totalClaimed(address token) external view returns (uint256) {
        return _totalClaimed[token];
    }

    /// @inheritdoc IConsortium
    function undistributed(address token) external view returns (uint256) {
        return _undistributed[token];
    }

    /// @inheritdoc IConsortium
    function totalShareBps() external view returns (uint256) {
        return _totalShareBps;
    }

    /// @inheritdoc IConsortium
    function totalUnits() external view returns (uint256) {
        return _getTotalSupply();
    }

    // ---------------------------------------------------------------- internals

    /// @dev Replaces the member list: removes members not listed, adds or updates listed ones, validates once.
    /// Lists are at most MAX_MEMBERS long, so the quadratic look-ups stay cheap (memory only).
    function _setMembers(address[] calldata accounts, uint256[] calldata weights, uint16[] calldata sharesBps) private {
        uint256 count = accounts.length;
        bool weightsGiven = weights.length != 0 || _weighted;
        if (sharesBps.length != count || (weightsGiven && weights.length != count)) {
            revert ConsortiumLengthMismatch(count, weights.length, sharesBps.length);
        }
        if (count == 0) revert ConsortiumNoMembers();
        if (count > MAX_MEMBERS) revert ConsortiumTooManyMembers(count, MAX_MEMBERS);

        address[] memory current = _memberSet.values();
        for (uint256 i = 0; i < current.length; i++) {
            if (!_listed(accounts, current[i], count)) _removeMember(current[i]);
        }
        for (uint256 i = 0; i < count; i++) {
            address account = accounts[i];
            if (_listed(accounts, account, i)) revert ConsortiumDuplicateMember(account);
            uint256 weight = weightsGiven ? weights[i] : 0;
            if (_memberSet.contains(account)) _updateMember(account, weight, sharesBps[i]);
            else _addMember(account, weight, sharesBps[i]);
        }
        _requireValidMembership();
    }

    function _addMember(address account, uint256 weight, uint16 shareBps) private {
        if (account == address(0)) revert ConsortiumZeroAddress();
        uint96 units = _unitsFor(account, weight);
        // A joining member votes for itself (also after having left with another delegate). It holds no units yet,
        // so this moves no votes.
        if (delegates(account) != account) _delegate(account, account);
        _memberSet.add(account);
        _info[account] = MemberInfo({isMember: true, units: units, shareBps: shareBps});
        _totalShareBps += shareBps;
        _transferVotingUnits(address(0), account, units);
        emit MemberAdded(account, units, shareBps);
    }

    function _removeMember(address account) private {
        MemberInfo memory info = _info[account];
        _memberSet.remove(account);
        delete _info[account];
        _totalShareBps -= info.shareBps;
        _transferVotingUnits(account, address(0), info.units);
        emit MemberRemoved(account, info.units, info.shareBps);
    }

    function _updateMember(address account, uint256 weight, uint16 shareBps) private {
        MemberInfo memory info = _info[account];
        uint96 units = _unitsFor(account, weight);
        _info[account] = MemberInfo({isMember: true, units: units, shareBps: shareBps});
        _totalShareBps = _totalShareBps - info.shareBps + shareBps;
        if (units > info.units) _transferVotingUnits(address(0), account, units - info.units);
        else if (units < info.units) _transferVotingUnits(account, address(0), info.units - units);
        emit MemberUpdated(account, info.units, units, info.shareBps, shareBps);
    }

    function _unitsFor(address account, uint256 weight) private view returns (uint96) {
        if (!_weighted) return uint96(MEMBER_UNITS);
        if (weight == 0 || weight > type(uint96).max) revert ConsortiumInvalidWeight(account, weight);
        return uint96(weight);
    }

    function _requireValidMembership() private view {
        uint256 count = _memberSet.length();
        if (count == 0) revert ConsortiumNoMembers();
        if (count > MAX_MEMBERS) revert ConsortiumTooManyMembers(count, MAX_MEMBERS);
        if (_totalShareBps != BPS) revert ConsortiumInvalidSharesSum(_totalShareBps);
    }

    /// @dev Whether `account` is among the first `length` entries of `accounts`.
    function _listed(address[] calldata accounts, address account, uint256 length) private pure returns (bool) {
        for (uint256 i = 0; i < length; i++) {
            if (accounts[i] == account) return true;
        }
        return false;
    }

    /// @dev The voting units `account` delegates: its member units (0 once it left).
    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _info[account].units;
    }
}
