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
 * starts counting later, at a time when no transaction happens. So a delegate's votes at timepoint `t` are the sum
 * of two checkpointed traces, each read in O(log n):
 *  - `maturity`: the cumulative amount staked to the delegate, keyed by the time each stake matures. Keys may lie in
 *    the future; they never decrease because every stake matures no earlier than any stake before it.
 *  - `net`: the cumulative effect of everything else (delegation in and out, unstaking), keyed by the time it
 *    happened. It can be negative, so it is stored modulo 2^208 and added with wrapping arithmetic; the true sum is
 *    always in [0, total supply], so the wrapped sum is exact.
 * The same pair of traces, for everyone, gives the matured total supply that quorums are computed from.
 *
 * Rules: a stake made at time `s` counts at every timepoint `t > s + period` (strictly longer than the period:
 * `maturesAt = s + period + 1`) and cannot be withdrawn before then; unstaking returns exactly the principal;
 * an account with maturing stake cannot change its delegate (its maturing stake is already scheduled for the current
 * delegate); the first stake of an account without a delegate delegates to itself.
 *
 * Invariant: totalStaked() == the sum of stakedBalanceOf(all accounts) == this contract's AIDAO balance.
 * Invariant: the sum of getVotes(all delegates) == getPastTotalSupply(now) <= the sum of maturedBalanceOf(all).
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

    struct Account {
        address delegatee;
        /// @dev When the latest stake of this account matures (its last `_accountMaturity` key).
        uint48 maturesAt;
    }

    mapping(address account => Account) private _accounts;
    mapping(address account => uint256) private _balances;
    /// @dev Cumulative amount staked by the account, keyed by maturity time.
    mapping(address account => Checkpoints.Trace208) private _accountMaturity;
    mapping(address delegatee => Checkpoints.Trace208) private _delegateMaturity;
    /// @dev Cumulative (delegated in - delegated out - unstaked), modulo 2^208.
    mapping(address delegatee => Checkpoints.Trace208) private _delegateNet;
    Checkpoints.Trace208 private _totalMaturity;
    Checkpoints.Trace208 private _totalNet;

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

        _balances[account] -= amount;
        _totalStaked -= amount;
        address delegatee = _accounts[account].delegatee;
        if (delegatee != address(0)) _moveNet(delegatee, amount, false);
        _pushNet(_totalNet, amount, false);

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
        return _votesAt(_delegateMaturity[account], _delegateNet[account], clock());
    }

    /// @notice The votes `account` had at `timepoint` (a past unix timestamp); exact, O(log n).
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return _votesAt(_delegateMaturity[account], _delegateNet[account], _validatePast(timepoint));
    }

    /// @notice The matured stake of everyone at `timepoint` (a past unix timestamp): the base of quorums.
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _votesAt(_totalMaturity, _totalNet, _validatePast(timepoint));
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
        return _balances[account];
    }

    /// @inheritdoc IStaking
    function maturedBalanceOf(address account) public view returns (uint256) {
        // Everything not still maturing: stake is only ever withdrawn from the matured part.
        Checkpoints.Trace208 storage maturity = _accountMaturity[account];
        uint256 maturing = maturity.latest() - maturity.upperLookupRecent(clock());
        return _balances[account] - maturing;
    }

    /// @inheritdoc IStaking
    function maturesAt(address account) external view returns (uint256) {
        return _accounts[account].maturesAt;
    }

    /// @inheritdoc IStaking
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    // ---------------------------------------------------------------- internals

    function _stake(address account, uint256 amount) private returns (uint256) {
        if (amount == 0) revert StakingZeroAmount();
        Account storage state = _accounts[account];
        address delegatee = state.delegatee;
        if (delegatee == address(0)) {
            delegatee = account;
            state.delegatee = account;
            emit DelegateChanged(account, address(0), account);
        }

        uint48 maturity = clock() + uint48(_minStakePeriod) + 1;
        if (maturity < _lastMaturity) maturity = _lastMaturity;
        _lastMaturity = maturity;
        state.maturesAt = maturity;

        _balances[account] += amount;
        _totalStaked += amount;
        _pushMaturity(_accountMaturity[account], maturity, amount);
        _pushMaturity(_delegateMaturity[delegatee], maturity, amount);
        _pushMaturity(_totalMaturity, maturity, amount);

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
        uint48 matures = state.maturesAt;
        if (matures > clock()) revert StakingDelegateWhileMaturing(account, matures);

        state.delegatee = delegatee;
        emit DelegateChanged(account, previous, delegatee);

        // All of the balance has matured, so it moves as one present-time amount.
        uint256 amount = _balances[account];
        if (amount == 0) return;
        if (previous != address(0)) _moveNet(previous, amount, false);
        if (delegatee != address(0)) _moveNet(delegatee, amount, true);
    }

    /// @dev Adds or removes `amount` of present votes for `delegatee` and announces the change.
    function _moveNet(address delegatee, uint256 amount, bool add) private {
        uint256 before = _votesAt(_delegateMaturity[delegatee], _delegateNet[delegatee], clock());
        _pushNet(_delegateNet[delegatee], amount, add);
        emit DelegateVotesChanged(delegatee, before, add ? before + amount : before - amount);
    }

    function _pushMaturity(Checkpoints.Trace208 storage trace, uint48 key, uint256 amount) private {
        trace.push(key, trace.latest() + amount.toUint208());
    }

    function _pushNet(Checkpoints.Trace208 storage trace, uint256 amount, bool add) private {
        uint208 delta = amount.toUint208();
        uint208 latest = trace.latest();
        uint208 next;
        // Wrapping on purpose: `net` is a signed quantity stored modulo 2^208 (see the contract header).
        unchecked {
            next = add ? latest + delta : latest - delta;
        }
        trace.push(clock(), next);
    }

    function _votesAt(
        Checkpoints.Trace208 storage maturity,
        Checkpoints.Trace208 storage net,
        uint48 timepoint
    ) private view returns (uint256) {
        // Wrapping on purpose: the true sum is in [0, total supply], so the sum modulo 2^208 is exact.
        unchecked {
            return maturity.upperLookupRecent(timepoint) + net.upperLookupRecent(timepoint);
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
