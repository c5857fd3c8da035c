// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVenturePriceSource} from "./IVenturePriceSource.sol";

/**
 * @title IVentureFund
 * @notice The venture template's fund: investment rounds with their own cap table and balance book, deposits of
 * allow-listed tokens valued by a price source, an ERC-721 receipt per deposit, investments into AI DAOs and other
 * actions with a round's assets decided by the venture governance, and pro-rata earnings per receipt.
 */
interface IVentureFund {
    /// @notice Where a round is in its life. Open: takes deposits until `closesAt` (deposits are final).
    /// Locked: deposits closed, nothing invested yet. Investing: governance has acted with the round's assets.
    /// Distributing: from `unlocksAt` on, what the round holds is distributed and receipts claim it.
    enum RoundState {
        Open,
        Locked,
        Investing,
        Distributing
    }

    /// @notice A round: its cap and raised value (the cap table's total), and its schedule.
    struct Round {
        uint128 cap; // in value units (18 decimals)
        uint128 raised; // Σ value of its live receipts
        uint64 closesAt; // deposits are accepted while block.timestamp < closesAt
        uint64 unlocksAt; // earnings are claimable from this timestamp on
        bool invested; // governance has acted with its assets
    }

    /// @notice How an accepted token is valued.
    struct TokenConfig {
        bool accepted;
        uint8 decimals;
        uint32 maxAge; // a price older than this (seconds) refuses deposits
        IVenturePriceSource source; // address(0): the governance-set price below
        uint64 updatedAt; // when governance last set `price`
        uint192 price; // governance-set value of one whole token (18 decimals)
    }

    /// @notice An investment decided by the venture governance: `amount` of `payToken` from the round goes to the
    /// treasury of AI DAO `daoId`; in the same transaction `receiveAmount` of `receiveToken` (its tokens or
    /// revenue-sharing tokens) is pulled from that DAO's executor (its timelock or Safe), which approved it: the
    /// exchange is atomic and both governances consent. The round is credited what arrived. `terms` is the deal's text or
    /// its URI.
    struct Investment {
        uint256 daoId;
        address payToken;
        uint256 amount;
        address receiveToken; // address(0) with receiveAmount 0: nothing is received now (terms say what follows)
        uint256 receiveAmount;
        string terms;
    }

    /// @notice One call the fund makes for a round (see {execute}).
    struct Call {
        address target;
        bytes data;
    }

    /// @notice Thrown when anyone but the venture governance's executor calls an executor-only function.
    error VentureFundNotExecutor(address caller);
    /// @notice Thrown for a round id that was never opened.
    error VentureFundUnknownRound(uint256 roundId);
    /// @notice Thrown when a round is not in a state that allows the call.
    error VentureFundWrongState(uint256 roundId, RoundState state);
    /// @notice Thrown when a round's schedule or cap cannot be used.
    error VentureFundInvalidRound(uint256 cap, uint256 closesAt, uint256 unlocksAt);
    /// @notice Thrown for a deposit in a token governance has not accepted.
    error VentureFundTokenNotAccepted(address token);
    /// @notice Thrown when a round is funded in a token the fund does not book (see {VentureFund-fund}).
    error VentureFundUnknownToken(address token);
    /// @notice Thrown when a token cannot be accepted (no decimals, too many decimals, or zero max age).
    error VentureFundInvalidToken(address token);
    /// @notice Thrown when the token's price is older than its maximum age (or was never set).
    error VentureFundStalePrice(address token, uint256 updatedAt, uint256 maxAge);
    /// @notice Thrown when the token's price is zero.
    error VentureFundZeroPrice(address token);
    /// @notice Thrown when a deposit would take the round's raised value above its cap.
    error VentureFundCapExceeded(uint256 roundId, uint256 raisedAfter, uint256 cap);
    /// @notice Thrown when a deposit is worth less than the depositor's minimum (or nothing at all).
    error VentureFundValueTooLow(uint256 value, uint256 minValue);
    /// @notice Thrown when a transfer into the fund credits nothing.
    error VentureFundReceivedTooLittle(address token, uint256 received, uint256 required);
    /// @notice Thrown when a round would spend more of a token than its balance book holds.
    error VentureFundInsufficientAssets(uint256 roundId, address token, uint256 held, uint256 needed);
    /// @notice Thrown when a round's action lowered the fund's balance of a token it did not name.
    error VentureFundForeignAssets(address token, uint256 before, uint256 afterwards);
    /// @notice Thrown when {execute} targets the fund itself or its receipts.
    error VentureFundForbiddenTarget(address target);
    /// @notice Thrown when a round with no receipts is asked to distribute.
    error VentureFundEmptyRound(uint256 roundId);
    /// @notice Thrown for a zero amount or address where one is needed.
    error VentureFundZeroInput();

    /// @notice Emitted when governance opens a round.
    event RoundOpened(uint256 indexed roundId, uint256 cap, uint64 closesAt, uint64 unlocksAt);
    /// @notice Emitted when governance accepts (or re-configures) a deposit token.
    event TokenAccepted(address indexed token, IVenturePriceSource source, uint32 maxAge, uint8 decimals);
    /// @notice Emitted when governance removes a token from the allow-list.
    event TokenRefused(address indexed token);
    /// @notice Emitted when governance sets a token's price.
    event PriceSet(address indexed token, uint256 price);
    /// @notice Emitted for every deposit: its receipt, what was credited and its value.
    event Deposited(
        uint256 indexed roundId,
        uint256 indexed receiptId,
        address indexed depositor,
        address token,
        uint256 amount,
        uint256 value
    );
    /// @notice Emitted when a round's assets go into an AI DAO.
    event Invested(
        uint256 indexed roundId,
        uint256 indexed daoId,
        address payToken,
        uint256 amount,
        address receiveToken,
        uint256 received,
        string terms
    );
    /// @notice Emitted for every token whose round balance an {execute} changed.
    event RoundAssetsMoved(uint256 indexed roundId, address indexed token, uint256 spent, uint256 received);
    /// @notice Emitted when someone adds assets (earnings) to a round.
    event RoundFunded(uint256 indexed roundId, address indexed token, address indexed from, uint256 amount);
    /// @notice Emitted when a round's holdings of a token become claimable by its receipts.
    event Distributed(uint256 indexed roundId, address indexed token, uint256 amount);
    /// @notice Emitted when a receipt's earnings in a token are paid to its holder.
    event Claimed(uint256 indexed receiptId, address indexed token, address indexed to, uint256 amount);
}
