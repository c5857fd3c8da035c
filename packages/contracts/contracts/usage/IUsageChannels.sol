// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IUsageChannels
 * @notice Payment channels for pay-per-use model endpoints. A customer locks a deposit for one endpoint of the
 * ModelRegistry; each call is paid off-chain with an EIP-712 voucher authorising a cumulative amount; the provider
 * (or anyone for it) redeems the latest vouchers of many channels in one transaction, and every redemption splits the
 * revenue on-chain between the model's contributors and the owning AI DAO's treasury (which pays the protocol fee).
 */
interface IUsageChannels {
    /// @notice A channel (four storage slots).
    struct Channel {
        address customer; // who deposited and signs vouchers
        uint64 expiresAt; // vouchers are redeemable until expiresAt + GRACE; then the customer reclaims the rest
        address token; // the endpoint's payment token at opening
        uint64 endpointId;
        address recipient; // the treasury of the DAO that owned the endpoint at opening (bound into vouchers)
        uint64 modelId;
        uint128 deposit; // credited (what arrived)
        uint128 redeemed; // paid out to the provider's side so far (<= deposit)
    }

    /// @notice A voucher to redeem: the customer's signature over (channelId, token, recipient, cumulativeAmount),
    /// and the cumulative total to collect with it. A voucher authorises the most a request could cost; the provider
    /// collects what it actually charged (`claim`), so the customer never pays for units that were not served.
    struct Redemption {
        bytes32 channelId;
        uint256 cumulativeAmount; // what the customer signed
        uint256 claim; // the cumulative total to collect: the channel pays min(claim, cumulativeAmount, deposit)
        bytes signature; // 65-byte ECDSA, or anything the customer's ERC-1271 wallet accepts
    }

    /// @notice Thrown for a channel id that is not open (never opened, or reclaimed).
    error UsageChannelsUnknownChannel(bytes32 channelId);
    /// @notice Thrown when the endpoint cannot be paid through a channel (inactive, or another payment token).
    error UsageChannelsEndpointUnavailable(uint256 endpointId);
    /// @notice Thrown for an expiry that is not in the future, or that would shorten the channel.
    error UsageChannelsInvalidExpiry(uint256 expiresAt);
    /// @notice Thrown for a zero amount, or a transfer that credited nothing.
    error UsageChannelsZeroAmount();
    /// @notice Thrown when someone other than the channel's customer tops up or extends it with its own terms.
    error UsageChannelsNotCustomer(bytes32 channelId, address caller);
    /// @notice Thrown when a voucher's signature is not the customer's for these terms.
    error UsageChannelsInvalidVoucher(bytes32 channelId, uint256 cumulativeAmount);
    /// @notice Thrown when a channel is redeemed after its grace window.
    error UsageChannelsRedemptionClosed(bytes32 channelId, uint256 closedAt);
    /// @notice Thrown when the customer reclaims before the grace window has ended.
    error UsageChannelsNotReclaimable(bytes32 channelId, uint256 reclaimableAt);
    /// @notice Thrown for a deposit above what a channel can hold (2^128 - 1).
    error UsageChannelsDepositTooLarge(uint256 deposit);

    /// @notice Emitted when a channel opens.
    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed customer,
        uint256 indexed endpointId,
        address token,
        address recipient,
        uint256 deposit,
        uint64 expiresAt
    );
    /// @notice Emitted when a channel's deposit grows.
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    /// @notice Emitted when a channel's expiry moves later.
    event ChannelExtended(bytes32 indexed channelId, uint64 expiresAt);
    /// @notice Emitted for every redemption that paid something.
    event Redeemed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 paid);
    /// @notice Emitted once per model and token in a batch: how its revenue was split.
    event RevenueSplit(
        uint256 indexed modelId,
        address indexed token,
        address indexed recipient,
        uint256 total,
        uint256 toContributors,
        uint256 toDAO
    );
    /// @notice Emitted when a contributor is credited its share.
    event ContributorCredited(uint256 indexed modelId, address indexed account, address indexed token, uint256 amount);
    /// @notice Emitted when the customer takes back what was not redeemed.
    event ChannelReclaimed(bytes32 indexed channelId, address indexed customer, uint256 refund);
    /// @notice Emitted when one call is paid without a channel (x402 `exact`, an EIP-3009 authorization).
    event PaidPerCall(
        uint256 indexed endpointId,
        address indexed payer,
        bytes32 indexed nonce,
        address token,
        uint256 amount
    );
    /// @notice Emitted when a contributor withdraws its credits.
    event CreditsWithdrawn(address indexed account, address indexed token, uint256 amount);

    /// @notice Pays for one call of `endpointId` without a channel (x402's `exact` scheme): `from` signed an EIP-3009
    /// authorization of `value` of the endpoint's payment token to this contract, which collects it and splits it
    /// at once like a redemption (contributors credited, the rest to the owning DAO's treasury).
    /// @return received What arrived and was split.
    function payWithAuthorization(
        uint256 endpointId,
        address from,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external returns (uint256 received);
}
