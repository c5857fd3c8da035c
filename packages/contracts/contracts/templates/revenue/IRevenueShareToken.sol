// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IRevenueShareToken
 * @notice The token of a revenue-sharing AI DAO: a fixed-supply ERC20 with votes (ERC-5805, timestamp clock) and
 * permit (ERC-2612) whose holders share every revenue distributed to it, pro rata to their balances at the moment of
 * the distribution. Revenue is paid in any number (at most `MAX_PAYOUT_TOKENS`) of ERC20 payout tokens, each with
 * its own accumulator; holders claim whenever they like, at a cost that does not depend on the number of holders.
 * Used through EIP-1167 clones of one implementation, each set up by {initialize}.
 */
interface IRevenueShareToken {
    /// @notice Thrown when {initialize} is given no holders.
    error RevenueShareTokenNoHolders();

    /// @notice Thrown when {initialize} is given arrays of different lengths.
    /// @param holders The number of holders.
    /// @param amounts The number of amounts.
    error RevenueShareTokenLengthMismatch(uint256 holders, uint256 amounts);

    /// @notice Thrown when an initial holder is the zero address.
    /// @param index Its position in the holders array.
    error RevenueShareTokenZeroHolder(uint256 index);

    /// @notice Thrown when an initial holder is given no tokens.
    /// @param holder The holder.
    error RevenueShareTokenZeroInitialAmount(address holder);

    /// @notice Thrown when {initialize} is given the zero address as distributor admin.
    error RevenueShareTokenZeroDistributorAdmin();

    /// @notice Thrown when a distribution credits nothing (nothing requested, or nothing arrived).
    error RevenueShareTokenZeroAmount();

    /// @notice Thrown when the payout token is the zero address or this token itself.
    /// @param token The rejected payout token.
    error RevenueShareTokenInvalidPayoutToken(address token);

    /// @notice Thrown when a distribution would register a payout token beyond `MAX_PAYOUT_TOKENS`.
    /// @param token The payout token that does not fit.
    error RevenueShareTokenTooManyPayoutTokens(address token);

    /// @notice Thrown when someone other than the distributor admin makes the first distribution of a payout token
    /// (which registers it).
    /// @param caller Who called.
    /// @param token The payout token that is not registered yet.
    error RevenueShareTokenNotDistributorAdmin(address caller, address token);

    /// @notice Thrown when the total ever distributed in a payout token would exceed `MAX_TOTAL_DISTRIBUTED`.
    /// @param token The payout token.
    /// @param total The total it would reach.
    error RevenueShareTokenDistributionCapExceeded(address token, uint256 total);

    /// @notice Emitted for every distribution, after the revenue was received and credited.
    /// @param token The payout token.
    /// @param from Who paid.
    /// @param amount The amount credited to holders (as measured by balance, so fee-on-transfer tokens are exact).
    /// @param accPerShare The token's revenue per share after this distribution, scaled by `PRECISION`.
    event RevenueDistributed(address indexed token, address indexed from, uint256 amount, uint256 accPerShare);

    /// @notice Emitted for every claim that pays something, after the payout was sent.
    /// @param account Who was paid.
    /// @param token The payout token.
    /// @param amount The amount sent (a fee-on-transfer token may deliver less).
    event RevenueClaimed(address indexed account, address indexed token, uint256 amount);

    /// @notice Sets up a clone: mints the whole, fixed supply to `holders` (never minted again) and records the
    /// distributor admin. Callable once; the implementation itself cannot be initialized.
    /// @dev Holders have no votes until they delegate (to themselves or to anyone), as with any ERC20Votes token.
    /// @param name_ The token name, also the EIP-712 domain name (version "1", verifying contract: the clone).
    /// @param symbol_ The token symbol.
    /// @param holders The initial holders (non-zero; a repeated holder gets the sum of its amounts).
    /// @param amounts What each holder gets (non-zero); their sum is the supply, at most `PRECISION`.
    /// @param distributorAdmin_ Who may register new payout tokens (in practice the DAO's treasury).
    function initialize(
        string calldata name_,
        string calldata symbol_,
        address[] calldata holders,
        uint256[] calldata amounts,
        address distributorAdmin_
    ) external;

    /// @notice Pulls `amount` of `payoutToken` from the caller (who must have approved it) and shares what actually
    /// arrived among all holders, pro rata to their balances now. Anyone may distribute a registered payout token;
    /// the first distribution of a token registers it and only the distributor admin may make it.
    /// @return received The amount credited to holders.
    function distribute(IERC20 payoutToken, uint256 amount) external returns (uint256 received);

    /// @notice Pays the caller everything it has accrued in `payoutToken` (0 pays nothing and does not revert).
    /// @return amount The amount sent.
    function claim(IERC20 payoutToken) external returns (uint256 amount);

    /// @notice Pays `account` everything it has accrued in `payoutToken`; anyone may trigger it.
    /// @return amount The amount sent.
    function claimFor(address account, IERC20 payoutToken) external returns (uint256 amount);

    /// @notice What `account` would be paid by claiming `payoutToken` now.
    function claimable(address account, IERC20 payoutToken) external view returns (uint256);

    /// @notice The registered payout tokens, in registration order.
    function payoutTokens() external view returns (IERC20[] memory);

    /// @notice The total credited to holders in `payoutToken` (the sum of the amounts received).
    function totalDistributed(IERC20 payoutToken) external view returns (uint256);

    /// @notice The total paid out by claims in `payoutToken`.
    function totalClaimed(IERC20 payoutToken) external view returns (uint256);

    /// @notice Who may register new payout tokens.
    function distributorAdmin() external view returns (address);

    /// @notice The most payout tokens a clone can have (every transfer settles each of them).
    function MAX_PAYOUT_TOKENS() external view returns (uint256);

    /// @notice The scale of the per-share accumulators, also the cap on the total supply (1e36).
    function PRECISION() external view returns (uint256);

    /// @notice The most that can ever be distributed in one payout token (keeps every accumulator product within
    /// 256 bits, so transfers can never overflow).
    function MAX_TOTAL_DISTRIBUTED() external view returns (uint256);
}
