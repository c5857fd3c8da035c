// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ITreasury} from "./ITreasury.sol";

/**
 * @title Treasury
 * @notice The AIDAO treasury (see {ITreasury}). Owned by governance (the timelock).
 * @dev ERC20 income counts only through {deposit}; tokens transferred directly (such as the initial 16%
 * allocation) are holdings, not income. Plain ETH transfers are income of source `Other`.
 *
 * Invariant: every inflow of `amount` sends at least ceil(amount * MIN_EDUCATION_BPS / 10_000) to the EducationFund.
 * Invariant: in every window the Safe spends at most its limit for each token.
 * Invariant: educationBps() is always in [MIN_EDUCATION_BPS, 10_000].
 */
contract Treasury is ITreasury, Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITreasury
    uint16 public constant MIN_EDUCATION_BPS = 800;
    uint16 private constant BPS = 10_000;

    address private immutable _educationFund;
    uint16 private _educationBps;
    address private _safe;
    mapping(address token => SpendingLimit) private _limits;

    modifier onlySafe() {
        if (msg.sender != _safe || msg.sender == address(0)) revert TreasuryNotSafe(msg.sender);
        _;
    }

    /// @param owner_ Governance (the timelock).
    /// @param educationFund_ The EducationFund.
    /// @param educationBps_ The initial education rate, at least MIN_EDUCATION_BPS.
    /// @param safe_ The Safe multisig allowed to spend within limits (address(0): none yet).
    constructor(address owner_, address educationFund_, uint16 educationBps_, address safe_) Ownable(owner_) {
        if (educationFund_ == address(0)) revert TreasuryZeroAddress();
        _educationFund = educationFund_;
        _setEducationBps(educationBps_);
        _setSafe(safe_);
    }

    /// @notice Plain ETH transfers are income too (source `Other`), so they are routed like any other.
    receive() external payable {
        _routeETH(IncomeSource.Other);
    }

    /// @inheritdoc ITreasury
    function deposit(
        IERC20 token,
        uint256 amount,
        IncomeSource source
    ) external nonReentrant returns (uint256 received) {
        if (amount == 0) revert TreasuryZeroAmount();
        if (address(token) == address(0)) revert TreasuryZeroAddress();
        // Credit what actually arrived, so fee-on-transfer tokens are routed on their real amount.
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
        uint256 share = _educationShare(received);
        if (share > 0) token.safeTransfer(_educationFund, share);
        emit IncomeReceived(address(token), msg.sender, source, received, share);
    }

    /// @inheritdoc ITreasury
    function depositETH(IncomeSource source) external payable nonReentrant {
        _routeETH(source);
    }

    /// @inheritdoc ITreasury
    function spend(address token, address to, uint256 amount) external onlyOwner nonReentrant {
        _pay(token, to, amount);
        emit Spent(token, to, amount, false);
    }

    /// @inheritdoc ITreasury
    function safeSpend(address token, address to, uint256 amount) external onlySafe nonReentrant {
        SpendingLimit memory limit = _currentLimit(token);
        uint256 remaining = limit.amount - limit.spent;
        if (amount > remaining) revert TreasurySpendingLimitExceeded(token, amount, remaining);
        limit.spent += uint128(amount); // amount <= remaining < 2^128
        _limits[token] = limit;
        _pay(token, to, amount);
        emit Spent(token, to, amount, true);
    }

    /// @inheritdoc ITreasury
    function setEducationBps(uint16 bps) external onlyOwner {
        _setEducationBps(bps);
    }

    /// @inheritdoc ITreasury
    function setSafe(address safe_) external onlyOwner {
        _setSafe(safe_);
    }

    /// @inheritdoc ITreasury
    function setSpendingLimit(address token, uint128 amount, uint48 period) external onlyOwner {
        if (amount > 0 && period == 0) revert TreasuryInvalidPeriod(token);
        // A new limit starts a fresh window now.
        _limits[token] = SpendingLimit({
            amount: amount,
            period: period,
            windowStart: uint48(block.timestamp),
            spent: 0
        });
        emit SpendingLimitSet(token, amount, period);
    }

    /// @inheritdoc ITreasury
    function educationBps() external view returns (uint16) {
        return _educationBps;
    }

    /// @inheritdoc ITreasury
    function educationFund() external view returns (address) {
        return _educationFund;
    }

    /// @inheritdoc ITreasury
    function safe() external view returns (address) {
        return _safe;
    }

    /// @inheritdoc ITreasury
    function spendingLimit(address token) external view returns (SpendingLimit memory) {
        return _currentLimit(token);
    }

    /// @inheritdoc ITreasury
    function remainingAllowance(address token) external view returns (uint256) {
        SpendingLimit memory limit = _currentLimit(token);
        return limit.amount - limit.spent;
    }

    function _routeETH(IncomeSource source) private {
        if (msg.value == 0) revert TreasuryUnexpectedValue(0);
        uint256 share = _educationShare(msg.value);
        if (share > 0) Address.sendValue(payable(_educationFund), share);
        emit IncomeReceived(address(0), msg.sender, source, msg.value, share);
    }

    function _pay(address token, address to, uint256 amount) private {
        if (amount == 0) revert TreasuryZeroAmount();
        if (to == address(0)) revert TreasuryZeroAddress();
        if (token == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(token).safeTransfer(to, amount);
    }

    /// @dev Rounds up, so the fund never gets less than the rate promises.
    function _educationShare(uint256 amount) private view returns (uint256) {
        return Math.mulDiv(amount, _educationBps, BPS, Math.Rounding.Ceil);
    }

    /// @dev The limit with its window rolled forward to the one containing now (windows are aligned to the
    /// limit's start, so they never drift).
    function _currentLimit(address token) private view returns (SpendingLimit memory limit) {
        limit = _limits[token];
        if (limit.period == 0) return limit;
        uint256 elapsed = block.timestamp - limit.windowStart;
        if (elapsed >= limit.period) {
            limit.windowStart += uint48(elapsed - (elapsed % limit.period));
            limit.spent = 0;
        }
    }

    function _setEducationBps(uint16 bps) private {
        if (bps < MIN_EDUCATION_BPS || bps > BPS) revert TreasuryEducationBpsOutOfRange(bps);
        uint16 old = _educationBps;
        _educationBps = bps;
        emit EducationBpsSet(old, bps);
    }

    function _setSafe(address safe_) private {
        address old = _safe;
        _safe = safe_;
        emit SafeSet(old, safe_);
    }
}
