// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IDAORegistry} from "../factory/IDAORegistry.sol";
import {IERC3009} from "../token/IERC3009.sol";
import {IIncomeReceiver} from "../templates/donation/IIncomeReceiver.sol";
import {IModelRegistry} from "../registry/IModelRegistry.sol";
import {ITreasury} from "../treasury/ITreasury.sol";
import {IUsageChannels} from "./IUsageChannels.sol";

/**
 * @title UsageChannels
 * @notice See {IUsageChannels}. Vouchers are EIP-712 messages in this contract's domain ("AIDAO UsageChannels", "1",
 * chain id, this address): Voucher(bytes32 channelId, address token, address recipient, uint256 cumulativeAmount).
 * A channel id hashes the customer, the endpoint, the token and the customer's open counter, so a channel opened
 * again (even with the same terms) has a new id and no old voucher applies to it.
 * @dev Redemption pays min(claim, cumulativeAmount, deposit) − redeemed when positive and nothing otherwise, so vouchers
 * can be redeemed in any order, any number of times. A batch groups what it pays by (model, token, recipient) in
 * memory and splits each group once: each contributor of the model's current value chain is credited
 * floor(group × shareBps / 10_000) (pulled later with {withdrawCredits}); the rest is one income of the DAO's treasury
 * (`IIncomeReceiver.deposit`), which pays the protocol fee to the main treasury and shares the rest with the DAO's
 * holders in the same transaction.
 *
 * Invariant: for every channel, redeemed <= deposit, and redeemed <= the highest cumulativeAmount the customer signed.
 * Invariant: Σ paid out (DAO incomes + contributor credits) + Σ refunds <= Σ deposits credited, per token; the
 * contract's balance of a token >= Σ open channels' (deposit − redeemed) + Σ unwithdrawn credits.
 * Invariant: a voucher only pays in the channel, chain, contract, token and recipient it was signed for.
 * A single call can also be paid without a channel ({payWithAuthorization}, x402's `exact`): what arrives is split
 * at once, so it never adds to the balance the invariants above account for.
 */
contract UsageChannels is IUsageChannels, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice EIP-712 type of a voucher.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(bytes32 channelId,address token,address recipient,uint256 cumulativeAmount)"
    );

    uint256 private constant BPS = 10_000;

    /// @notice After expiry, how long the provider can still redeem (the customer reclaims after it).
    uint256 public immutable GRACE;

    IModelRegistry private immutable _models;
    IDAORegistry private immutable _daos;
    address private immutable _mainTreasury;

    mapping(bytes32 channelId => Channel) private _channels;
    mapping(address customer => uint256) private _opened;
    mapping(address account => mapping(address token => uint256)) private _credits;

    /// @dev What one batch pays to one (model, token, recipient), split once at the end.
    struct Group {
        uint256 modelId;
        address token;
        address recipient;
        uint256 amount;
    }

    constructor(IModelRegistry models_, uint256 grace) EIP712("AIDAO UsageChannels", "1") {
        _models = models_;
        _daos = models_.daoRegistry();
        _mainTreasury = _daos.dao(1).treasury;
        GRACE = grace;
    }

    // ------------------------------------------------------------------------------------------------ customers

    /// @notice Opens a channel to `endpointId` with `amount` of its payment token (approved), until `expiresAt`.
    function open(uint256 endpointId, uint256 amount, uint64 expiresAt) external nonReentrant returns (bytes32) {
        return _open(endpointId, _models.endpoint(endpointId), amount, expiresAt);
    }

    /// @notice {open} with an EIP-2612 permit for the deposit, in one transaction. A permit that fails (e.g. it was
    /// already used by someone who saw it in the mempool) is ignored when the allowance is there anyway.
    function openWithPermit(
        uint256 endpointId,
        uint256 amount,
        uint64 expiresAt,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (bytes32) {
        IModelRegistry.Endpoint memory e = _models.endpoint(endpointId);
        // try/catch cannot catch the revert of a call to an address without code (address(0) for an endpoint priced
        // in ETH): skip the permit there and let {open} reject the endpoint with UsageChannelsEndpointUnavailable.
        if (e.paymentToken.code.length > 0) {
            try IERC20Permit(e.paymentToken).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        }
        return _open(endpointId, e, amount, expiresAt);
    }

    /// @notice Adds `amount` to the deposit of `channelId` (anyone may pay for a customer).
    function topUp(bytes32 channelId, uint256 amount) external nonReentrant {
        Channel storage c = _channel(channelId);
        uint256 received = _pull(c.token, amount);
        uint256 deposit = c.deposit + received;
        if (deposit > type(uint128).max) revert UsageChannelsDepositTooLarge(deposit);
        c.deposit = uint128(deposit);
        emit ChannelToppedUp(channelId, received, deposit);
    }

    /// @notice Moves the expiry of `channelId` later. Its customer only.
    function extend(bytes32 channelId, uint64 expiresAt) external {
        Channel storage c = _channel(channelId);
        if (msg.sender != c.customer) revert UsageChannelsNotCustomer(channelId, msg.sender);
        if (expiresAt <= c.expiresAt) revert UsageChannelsInvalidExpiry(expiresAt);
        c.expiresAt = expiresAt;
        emit ChannelExtended(channelId, expiresAt);
    }

    /// @notice Returns what was not redeemed to the customer once the grace window after expiry has ended, and closes
    /// the channel. Anyone may call it; the customer is paid.
    function reclaim(bytes32 channelId) external nonReentrant returns (uint256 refund) {
        Channel memory c = _channel(channelId);
        uint256 reclaimableAt = uint256(c.expiresAt) + GRACE;
        if (block.timestamp <= reclaimableAt) revert UsageChannelsNotReclaimable(channelId, reclaimableAt + 1);
        delete _channels[channelId];
        refund = c.deposit - c.redeemed;
        if (refund > 0) IERC20(c.token).safeTransfer(c.customer, refund);
        emit ChannelReclaimed(channelId, c.customer, refund);
    }

    // ------------------------------------------------------------------------------------------------ providers

    /// @notice Redeems vouchers of many channels and splits what they pay. Anyone may submit vouchers: the money
    /// only goes to each channel's recipient and its model's contributors.
    function redeem(Redemption[] calldata batch) external nonReentrant returns (uint256 total) {
        Group[] memory groups = new Group[](batch.length);
        uint256 count;
        for (uint256 i; i < batch.length; ++i) {
            Redemption calldata v = batch[i];
            Channel storage c = _channel(v.channelId);
            (address token, address recipient) = (c.token, c.recipient);
            uint256 closedAt = uint256(c.expiresAt) + GRACE;
            if (block.timestamp > closedAt) revert UsageChannelsRedemptionClosed(v.channelId, closedAt);
            bytes32 digest = _hashTypedDataV4(
                keccak256(abi.encode(VOUCHER_TYPEHASH, v.channelId, token, recipient, v.cumulativeAmount))
            );
            if (!SignatureChecker.isValidSignatureNow(c.customer, digest, v.signature)) {
                revert UsageChannelsInvalidVoucher(v.channelId, v.cumulativeAmount);
            }
            uint256 payable_ = Math.min(Math.min(v.claim, v.cumulativeAmount), c.deposit);
            uint256 redeemed = c.redeemed;
            if (payable_ <= redeemed) continue;
            uint256 paid = payable_ - redeemed;
            c.redeemed = uint128(payable_);
            total += paid;
            emit Redeemed(v.channelId, v.cumulativeAmount, paid);
            count = _addToGroup(groups, count, Group(c.modelId, token, recipient, paid));
        }
        for (uint256 g; g < count; ++g) _split(groups[g]);
    }

    /// @inheritdoc IUsageChannels
    function payWithAuthorization(
        uint256 endpointId,
        address from,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external nonReentrant returns (uint256 received) {
        IModelRegistry.Endpoint memory e = _models.endpoint(endpointId);
        if (!e.active || e.paymentToken.code.length == 0) revert UsageChannelsEndpointUnavailable(endpointId);
        IERC20 token = IERC20(e.paymentToken);
        uint256 before = token.balanceOf(address(this));
        IERC3009(address(token)).transferWithAuthorization(
            from,
            address(this),
            value,
            validAfter,
            validBefore,
            nonce,
            signature
        );
        received = token.balanceOf(address(this)) - before;
        if (received == 0) revert UsageChannelsZeroAmount();
        emit PaidPerCall(endpointId, from, nonce, address(token), received);
        _split(Group(e.modelId, address(token), _daos.dao(e.daoId).treasury, received));
    }

    /// @notice Pays the caller its credits in `token` (its contributor shares of model revenue).
    function withdrawCredits(address token) external nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender][token];
        if (amount == 0) revert UsageChannelsZeroAmount();
        _credits[msg.sender][token] = 0;
        IERC20(token).safeTransfer(msg.sender, amount);
        emit CreditsWithdrawn(msg.sender, token, amount);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @notice The channel `channelId` (all zero if it is not open).
    function channel(bytes32 channelId) external view returns (Channel memory) {
        return _channels[channelId];
    }

    /// @notice The id the next channel `customer` opens to `endpointId` in `token` will have.
    function nextChannelId(address customer, uint256 endpointId, address token) external view returns (bytes32) {
        return _channelId(customer, endpointId, token, _opened[customer]);
    }

    /// @notice What `account` can withdraw in `token`.
    function credits(address account, address token) external view returns (uint256) {
        return _credits[account][token];
    }

    /// @notice The EIP-712 digest a customer signs for a voucher.
    function voucherDigest(
        bytes32 channelId,
        address token,
        address recipient,
        uint256 cumulativeAmount
    ) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, token, recipient, cumulativeAmount)));
    }

    /// @notice The model and DAO registries this contract reads.
    function registries() external view returns (IModelRegistry models, IDAORegistry daos) {
        return (_models, _daos);
    }

    // ------------------------------------------------------------------------------------------------ internals

    function _open(
        uint256 endpointId,
        IModelRegistry.Endpoint memory e,
        uint256 amount,
        uint64 expiresAt
    ) private returns (bytes32 channelId) {
        if (!e.active || e.paymentToken == address(0)) revert UsageChannelsEndpointUnavailable(endpointId);
        if (expiresAt <= block.timestamp) revert UsageChannelsInvalidExpiry(expiresAt);
        address recipient = _daos.dao(e.daoId).treasury;
        channelId = _channelId(msg.sender, endpointId, e.paymentToken, _opened[msg.sender]++);
        uint256 received = _pull(e.paymentToken, amount);
        if (received > type(uint128).max) revert UsageChannelsDepositTooLarge(received);
        _channels[channelId] = Channel({
            customer: msg.sender,
            expiresAt: expiresAt,
            token: e.paymentToken,
            endpointId: uint64(endpointId),
            recipient: recipient,
            modelId: uint64(e.modelId),
            deposit: uint128(received),
            redeemed: 0
        });
        emit ChannelOpened(channelId, msg.sender, endpointId, e.paymentToken, recipient, received, expiresAt);
    }

    function _channelId(
        address customer,
        uint256 endpointId,
        address token,
        uint256 nonce
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(customer, endpointId, token, nonce));
    }

    function _channel(bytes32 channelId) private view returns (Channel storage c) {
        c = _channels[channelId];
        if (c.customer == address(0)) revert UsageChannelsUnknownChannel(channelId);
    }

    function _pull(address token, uint256 amount) private returns (uint256 received) {
        if (amount == 0) revert UsageChannelsZeroAmount();
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        received = IERC20(token).balanceOf(address(this)) - before;
        if (received == 0) revert UsageChannelsZeroAmount();
    }

    function _addToGroup(Group[] memory groups, uint256 count, Group memory item) private pure returns (uint256) {
        for (uint256 g; g < count; ++g) {
            Group memory x = groups[g];
            if (x.modelId == item.modelId && x.token == item.token && x.recipient == item.recipient) {
                x.amount += item.amount;
                return count;
            }
        }
        groups[count] = item;
        return count + 1;
    }

    /// @dev Credits the model's contributors their shares of `g.amount` and pays the rest to the DAO's treasury.
    function _split(Group memory g) private {
        IModelRegistry.Contributor[] memory list = _models.contributors(g.modelId);
        uint256 toContributors;
        for (uint256 i; i < list.length; ++i) {
            uint256 share = (g.amount * list[i].shareBps) / BPS;
            if (share == 0) continue;
            _credits[list[i].account][g.token] += share;
            toContributors += share;
            emit ContributorCredited(g.modelId, list[i].account, g.token, share);
        }
        uint256 toDAO = g.amount - toContributors;
        emit RevenueSplit(g.modelId, g.token, g.recipient, g.amount, toContributors, toDAO);
        if (toDAO > 0) {
            IERC20(g.token).forceApprove(g.recipient, toDAO);
            // The main DAO's treasury records the income's source (and routes its education share); an AI DAO's
            // treasury pays the protocol fee and shares the rest with its holders.
            if (g.recipient == _mainTreasury)
                ITreasury(g.recipient).deposit(IERC20(g.token), toDAO, ITreasury.IncomeSource.Other);
            else IIncomeReceiver(g.recipient).deposit(IERC20(g.token), toDAO);
        }
    }
}
