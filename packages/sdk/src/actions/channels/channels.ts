import { type Address, type Hash, type Hex, type PublicClient, parseEventLogs } from "viem";
import { readContract, signTypedData, waitForTransactionReceipt } from "viem/actions";
import { usageChannelsDomain, voucherTypes } from "../../eip712.ts";
import { BaseError } from "../../errors.ts";
import { modelRegistryAbi, usageChannelsAbi } from "../../generated/abis.ts";
import { approveIfShort } from "../approveIfShort.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";

/** A usage channel as `UsageChannels.channel` returns it. */
export type UsageChannel = {
  channelId: Hex;
  customer: Address;
  expiresAt: bigint;
  token: Address;
  endpointId: bigint;
  recipient: Address;
  modelId: bigint;
  deposit: bigint;
  redeemed: bigint;
};

export type OpenChannelParameters = {
  usageChannels: Address;
  modelRegistry: Address;
  endpointId: bigint;
  amount: bigint;
  /** Unix seconds. */
  expiresAt: bigint;
};

/**
 * Opens a payment channel to a model endpoint, approving its payment token first when needed, and returns the new
 * channel.
 *
 * @example
 * import { openChannel } from "@aidao/sdk";
 * const channel = await openChannel(customer, { usageChannels, modelRegistry, endpointId: 1n, amount, expiresAt });
 */
export async function openChannel(
  client: SignerClient,
  p: OpenChannelParameters,
): Promise<{ hash: Hash } & UsageChannel> {
  if (p.amount <= 0n) throw new BaseError("Deposit a positive amount into the channel");
  const endpoint = await readContract(client, {
    address: p.modelRegistry,
    abi: modelRegistryAbi,
    functionName: "endpoint",
    args: [p.endpointId],
  });
  if (!endpoint.active) throw new BaseError(`Endpoint ${p.endpointId} is not active`);
  await approveIfShort(client, { token: endpoint.paymentToken, spender: p.usageChannels, amount: p.amount });
  const hash = await writeChecked(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "open",
    args: [p.endpointId, p.amount, p.expiresAt],
  });
  const receipt = await waitForTransactionReceipt(client, { hash });
  const [event] = parseEventLogs({ abi: usageChannelsAbi, logs: receipt.logs, eventName: "ChannelOpened" });
  if (!event) throw new BaseError(`Opening the channel (${hash}) emitted no ChannelOpened`);
  return { hash, ...(await readChannel(client, { usageChannels: p.usageChannels, channelId: event.args.channelId })) };
}

/** Adds to a channel's deposit (its payment token must be approved). */
export function topUpChannel(
  client: SignerClient,
  p: { usageChannels: Address; channelId: Hex; amount: bigint },
): Promise<Hash> {
  return writeChecked(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "topUp",
    args: [p.channelId, p.amount],
  });
}

/** Moves a channel's expiry later (its customer only). */
export function extendChannel(
  client: SignerClient,
  p: { usageChannels: Address; channelId: Hex; expiresAt: bigint },
): Promise<Hash> {
  return writeChecked(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "extend",
    args: [p.channelId, p.expiresAt],
  });
}

/** Takes back what was not redeemed, once the channel's grace window after expiry has ended. */
export function reclaimChannel(client: SignerClient, p: { usageChannels: Address; channelId: Hex }): Promise<Hash> {
  return writeChecked(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "reclaim",
    args: [p.channelId],
  });
}

/** Reads a channel; throws when it is not open. */
export async function readChannel(
  client: PublicClient | SignerClient,
  p: { usageChannels: Address; channelId: Hex },
): Promise<UsageChannel> {
  const c = await readContract(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "channel",
    args: [p.channelId],
  });
  if (c.customer === "0x0000000000000000000000000000000000000000") {
    throw new BaseError(`Channel ${p.channelId} is not open (never opened, or reclaimed)`);
  }
  return { channelId: p.channelId, ...c, endpointId: BigInt(c.endpointId), modelId: BigInt(c.modelId) };
}

export type VoucherMessage = { channelId: Hex; token: Address; recipient: Address; cumulativeAmount: bigint };

/** Signs a voucher authorising `cumulativeAmount` in total on a channel (no transaction). */
export function signVoucher(
  client: SignerClient,
  p: { usageChannels: Address; chainId: number } & VoucherMessage,
): Promise<Hex> {
  return signTypedData(client, {
    account: client.account,
    domain: usageChannelsDomain(p.chainId, p.usageChannels),
    types: voucherTypes,
    primaryType: "Voucher",
    message: { channelId: p.channelId, token: p.token, recipient: p.recipient, cumulativeAmount: p.cumulativeAmount },
  });
}

/** A voucher to redeem; `claim` is the cumulative total to collect (what was charged), at most the voucher. */
export type VoucherRedemption = { channelId: Hex; cumulativeAmount: bigint; claim?: bigint; signature: Hex };

/**
 * Redeems the latest vouchers of many channels in one transaction and returns what it paid in total. Each collects
 * its `claim` (default: the whole voucher), capped by the voucher and the deposit.
 */
export async function redeemVouchers(
  client: SignerClient,
  p: { usageChannels: Address; vouchers: VoucherRedemption[] },
): Promise<{ hash: Hash; paid: bigint }> {
  if (p.vouchers.length === 0) throw new BaseError("Nothing to redeem");
  const hash = await writeChecked(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "redeem",
    args: [p.vouchers.map((v) => ({ ...v, claim: v.claim ?? v.cumulativeAmount }))],
  });
  const receipt = await waitForTransactionReceipt(client, { hash });
  const events = parseEventLogs({ abi: usageChannelsAbi, logs: receipt.logs, eventName: "Redeemed" });
  return { hash, paid: events.reduce((sum, e) => sum + e.args.paid, 0n) };
}

/** Pays the caller its contributor credits in `token`. */
export function withdrawCredits(client: SignerClient, p: { usageChannels: Address; token: Address }): Promise<Hash> {
  return writeChecked(client, {
    address: p.usageChannels,
    abi: usageChannelsAbi,
    functionName: "withdrawCredits",
    args: [p.token],
  });
}
