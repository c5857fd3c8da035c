// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IDAORegistry} from "../factory/IDAORegistry.sol";
import {IVentureFund} from "./IVentureFund.sol";
import {IVenturePriceSource} from "./IVenturePriceSource.sol";
import {VentureReceipts} from "./VentureReceipts.sol";

/**
 * @title VentureFund
 * @notice The venture template's fund (see {IVentureFund}). Deployed once as an implementation and used through
 * EIP-1167 clones that the venture setup initializes in the DAO's creation transaction.
 * @dev Shares are values, not balances: a receipt's share of its round is its value at deposit (amount × price of
 * the token) over the round's raised value, so a donation to a round (before or after its first deposit) never
 * changes anyone's share: it is earnings of the round's receipts, and there is no first-depositor inflation attack.
 * Earnings use a per-round, per-token accumulator: distributing `a` adds a·SCALE/raised to it, and a receipt of value
 * v may have claimed at most v·acc/SCALE in total. Claims are O(1) in the number of receipts. Deposits close before
 * anything can be invested or distributed, so the cap table is final by the first distribution: nobody joins a round
 * after its earnings started. Amounts are credited by the balance actually received (fee-on-transfer tokens are
 * credited what arrived); tokens whose balance can fall on its own (negative rebasing) must not be accepted.
 * A deposit is final: there is no withdrawal while the round is open, because a receipt votes from the next
 * timestamp on and a refundable deposit would be risk-free voting power (deposit, vote, take it back).
 * Every entry point that moves tokens or mints receipts is `nonReentrant`, and its state changes precede its calls.
 *
 * Invariant: for every round r, raised(r) == Σ value of r's live receipts <= cap(r).
 * Invariant: for every token t, Σ over rounds of (held + distributed − claimed) <= the fund's balance of t.
 * Invariant: for every round r and token t, Σ over r's receipts of claimed <= distributed(r, t) (dust stays).
 * Invariant: a round's assets only move by its own deposits, investments, executions, distributions and claims: an
 * execution for one round never lowers the fund's balance of a booked token it did not name, and leaves no allowance.
 * Tokens sent to the fund without {fund} belong to no round and are never paid out.
 */
contract VentureFund is IVentureFund, Initializable, ReentrancyGuardTransient {
    using EnumerableSet for EnumerableSet.AddressSet;
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The scale of the earnings accumulator (acc is earnings per value unit × SCALE).
    uint256 public constant SCALE = 1e27;

    /// @notice A round's book for one token.
    struct Book {
        uint128 held; // owned by the round, not yet distributed (investable)
        uint128 distributed; // made claimable to the round's receipts in total
        uint128 claimed; // paid to receipts in total
        uint256 acc; // distributed per value unit × SCALE
    }

    address private _executor;
    VentureReceipts private _receipts;
    IDAORegistry private _registry;
    uint256 private _roundCount;
    mapping(uint256 roundId => Round) private _rounds;
    mapping(uint256 roundId => mapping(address token => Book)) private _books;
    mapping(address token => TokenConfig) private _tokens;
    mapping(uint256 receiptId => mapping(address token => uint256)) private _claimedBy;
    /// @dev Every token any round ever booked: an execution checks the fund's balance of each of them.
    EnumerableSet.AddressSet private _booked;

    modifier onlyExecutor() {
        if (msg.sender != _executor) revert VentureFundNotExecutor(msg.sender);
        _;
    }

    /// @dev The implementation is never used directly: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Called once by the venture setup when the DAO is created.
    function initialize(address executor_, VentureReceipts receipts_, IDAORegistry registry_) external initializer {
        _executor = executor_;
        _receipts = receipts_;
        _registry = registry_;
    }

    // ------------------------------------------------------------------------------------------------ governance

    /// @notice Opens round `roundCount() + 1`: deposits until `closesAt`, claims from `unlocksAt`. Executor only.
    function openRound(uint128 cap, uint64 closesAt, uint64 unlocksAt) external onlyExecutor returns (uint256 roundId) {
        if (cap == 0 || closesAt <= block.timestamp || unlocksAt < closesAt) {
            revert VentureFundInvalidRound(cap, closesAt, unlocksAt);
        }
        roundId = ++_roundCount;
        _rounds[roundId] = Round({cap: cap, raised: 0, closesAt: closesAt, unlocksAt: unlocksAt, invested: false});
        emit RoundOpened(roundId, cap, closesAt, unlocksAt);
    }

    /// @notice Accepts `token` for deposits, valued by `source` (address(0): a price governance sets with
    /// {setPrice}); deposits refuse a price older than `maxAge` seconds. Re-accepting re-configures. Executor only.
    function acceptToken(address token, IVenturePriceSource source, uint32 maxAge) external onlyExecutor {
        if (token == address(0) || maxAge == 0) revert VentureFundInvalidToken(token);
        uint8 decimals;
        try IERC20Metadata(token).decimals() returns (uint8 d) {
            decimals = d;
        } catch {
            revert VentureFundInvalidToken(token);
        }
        // Receipts record amounts in 104 bits: beyond 24 decimals a deposit of a few tokens would not fit.
        if (decimals > 24) revert VentureFundInvalidToken(token);
        TokenConfig storage c = _tokens[token];
        c.accepted = true;
        c.decimals = decimals;
        c.maxAge = maxAge;
        c.source = source;
        _booked.add(token);
        emit TokenAccepted(token, source, maxAge, decimals);
    }

    /// @notice Removes `token` from the allow-list: no new deposits (rounds keep what they hold). Executor only.
    function refuseToken(address token) external onlyExecutor {
        if (!_tokens[token].accepted) revert VentureFundTokenNotAccepted(token);
        _tokens[token].accepted = false;
        emit TokenRefused(token);
    }

    /// @notice Sets the governance price of `token` (value of one whole token, 18 decimals), timestamped now.
    /// Executor only.
    function setPrice(address token, uint256 price_) external onlyExecutor {
        if (price_ == 0) revert VentureFundZeroPrice(token);
        TokenConfig storage c = _tokens[token];
        c.price = price_.toUint192();
        c.updatedAt = uint64(block.timestamp);
        emit PriceSet(token, price_);
    }

    /// @notice Invests a round's assets in an AI DAO from the factory (see {IVentureFund-Investment}): pays its
    /// treasury and, in the same transaction, pulls what the DAO's executor approved in exchange. Executor only; the
    /// round must be closed for deposits and not yet distributing.
    function invest(
        uint256 roundId,
        Investment calldata inv
    ) external onlyExecutor nonReentrant returns (uint256 received) {
        Round storage r = _investable(roundId);
        if (inv.amount == 0) revert VentureFundZeroInput();
        IDAORegistry.DAO memory dao = _registry.dao(inv.daoId);
        _debit(roundId, inv.payToken, inv.amount);
        r.invested = true;
        if (inv.receiveToken != address(0)) {
            if (inv.receiveAmount == 0) revert VentureFundZeroInput();
            received = _pull(inv.receiveToken, _registry.executorOf(inv.daoId), inv.receiveAmount);
            _booked.add(inv.receiveToken);
            _credit(roundId, inv.receiveToken, received);
        } else if (inv.receiveAmount != 0) {
            revert VentureFundZeroInput();
        }
        IERC20(inv.payToken).safeTransfer(dao.treasury, inv.amount);
        emit Invested(roundId, inv.daoId, inv.payToken, inv.amount, inv.receiveToken, received, inv.terms);
    }

    /// @notice Acts with a round's assets (e.g. approve a DEX router, add liquidity for an AI DAO token): makes
    /// `calls` from the fund, then books the change of the fund's balance of each of `tokens` to the round (what
    /// left is debited, at most what the round held; what came back is the round's). The fund's balance of every
    /// other token it books must not have decreased. A call to a booked token may only be `approve`, and every such
    /// allowance is reset to zero after the calls. Executor only; the round must be closed for deposits.
    function execute(
        uint256 roundId,
        Call[] calldata calls,
        address[] calldata tokens
    ) external onlyExecutor nonReentrant {
        Round storage r = _round(roundId);
        RoundState s = _state(r);
        if (s == RoundState.Open) revert VentureFundWrongState(roundId, s);
        for (uint256 i; i < tokens.length; ++i) _booked.add(tokens[i]);
        address[] memory watched = _booked.values();
        uint256[] memory before = new uint256[](watched.length);
        for (uint256 i; i < watched.length; ++i) before[i] = IERC20(watched[i]).balanceOf(address(this));
        r.invested = true;
        address[] memory approved = new address[](calls.length * 2); // (token, spender) pairs to reset
        uint256 approvals;
        for (uint256 i; i < calls.length; ++i) {
            address target = calls[i].target;
            if (target == address(this) || target == address(_receipts)) revert VentureFundForbiddenTarget(target);
            if (_booked.contains(target)) {
                // A booked token may only be approved, and only for these calls: a lingering allowance (or a plain
                // transfer) would move assets that no balance check below could attribute to the round.
                if (calls[i].data.length != 68 || bytes4(calls[i].data) != IERC20.approve.selector) {
                    revert VentureFundForbiddenTarget(target);
                }
                (approved[approvals * 2], approved[approvals * 2 + 1]) = (
                    target,
                    abi.decode(calls[i].data[4:36], (address))
                );
                ++approvals;
            }
            Address.functionCall(target, calls[i].data);
        }
        for (uint256 i; i < approvals; ++i) IERC20(approved[i * 2]).forceApprove(approved[i * 2 + 1], 0);
        for (uint256 i; i < watched.length; ++i) {
            uint256 afterwards = IERC20(watched[i]).balanceOf(address(this));
            if (_contains(tokens, watched[i])) {
                if (afterwards < before[i]) _debit(roundId, watched[i], before[i] - afterwards);
                else if (afterwards > before[i]) _credit(roundId, watched[i], afterwards - before[i]);
                emit RoundAssetsMoved(
                    roundId,
                    watched[i],
                    before[i] > afterwards ? before[i] - afterwards : 0,
                    afterwards > before[i] ? afterwards - before[i] : 0
                );
            } else if (afterwards < before[i]) {
                revert VentureFundForeignAssets(watched[i], before[i], afterwards);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ investors

    /// @notice Deposits `amount` of an accepted `token` into open round `roundId` and mints the caller a receipt of
    /// the value credited: what actually arrived × the token's current price. Reverts if the price is stale, the value
    /// is below `minValue` (slippage guard) or the round's cap would be exceeded.
    function deposit(
        uint256 roundId,
        address token,
        uint256 amount,
        uint256 minValue
    ) external nonReentrant returns (uint256 receiptId) {
        (uint256 received, uint256 value) = _book(roundId, token, amount, minValue);
        receiptId = _receipts.mint(
            msg.sender,
            VentureReceipts.Receipt({
                token: token,
                roundId: uint32(roundId),
                amount: uint128(received),
                value: uint128(value)
            })
        );
        emit Deposited(roundId, receiptId, msg.sender, token, received, value);
    }

    /// @notice Pays the holder of `receiptId` its unclaimed share of each of `tokens` distributed by its round.
    /// Anyone may trigger it (the holder is paid); claiming again pays only what was distributed since.
    function claim(uint256 receiptId, address[] calldata tokens) external nonReentrant returns (uint256[] memory paid) {
        (address holder, uint32 roundId, uint256 value) = _receipts.holderAndValue(receiptId);
        RoundState s = _state(_rounds[roundId]);
        if (s != RoundState.Distributing) revert VentureFundWrongState(roundId, s);
        paid = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            address token = tokens[i];
            Book storage b = _books[roundId][token];
            uint256 entitled = Math.mulDiv(value, b.acc, SCALE);
            uint256 owed = entitled - _claimedBy[receiptId][token];
            if (owed == 0) continue;
            _claimedBy[receiptId][token] = entitled;
            b.claimed += uint128(owed);
            paid[i] = owed;
            IERC20(token).safeTransfer(holder, owed);
            emit Claimed(receiptId, token, holder, owed);
        }
    }

    /// @notice Adds `amount` of `token` to round `roundId`'s assets (revenue, sale proceeds, a donation): credited by
    /// what arrived. Anyone may fund a round, in a token the fund books (accepted, or received by governance); it
    /// becomes its receipts' earnings when distributed.
    function fund(uint256 roundId, address token, uint256 amount) external nonReentrant returns (uint256 received) {
        _round(roundId);
        if (amount == 0) revert VentureFundZeroInput();
        // Only tokens the fund already books: each is watched by every execution, so anyone adding junk tokens
        // (or one whose balanceOf reverts) could otherwise make governance's executions expensive or impossible.
        if (!_booked.contains(token)) revert VentureFundUnknownToken(token);
        received = _pull(token, msg.sender, amount);
        _credit(roundId, token, received);
        emit RoundFunded(roundId, token, msg.sender, received);
    }

    /// @notice Makes everything round `roundId` holds of `token` claimable by its receipts, pro rata to value.
    /// Anyone may call it once the round is distributing.
    function distribute(uint256 roundId, address token) external returns (uint256 amount) {
        Round storage r = _round(roundId);
        RoundState s = _state(r);
        if (s != RoundState.Distributing) revert VentureFundWrongState(roundId, s);
        if (r.raised == 0) revert VentureFundEmptyRound(roundId);
        Book storage b = _books[roundId][token];
        amount = b.held;
        if (amount == 0) return 0;
        b.held = 0;
        b.distributed += uint128(amount);
        b.acc += Math.mulDiv(amount, SCALE, r.raised);
        emit Distributed(roundId, token, amount);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @notice Round `roundId` (reverts for one never opened).
    function round(uint256 roundId) external view returns (Round memory) {
        return _round(roundId);
    }

    /// @notice Where round `roundId` is in its life.
    function roundState(uint256 roundId) external view returns (RoundState) {
        return _state(_round(roundId));
    }

    /// @notice How many rounds were opened (ids are 1..roundCount()).
    function roundCount() external view returns (uint256) {
        return _roundCount;
    }

    /// @notice Round `roundId`'s balance book for `token`.
    function book(uint256 roundId, address token) external view returns (Book memory) {
        return _books[roundId][token];
    }

    /// @notice What the holder of `receiptId` can claim of `token` now (0 before its round distributes).
    function claimable(uint256 receiptId, address token) external view returns (uint256) {
        (, uint32 roundId, uint256 value) = _receipts.holderAndValue(receiptId);
        return Math.mulDiv(value, _books[roundId][token].acc, SCALE) - _claimedBy[receiptId][token];
    }

    /// @notice What `receiptId` has claimed of `token` in total.
    function claimed(uint256 receiptId, address token) external view returns (uint256) {
        return _claimedBy[receiptId][token];
    }

    /// @notice How `token` is valued, and whether it is accepted.
    function tokenConfig(address token) external view returns (TokenConfig memory) {
        return _tokens[token];
    }

    /// @notice The current price of an accepted `token` (reverts like a deposit would if it is stale or zero).
    function price(address token) external view returns (uint256) {
        (uint256 price_, ) = _priceOf(token);
        return price_;
    }

    /// @notice The value a deposit of `amount` of `token` would be credited now (for a fee-less token).
    function quote(address token, uint256 amount) external view returns (uint256) {
        (uint256 price_, uint8 decimals) = _priceOf(token);
        return Math.mulDiv(amount, price_, 10 ** decimals);
    }

    /// @notice Every token any round ever held (accepted or received).
    function bookedTokens() external view returns (address[] memory) {
        return _booked.values();
    }

    /// @notice The receipts, the DAO registry and the executor this fund uses.
    function wiring() external view returns (address receipts, address registry, address executor) {
        return (address(_receipts), address(_registry), _executor);
    }

    // ------------------------------------------------------------------------------------------------ internals

    function _round(uint256 roundId) private view returns (Round storage r) {
        r = _rounds[roundId];
        if (r.closesAt == 0) revert VentureFundUnknownRound(roundId);
    }

    /// @dev A deposit's checks, pull and cap-table entry: what arrived and its value.
    function _book(
        uint256 roundId,
        address token,
        uint256 amount,
        uint256 minValue
    ) private returns (uint256 received, uint256 value) {
        Round storage r = _round(roundId);
        if (block.timestamp >= r.closesAt) revert VentureFundWrongState(roundId, _state(r));
        if (amount == 0) revert VentureFundZeroInput();
        (uint256 price_, uint8 decimals) = _priceOf(token);
        received = _pull(token, msg.sender, amount);
        value = Math.mulDiv(received, price_, 10 ** decimals);
        if (value == 0 || value < minValue) revert VentureFundValueTooLow(value, minValue);
        uint256 raised = r.raised + value;
        if (raised > r.cap) revert VentureFundCapExceeded(roundId, raised, r.cap);
        r.raised = uint128(raised);
        _books[roundId][token].held += received.toUint128();
    }

    function _investable(uint256 roundId) private view returns (Round storage r) {
        r = _round(roundId);
        RoundState s = _state(r);
        if (s != RoundState.Locked && s != RoundState.Investing) revert VentureFundWrongState(roundId, s);
    }

    function _state(Round storage r) private view returns (RoundState) {
        if (block.timestamp < r.closesAt) return RoundState.Open;
        if (block.timestamp >= r.unlocksAt) return RoundState.Distributing;
        return r.invested ? RoundState.Investing : RoundState.Locked;
    }

    function _priceOf(address token) private view returns (uint256 price_, uint8 decimals) {
        TokenConfig memory c = _tokens[token];
        if (!c.accepted) revert VentureFundTokenNotAccepted(token);
        uint256 updatedAt;
        if (address(c.source) == address(0)) (price_, updatedAt) = (c.price, c.updatedAt);
        else (price_, updatedAt) = c.source.price(token);
        if (updatedAt == 0 || updatedAt + c.maxAge < block.timestamp) {
            revert VentureFundStalePrice(token, updatedAt, c.maxAge);
        }
        if (price_ == 0) revert VentureFundZeroPrice(token);
        return (price_, c.decimals);
    }

    function _debit(uint256 roundId, address token, uint256 amount) private {
        Book storage b = _books[roundId][token];
        if (b.held < amount) revert VentureFundInsufficientAssets(roundId, token, b.held, amount);
        b.held -= uint128(amount);
    }

    function _credit(uint256 roundId, address token, uint256 amount) private {
        _books[roundId][token].held += amount.toUint128();
    }

    /// @dev Pulls `amount` of `token` from `from` and returns what actually arrived (fee-on-transfer tokens deliver
    /// less); nothing arriving at all is refused.
    function _pull(address token, address from, uint256 amount) private returns (uint256 received) {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(from, address(this), amount);
        received = IERC20(token).balanceOf(address(this)) - before;
        if (received == 0) revert VentureFundReceivedTooLittle(token, received, amount);
    }

    function _contains(address[] calldata list, address item) private pure returns (bool) {
        for (uint256 i; i < list.length; ++i) if (list[i] == item) return true;
        return false;
    }
}
