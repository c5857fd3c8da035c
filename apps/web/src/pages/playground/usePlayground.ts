import { ChannelPayer, GatewayRequestError, type Invocation, usageChannelsAbi } from "@aidao/sdk";
import { useCallback, useRef } from "react";
import type { Address, Hex } from "viem";
import { useReadContract } from "wagmi";
import { useAppConfig, useContracts } from "../../config.ts";
import { getJson, ServerError, useServer } from "../../lib/api.ts";
import { useSigner } from "../../wallet/useSigner.ts";
import type { IndexedChannel } from "../models/modelData.ts";

type Ledger = { charged: string; deposit: string };

/** The newest channel of `customer` to `endpointId` that is still open for a while, from the indexer. */
export function useLatestChannel(customer: Address | undefined, endpointId: string | undefined) {
  const list = useServer<{ channels: Array<IndexedChannel & { status: string; expiresAt: number }> }>(
    customer && endpointId ? `/api/channels?customer=${customer}&endpointId=${endpointId}` : null,
  );
  const now = Math.floor(Date.now() / 1000);
  const open = (list.data?.channels ?? []).filter((c) => c.status === "open" && c.expiresAt > now + 60);
  return open.at(-1)?.channelId as Hex | undefined;
}

/** A channel on chain (deposit, expiry, token, recipient) and what the gateway charged on it so far. */
export function useChannelState(channelId: Hex | undefined) {
  const usageChannels = useContracts().UsageChannels.address;
  const chain = useReadContract({
    address: usageChannels,
    abi: usageChannelsAbi,
    functionName: "channel",
    args: [channelId ?? `0x${"0".repeat(64)}`],
    query: { enabled: channelId !== undefined },
  });
  const ledger = useServer<Ledger>(channelId ? `/v1/channels/${channelId}` : null, { retry: false });
  return { channel: chain.data, charged: ledger.data ? BigInt(ledger.data.charged) : 0n, ledger };
}

const SIGNED = "aidao.playground.signed.";

/**
 * Pays gateway calls from a channel with the connected wallet. One ChannelPayer per channel for the session; what
 * was signed is remembered in this browser, so a gateway can never get a voucher on top of a total it invented.
 */
export function useChannelPayer() {
  const signer = useSigner();
  const { chainId } = useAppConfig();
  const usageChannels = useContracts().UsageChannels.address;
  const payers = useRef(new Map<string, ChannelPayer>());
  return useCallback(
    async <T>(
      channel: { channelId: Hex; token: Address; recipient: Address; deposit: bigint },
      endpoint: Parameters<ChannelPayer["invoke"]>[0],
      body: Uint8Array,
      contentType: string,
    ): Promise<Invocation<T>> => {
      if (!signer) throw new Error("Connect a wallet first.");
      const key = `${signer.account.address}:${channel.channelId}`.toLowerCase();
      let payer = payers.current.get(key);
      if (!payer) {
        let charged = 0n;
        try {
          charged = BigInt((await getJson<Ledger>(`/v1/channels/${channel.channelId}`)).charged);
        } catch (error) {
          // A channel the gateway has not seen charged yet: nothing charged.
          if (!(error instanceof ServerError) || (error.status !== 404 && error.code !== "UNKNOWN_CHANNEL"))
            throw error;
        }
        const remembered = BigInt(localStorage.getItem(SIGNED + key) ?? "0");
        payer = new ChannelPayer({
          client: signer,
          gatewayUrl: window.location.origin,
          chainId,
          usageChannels,
          channel: { channelId: channel.channelId, token: channel.token, recipient: channel.recipient },
          charged,
          signed: remembered > charged ? remembered : charged,
          deposit: channel.deposit,
        });
        payers.current.set(key, payer);
      }
      payer.deposit = channel.deposit;
      try {
        return await payer.invoke<T>(endpoint, body, contentType);
      } finally {
        localStorage.setItem(SIGNED + key, payer.signed.toString());
      }
    },
    [signer, chainId, usageChannels],
  );
}

export { GatewayRequestError };
