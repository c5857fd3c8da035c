// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title ITreasury
 * @notice The AIDAO treasury: receives every protocol income, routes at least 8% of each inflow to the
 * EducationFund in the same transaction, and spends only by governance (the timelock) or by the Safe multisig
 * within per-token, per-period limits that governance sets. `address(0)` stands for ETH wherever a token is named.
 */
interface ITreasury {
    /// @notice Where an income comes from.
    enum IncomeSource {
        ProtocolFee,
        Donation,
        TokenSale,
        Other
    }

    /// @notice A Safe spending limit for one token.
    /// @param amount The most the Safe may spend per window.
    /// @param period The window length in seconds.
    /// @param spent What the Safe spent in the current window.
    /// @param windowStart When the current window started.
    struct SpendingLimit {
        uint128 amount;
        uint48 period;
        uint48 windowStart;
        uint128 spent;
    }

    /// @notice Thrown when an income or a spend of zero is requested.
    error TreasuryZeroAmount();

    /// @notice Thrown when an address argument is zero where it cannot be.
    error TreasuryZeroAddress();

    /// @notice Thrown when governance sets an education rate below the floor or above 100%.
    /// @param bps The rejected rate in basis points.
    error TreasuryEducationBpsOutOfRange(uint256 bps);

    /// @notice Thrown when someone other than the Safe calls a Safe-only function.
    /// @param caller Who called.
    error TreasuryNotSafe(address caller);

    /// @notice Thrown when a Safe spend exceeds what is left of its limit in the current window.
    /// @param token The token.
    /// @param requested The amount asked for.
    /// @param remaining What the Safe may still spend in this window.
    error TreasurySpendingLimitExceeded(address token, uint256 requested, uint256 remaining);

    /// @notice Thrown when a spending limit has a zero period but a non-zero amount.
    /// @param token The token.
    error TreasuryInvalidPeriod(address token);

    /// @notice Thrown when ETH sent with `depositETH` is zero or ETH is attached to an ERC20 deposit.
    error TreasuryUnexpectedValue(uint256 value);

    /// @notice Emitted for every inflow, after the education share was routed.
    /// @param token The token received (address(0) for ETH).
    /// @param from Who paid.
    /// @param source What kind of income it is.
    /// @param amount The amount received (as measured by balance, so fee-on-transfer tokens are exact).
    /// @param educationShare The part forwarded to the EducationFund.
    event IncomeReceived(
        address indexed token,
        address indexed from,
        IncomeSource indexed source,
        uint256 amount,
        uint256 educationShare
    );

    /// @notice Emitted for every outflow.
    /// @param token The token spent (address(0) for ETH).
    /// @param to The recipient.
    /// @param amount The amount.
    /// @param bySafe True if the Safe spent it within its limit, false if governance did.
    event Spent(address indexed token, address indexed to, uint256 amount, bool bySafe);

    /// @notice Emitted when governance changes the education rate.
    event EducationBpsSet(uint16 oldBps, uint16 newBps);

    /// @notice Emitted when governance appoints a new Safe.
    event SafeSet(address oldSafe, address newSafe);

    /// @notice Emitted when governance sets the Safe's spending limit for `token`.
    event SpendingLimitSet(address indexed token, uint128 amount, uint48 period);

    /// @notice Records an ERC20 income of `amount` pulled from the caller (who must have approved it).
    /// @return received The amount actually received.
    function deposit(IERC20 token, uint256 amount, IncomeSource source) external returns (uint256 received);

    /// @notice Records the attached ETH as an income of the given source.
    function depositETH(IncomeSource source) external payable;

    /// @notice Governance spends `amount` of `token` (address(0): ETH) to `to`.
    function spend(address token, address to, uint256 amount) external;

    /// @notice The Safe spends `amount` of `token` (address(0): ETH) to `to`, within its limit.
    function safeSpend(address token, address to, uint256 amount) external;

    /// @notice Governance sets the share of every inflow routed to education; never below the floor.
    function setEducationBps(uint16 bps) external;

    /// @notice Governance appoints the Safe allowed to spend within limits (address(0) disables it).
    function setSafe(address safe) external;

    /// @notice Governance sets how much of `token` the Safe may spend per `period` seconds (amount 0 disables).
    function setSpendingLimit(address token, uint128 amount, uint48 period) external;

    /// @notice The floor of the education rate, in basis points (800 = 8%).
    function MIN_EDUCATION_BPS() external view returns (uint16);

    /// @notice The current education rate in basis points.
    function educationBps() external view returns (uint16);

    /// @notice The EducationFund that receives the education share.
    function educationFund() external view returns (address);

    /// @notice The Safe allowed to spend within limits.
    function safe() external view returns (address);

    /// @notice The Safe's limit for `token`, with `spent` and `windowStart` as of now.
    function spendingLimit(address token) external view returns (SpendingLimit memory);

    /// @notice What the Safe may still spend of `token` in the current window.
    function remainingAllowance(address token) external view returns (uint256);
}
