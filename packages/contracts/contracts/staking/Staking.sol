// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IStaking} from "./IStaking.sol";

/**
 * @title Staking
 * @notice Stake AIDAO for voting power that counts only after the minimum staking period.
 *
 * @dev Why not OpenZeppelin's `Votes`: its checkpoints record voting units at the moment they change, but a stake
 * starts counting later, at a time when no transaction happens. So each delegate has a `votes` trace whose keys may
 * lie in the future: a stake is written at its maturity time. Changes that take effect at once (delegation in and
 * out, unstaking) are written into the same trace at the present time when it has nothing maturing (the usual case,
 * which costs what OpenZeppelin's `Votes` costs), and otherwise into a second, `present` trace, because a trace's
 * keys can only grow. A delegate's votes at `t` are `votes(t) + present(t)`, two O(log n) lookups.
 * Both traces hold signed running sums (an unstake may be recorded in one trace and its stake in the other), so they
 * are stored modulo 2^208 and added with wrapping arithmetic; the true sum is always in [0, total supply], so the
 * wrapped sum is exact. Keys never decrease because every stake matures no earlier than any stake before it.
 * The same pair of traces, for everyone, gives the matured total supply that quorums are computed from.
 *
 * Rules: a stake made at time `s` counts at every timepoint `t > s + period` (strictly longer than the period:
 * `maturesAt = s + period + 1`) and cannot be withdrawn before then; unstaking returns exactly the principal;
 * an account with maturing stake cannot change its delegate (its maturing stake is already scheduled for the current
 * delegate); the first stake of an account without a delegate delegates to itself.
 *
 * Invariant: totalStaked() == the sum of stakedBalanceOf(all accounts) == this contract's AIDAO balance.
 * Invariant: the sum of getVotes(all delegates) <= the matured stake of everyone (the quorum base, getPastTotalSupply);
 * the difference is exactly the matured stake of accounts that delegate to nobody.
 * Invariant: maturedBalanceOf(a) <= stakedBalanceOf(a), and unstake pays exactly the amount asked.
 */
contract Staking is IStaking, Ownable, EIP712, Nonces {
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice The shortest minimum staking period governance may set.
    uint64 public constant MIN_STAKE_PERIOD_FLOOR = 1 days;
    /// @notice The longest minimum staking period governance may set.
    uint64 public constant MIN_STAKE_PERIOD_CEILING = 90 days;

    bytes32 private constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    IERC20 private immutable _token;

    uint64 private _minStakePeriod;
    /// @dev The latest maturity time ever scheduled; new stakes mature no earlier (keeps every trace sorted even
    /// after governance shortens the period).
    uint48 private _lastMaturity;
    uint256 private _totalStaked;

    /// @dev One slot: delegation and balance are read together on every stake, unstake and delegation.
    struct Account {
        address delegatee;
        uint96 balance; // the whole supply (1e27) fits in 90 bits
    }

    mapping(address account => Account) private _accounts;
    /// @dev Cumulative amount staked by the account, keyed by maturity time.
    mapping(address account => Checkpoints.Trace208) private _accountMaturity;
    /// @dev Running sum (mod 2^208) of a delegate's vote changes, keyed by when they take effect (see header).
    mapping(address delegatee => Checkpoints.Trace208) private _delegateVotes;
    /// @dev Immediate changes made while `_delegateVotes` had a future key (see header), mod 2^208.
    mapping(address delegatee => Checkpoints.Trace208) private _delegatePresent;
    Checkpoints.Trace208 private _totalVotes;
    Checkpoints.Trace208 private _totalPresent;

    /// @param token_ The AIDAO token.
    /// @param owner_ Governance (the timelock): may change the minimum staking period.
    /// @param minStakePeriod_ The initial minimum staking period in seconds.
    constructor(IERC20 token_, address owner_, uint64 minStakePeriod_) Ownable(owner_) EIP712("AIDAO Staking", "1") {
        _token = token_;
        _setMinStakePeriod(minStakePeriod_);
    }

    // ---------------------------------------------------------------- staking

    /// @inheritdoc IStaking
    function stake(uint256 amount) external returns (uint256) {
        return _stake(msg.sender, amount);
    }

    /// @inheritdoc IStaking
    function stakeWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256) {
        // A permit front-run by someone else still leaves the allowance in place; only fail if it is missing.
        try IERC20Permit(address(_token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        return _stake(msg.sender, amount);
    }

    /// @inheritdoc IStaking
    function unstake(uint256 amount) external {
        address account = msg.sender;
        if (amount == 0) revert StakingZeroAmount();
        uint256 matured = maturedBalanceOf(account);
        if (amount > matured) revert StakingInsufficientMatured(account, amount, matured);

        Account storage state = _accounts[account];
        state.balance -= uint96(amount); // amount <= matured <= balance
        _totalStaked -= amount;
        address delegatee = state.delegatee;
        if (delegatee != address(0)) _moveVotes(delegatee, amount, false);
        _pushNow(_totalVotes, _totalPresent, amount, false);

        emit Unstaked(account, amount);
        _token.safeTransfer(account, amount);
    }

    /// @inheritdoc IStaking
    function setMinStakePeriod(uint64 period) external onlyOwner {
        _setMinStakePeriod(period);
    }

    // ---------------------------------------------------------------- delegation (IVotes)

    /// @notice Delegates the caller's voting power to `delegatee` (address(0) to nobody).
    function delegate(address delegatee) external {
        _delegate(msg.sender, delegatee);
    }

    /// @notice Delegates the signer's voting power to `delegatee` with an EIP-712 `Delegation` signature.
    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s) external {
        if (block.timestamp > expiry) revert VotesExpiredSignature(expiry);
        address signer = ECDSA.recover(
            _hashTypedDataV4(keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry))),
            v,
            r,
            s
        );
        _useCheckedNonce(signer, nonce);
        _delegate(signer, delegatee);
    }

    /// @notice The delegate `account` currently gives its voting power to.
    function delegates(address account) external view returns (address) {
        return _accounts[account].delegatee;
    }

    /// @notice The votes `account` has now: the matured stake delegated to it.
    function getVotes(address account) external view returns (uint256) {
        return _votesAt(_delegateVotes[account], _delegatePresent[account], clock());
    }

    /// @notice The votes `account` had at `timepoint` (a past unix timestamp); exact, O(log n).
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return _votesAt(_delegateVotes[account], _delegatePresent[account], _validatePast(timepoint));
    }

    /// @notice The matured stake of everyone at `timepoint` (a past unix timestamp): the base of quorums.
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _votesAt(_totalVotes, _totalPresent, _validatePast(timepoint));
    }

    /// @notice The clock of the checkpoints: unix seconds (ERC-6372).
    function clock() public view returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 description of the clock.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStaking
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IStaking
    function minStakePeriod() external view returns (uint64) {
        return _minStakePeriod;
    }

    /// @inheritdoc IStaking
    function stakedBalanceOf(address account) external view returns (uint256) {
        return _accounts[account].balance;
    }

    /// @inheritdoc IStaking
    function maturedBalanceOf(address account) public view returns (uint256) {
        // Everything not still maturing: stake is only ever withdrawn from the matured part.
        Checkpoints.Trace208 storage maturity = _accountMaturity[account];
        uint256 maturing = maturity.latest() - maturity.upperLookupRecent(clock());
        return _accounts[account].balance - maturing;
    }

    /// @inheritdoc IStaking
    function maturesAt(address account) external view returns (uint256) {
        (, uint48 key, ) = _accountMaturity[account].latestCheckpoint();
        return key;
    }

    /// @inheritdoc IStaking
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    // ---------------------------------------------------------------- internals

    function _stake(address account, uint256 amount) private returns (uint256) {
        if (amount == 0) revert StakingZeroAmount();
        Account memory state = _accounts[account];
        address delegatee = state.delegatee;
        if (delegatee == address(0)) {
            delegatee = account;
            state.delegatee = account;
            emit DelegateChanged(account, address(0), account);
            // A balance here was delegated to nobody (only possible once all of it had matured): it now counts for
            // the account too, or a later move or unstake of the whole balance would take votes it never had.
            if (state.balance != 0) _moveVotes(account, state.balance, true);
        }
        state.balance += amount.toUint96();
        _accounts[account] = state;

        uint48 maturity = clock() + uint48(_minStakePeriod) + 1;
        if (maturity < _lastMaturity) maturity = _lastMaturity;
        _lastMaturity = maturity;

        _totalStaked += amount;
        _pushAt(_accountMaturity[account], maturity, amount);
        _pushAt(_delegateVotes[delegatee], maturity, amount);
        _pushAt(_totalVotes, maturity, amount);

        emit Staked(account, amount, maturity);
        _token.safeTransferFrom(account, address(this), amount);
        return maturity;
    }

    function _delegate(address account, address delegatee) private {
        Account storage state = _accounts[account];
        address previous = state.delegatee;
        if (previous == delegatee) {
            emit DelegateChanged(account, previous, delegatee);
            return;
        }
        _requireNothingMaturing(account, previous);

        state.delegatee = delegatee;
        emit DelegateChanged(account, previous, delegatee);

        // All of the balance has matured, so it moves as one present-time amount.
        uint256 amount = state.balance;
        if (amount == 0) return;
        if (previous != address(0)) _moveVotes(previous, amount, false);
        if (delegatee != address(0)) _moveVotes(delegatee, amount, true);
    }

    /// @dev Reverts if part of `account`'s stake is still maturing. Its maturing stake sits in its delegate's trace under
    /// a future key, so a delegate whose trace has no future key proves it without reading the account's own trace.
    function _requireNothingMaturing(address account, address delegatee) private view {
        uint48 now_ = clock();
        if (delegatee != address(0)) {
            (, uint48 delegateKey, ) = _delegateVotes[delegatee].latestCheckpoint();
            if (delegateKey <= now_) return;
        }
        (, uint48 key, ) = _accountMaturity[account].latestCheckpoint();
        if (key > now_) revert StakingDelegateWhileMaturing(account, key);
    }

    /// @dev Adds or removes `amount` of `delegatee`'s votes now and announces the change.
    function _moveVotes(address delegatee, uint256 amount, bool add) private {
        uint256 before = _pushNow(_delegateVotes[delegatee], _delegatePresent[delegatee], amount, add);
        emit DelegateVotesChanged(delegatee, before, add ? before + amount : before - amount);
    }

    /// @dev Records a stake of `amount` that counts from `key` on (a maturity time, never below the latest key).
    function _pushAt(Checkpoints.Trace208 storage trace, uint48 key, uint256 amount) private {
        uint208 delta = amount.toUint208();
        uint208 next;
        // Wrapping on purpose: traces hold signed running sums modulo 2^208 (see the contract header).
        unchecked {
            next = trace.latest() + delta;
        }
        trace.push(key, next);
    }

    /// @dev Records an immediate change of `amount` and returns the votes just before it. It goes into `votes` unless
    /// that trace has a future key, in which case it goes into `present`.
    function _pushNow(
        Checkpoints.Trace208 storage votes,
        Checkpoints.Trace208 storage present,
        uint256 amount,
        bool add
    ) private returns (uint256 before) {
        uint48 now_ = clock();
        uint208 delta = amount.toUint208();
        (bool exists, uint48 key, uint208 latest) = votes.latestCheckpoint();
        uint208 other;
        // Wrapping on purpose: traces hold signed running sums modulo 2^208 (see the contract header).
        unchecked {
            if (!exists || key <= now_) {
                other = present.latest();
                votes.push(now_, add ? latest + delta : latest - delta);
                return latest + other;
            }
            latest = votes.upperLookupRecent(now_);
            other = present.latest();
            present.push(now_, add ? other + delta : other - delta);
            return latest + other;
        }
    }

    function _votesAt(
        Checkpoints.Trace208 storage votes,
        Checkpoints.Trace208 storage present,
        uint48 timepoint
    ) private view returns (uint256) {
        // Wrapping on purpose: the true sum is in [0, total supply], so the sum modulo 2^208 is exact.
        unchecked {
            return votes.upperLookupRecent(timepoint) + present.upperLookupRecent(timepoint);
        }
    }

    function _validatePast(uint256 timepoint) private view returns (uint48) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert StakingFutureLookup(timepoint, now_);
        return uint48(timepoint);
    }

    function _setMinStakePeriod(uint64 period) private {
        if (period < MIN_STAKE_PERIOD_FLOOR || period > MIN_STAKE_PERIOD_CEILING) {
            revert StakingPeriodOutOfBounds(period, MIN_STAKE_PERIOD_FLOOR, MIN_STAKE_PERIOD_CEILING);
        }
        uint64 old = _minStakePeriod;
        _minStakePeriod = period;
        emit MinStakePeriodSet(old, period);
    }
}
