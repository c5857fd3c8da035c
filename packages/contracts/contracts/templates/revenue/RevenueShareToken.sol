// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IRevenueShareToken} from "./IRevenueShareToken.sol";

/**
 * @title RevenueShareToken
 * @notice The token of a revenue-sharing AI DAO (see {IRevenueShareToken}): the revenue-sharing scheme cemented
 * on-chain. Deployed once as an implementation (locked by its constructor) and used through EIP-1167 clones that a
 * factory creates and initializes in the same transaction.
 *
 * @dev Votes: standard ERC20Votes on a timestamp clock (ERC-6372 `mode=timestamp`), so a Governor clone can use it.
 * Holders must delegate (possibly to themselves) before their balance counts as votes. EIP-712 domain: the token
 * name, version "1", the clone's own address, so a permit signed for one clone is worthless on its siblings.
 *
 * Revenue: each payout token has an accumulator `accPerShare`, the revenue per token unit scaled by PRECISION; a
 * distribution of `r` adds floor((r * PRECISION + remainder) / totalSupply) and keeps the new remainder, so nothing
 * is lost between distributions. Each account stores, per payout token, the accumulator it was last settled at and
 * what it has earned so far, still scaled by PRECISION (no rounding on settlement); a claim pays the whole units and
 * keeps the fraction for later. A claim touches only the claimant's records: O(1) gas whatever the number of
 * holders. Before any balance changes ({_update}) both accounts are settled in every payout token, so revenue earned
 * before a transfer stays with the sender and revenue after it goes to the receiver. Settling costs a few storage
 * writes per payout token per account, which is why a clone has at most MAX_PAYOUT_TOKENS of them: a transfer stays
 * bounded whatever revenue history it has (with 16 payout tokens, about 0.4M gas, or 1.1M when both accounts get
 * their first position in every token). Settling makes no external call, so no payout token can block transfers.
 *
 * Registration: the first distribution of a payout token registers it for good, so only the distributor admin (in
 * practice the DAO's treasury) may make it; otherwise anyone could fill the MAX_PAYOUT_TOKENS slots with worthless
 * tokens and make every transfer pay for them. Later distributions of a registered token are open to anyone.
 *
 * Bounds: totalSupply <= PRECISION (1e36, enforced through ERC20Votes' `_maxSupply`) keeps the accumulator remainder
 * below one unit of payout token, and the total distributed per payout token <= MAX_TOTAL_DISTRIBUTED keeps every
 * product `balance * accPerShare` below 2^256, so settlement can never overflow.
 *
 * Invariant: totalSupply() never changes after {initialize}; no function mints or burns.
 * Invariant: for every payout token, totalClaimed + Σ claimable(all holders) <= totalDistributed (the sum received),
 * and totalDistributed - (totalClaimed + Σ claimable(all holders)) < number of holders + number of distributions
 * (rounding dust only; it stays in this contract).
 * Invariant: for every payout token, this contract holds at least totalDistributed - totalClaimed of it (exactly
 * that, unless someone transferred the token here directly).
 * Invariant: payoutTokens().length <= MAX_PAYOUT_TOKENS.
 */
contract RevenueShareToken is
    Initializable,
    ERC20Upgradeable,
    ERC20PermitUpgradeable,
    ERC20VotesUpgradeable,
    ReentrancyGuardTransient,
    IRevenueShareToken
{
    using SafeERC20 for IERC20;

    /// @inheritdoc IRevenueShareToken
    uint256 public constant MAX_PAYOUT_TOKENS = 16;
    /// @inheritdoc IRevenueShareToken
    uint256 public constant PRECISION = 1e36;
    /// @inheritdoc IRevenueShareToken
    uint256 public constant MAX_TOTAL_DISTRIBUTED = type(uint256).max / PRECISION;

    /// @dev One payout token's accounting.
    struct Payout {
        uint256 accPerShare; // revenue per token unit, scaled by PRECISION
        uint256 remainder; // what the last division left over, scaled by PRECISION, carried to the next one
        uint256 distributed; // the sum received; non-zero iff registered
        uint256 claimed; // the sum paid out
    }

    /// @dev One account's position in one payout token.
    struct Position {
        uint256 settledAccPerShare; // the accumulator it was last settled at
        uint256 owedScaled; // earned and not yet claimed, scaled by PRECISION
    }

    address private _distributorAdmin;
    IERC20[] private _payoutTokens;
    mapping(IERC20 token => Payout) private _payouts;
    mapping(IERC20 token => mapping(address account => Position)) private _positions;

    /// @dev Locks the implementation: only clones are initialized.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IRevenueShareToken
    function initialize(
        string calldata name_,
        string calldata symbol_,
        address[] calldata holders,
        uint256[] calldata amounts,
        address distributorAdmin_
    ) external initializer {
        if (holders.length == 0) revert RevenueShareTokenNoHolders();
        if (holders.length != amounts.length) revert RevenueShareTokenLengthMismatch(holders.length, amounts.length);
        if (distributorAdmin_ == address(0)) revert RevenueShareTokenZeroDistributorAdmin();
        __ERC20_init(name_, symbol_);
        // EIP-712 name and version are derived (see _EIP712Name), so nothing more is stored for the permit domain.
        __ERC20Votes_init();
        _distributorAdmin = distributorAdmin_;
        for (uint256 i = 0; i < holders.length; i++) {
            if (holders[i] == address(0)) revert RevenueShareTokenZeroHolder(i);
            if (amounts[i] == 0) revert RevenueShareTokenZeroInitialAmount(holders[i]);
            _mint(holders[i], amounts[i]); // ERC20Votes caps the supply at _maxSupply() = PRECISION
        }
    }

    // ---------------------------------------------------------------- revenue

    /// @inheritdoc IRevenueShareToken
    function distribute(IERC20 payoutToken, uint256 amount) external nonReentrant returns (uint256 received) {
        if (address(payoutToken) == address(0) || address(payoutToken) == address(this)) {
            revert RevenueShareTokenInvalidPayoutToken(address(payoutToken));
        }
        Payout storage payout = _payouts[payoutToken];
        if (payout.distributed == 0) _register(payoutToken);

        // Credit what actually arrived, so fee-on-transfer tokens are shared on their real amount.
        uint256 before = payoutToken.balanceOf(address(this));
        payoutToken.safeTransferFrom(msg.sender, address(this), amount);
        received = payoutToken.balanceOf(address(this)) - before;
        if (received == 0) revert RevenueShareTokenZeroAmount();

        uint256 distributed = payout.distributed + received;
        if (distributed > MAX_TOTAL_DISTRIBUTED) {
            revert RevenueShareTokenDistributionCapExceeded(address(payoutToken), distributed);
        }
        // received * PRECISION + remainder <= distributed * PRECISION < 2^256 (see the header).
        uint256 supply = totalSupply();
        uint256 scaled = received * PRECISION + payout.remainder;
        uint256 accPerShare = payout.accPerShare + scaled / supply;
        payout.accPerShare = accPerShare;
        payout.remainder = scaled % supply;
        payout.distributed = distributed;
        emit RevenueDistributed(address(payoutToken), msg.sender, received, accPerShare);
    }

    /// @inheritdoc IRevenueShareToken
    function claim(IERC20 payoutToken) external nonReentrant returns (uint256) {
        return _claim(msg.sender, payoutToken);
    }

    /// @inheritdoc IRevenueShareToken
    function claimFor(address account, IERC20 payoutToken) external nonReentrant returns (uint256) {
        return _claim(account, payoutToken);
    }

    /// @inheritdoc IRevenueShareToken
    function claimable(address account, IERC20 payoutToken) external view returns (uint256) {
        Position storage position = _positions[payoutToken][account];
        uint256 pending = balanceOf(account) * (_payouts[payoutToken].accPerShare - position.settledAccPerShare);
        return (position.owedScaled + pending) / PRECISION;
    }

    /// @inheritdoc IRevenueShareToken
    function payoutTokens() external view returns (IERC20[] memory) {
        return _payoutTokens;
    }

    /// @inheritdoc IRevenueShareToken
    function totalDistributed(IERC20 payoutToken) external view returns (uint256) {
        return _payouts[payoutToken].distributed;
    }

    /// @inheritdoc IRevenueShareToken
    function totalClaimed(IERC20 payoutToken) external view returns (uint256) {
        return _payouts[payoutToken].claimed;
    }

    /// @inheritdoc IRevenueShareToken
    function distributorAdmin() external view returns (address) {
        return _distributorAdmin;
    }

    // ---------------------------------------------------------------- votes and permit

    /// @notice The clock of the vote checkpoints: unix seconds (ERC-6372).
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 description of the clock.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc NoncesUpgradeable
    function nonces(address owner) public view override(ERC20PermitUpgradeable, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Settles `from` and `to` in every payout token at their balances before the change, then moves the
    /// tokens (and their votes).
    function _update(
        address from,
        address to,
        uint256 value
    ) internal override(ERC20Upgradeable, ERC20VotesUpgradeable) {
        uint256 count = _payoutTokens.length;
        if (count > 0) {
            bool settleFrom = from != address(0);
            bool settleTo = to != address(0) && to != from;
            uint256 fromBalance = settleFrom ? balanceOf(from) : 0;
            uint256 toBalance = settleTo ? balanceOf(to) : 0;
            for (uint256 i = 0; i < count; i++) {
                IERC20 token = _payoutTokens[i];
                uint256 accPerShare = _payouts[token].accPerShare;
                if (settleFrom) _settle(_positions[token][from], fromBalance, accPerShare);
                if (settleTo) _settle(_positions[token][to], toBalance, accPerShare);
            }
        }
        super._update(from, to, value);
    }

    /// @dev Caps the supply at PRECISION, which keeps the accumulator remainder below one payout-token unit.
    function _maxSupply() internal pure override returns (uint256) {
        return PRECISION;
    }

    /// @dev Records that `position` (of an account holding `balance`) has earned everything up to `accPerShare`.
    /// A zero balance earns nothing but still moves the mark, so an account that is about to receive tokens is not
    /// credited with revenue distributed before it held them.
    function _settle(Position storage position, uint256 balance, uint256 accPerShare) private {
        uint256 settled = position.settledAccPerShare;
        if (settled == accPerShare) return;
        if (balance > 0) position.owedScaled += balance * (accPerShare - settled);
        position.settledAccPerShare = accPerShare;
    }

    function _claim(address account, IERC20 payoutToken) private returns (uint256 amount) {
        Payout storage payout = _payouts[payoutToken];
        Position storage position = _positions[payoutToken][account];
        uint256 accPerShare = payout.accPerShare;
        uint256 owed = position.owedScaled + balanceOf(account) * (accPerShare - position.settledAccPerShare);
        amount = owed / PRECISION;
        if (amount == 0) return 0;
        // Pay whole units; keep the fraction, so the account's dust is never lost, only deferred.
        position.settledAccPerShare = accPerShare;
        position.owedScaled = owed - amount * PRECISION;
        payout.claimed += amount;
        payoutToken.safeTransfer(account, amount);
        emit RevenueClaimed(account, address(payoutToken), amount);
    }

    function _register(IERC20 payoutToken) private {
        if (msg.sender != _distributorAdmin) {
            revert RevenueShareTokenNotDistributorAdmin(msg.sender, address(payoutToken));
        }
        if (_payoutTokens.length == MAX_PAYOUT_TOKENS) {
            revert RevenueShareTokenTooManyPayoutTokens(address(payoutToken));
        }
        _payoutTokens.push(payoutToken);
    }

    /// @dev The permit domain's name is the token's name (as `__ERC20Permit_init(name)` would store), read rather
    /// than stored again: two fewer storage words per DAO.
    function _EIP712Name() internal view override returns (string memory) {
        return name();
    }

    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }
}
