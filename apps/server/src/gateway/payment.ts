import type { PaymentPayload, PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { type Address, type Hex, isHex } from "viem";
import type { ServedEndpoint } from "./catalogue.ts";
import { GatewayError } from "./errors.ts";
import type { PresentedVoucher } from "./ledger.ts";

/** The x402 scheme name of a payment by channel voucher (x402's `exact` pays one call on chain; this pays off-chain). */
export const CHANNEL_SCHEME = "aidao-channel";

/** The CAIP-2 network id x402 uses. */
export const networkOf = (chainId: number) => `eip155:${chainId}` as const;

/** What a channel payment looks like for an endpoint: x402 payment requirements, with the channel terms in `extra`. */
export function channelRequirements(
  e: ServedEndpoint,
  p: { chainId: number; usageChannels: Address },
): PaymentRequirements {
  return {
    scheme: CHANNEL_SCHEME,
    network: networkOf(p.chainId),
    asset: e.paymentToken,
    amount: (e.unitPrice * BigInt(e.maxUnits)).toString(),
    payTo: p.usageChannels,
    maxTimeoutSeconds: 300,
    extra: {
      endpointId: e.endpointId.toString(),
      modelId: e.modelId.toString(),
      unit: e.unit,
      unitPrice: e.unitPrice.toString(),
      maxUnitsPerRequest: e.maxUnits,
      usageChannels: p.usageChannels,
      voucher:
        "EIP-712 Voucher(bytes32 channelId,address token,address recipient,uint256 cumulativeAmount) in the domain " +
        '("AIDAO UsageChannels", "1", chainId, usageChannels); cumulativeAmount >= charged so far + amount',
      openChannel: `UsageChannels.open(${e.endpointId}, deposit, expiresAt) or openWithPermit`,
    },
  };
}

/** The 402 answer: how to pay, as x402's PaymentRequired (body and `PAYMENT-REQUIRED` header). */
export function paymentRequired(resource: string, error: string, accepts: PaymentRequirements[]): PaymentRequired {
  return { x402Version: 2, error, resource: { url: resource, description: "", mimeType: "application/json" }, accepts };
}

/**
 * Reads the channel voucher of an x402 payment payload, or throws a typed error saying what is wrong with it. The
 * network and contract are checked here, before any signature work.
 */
export function channelVoucher(
  payload: PaymentPayload,
  p: { chainId: number; usageChannels: Address },
): PresentedVoucher {
  const accepted = payload.accepted;
  if (accepted.network !== networkOf(p.chainId)) {
    throw new GatewayError(
      "WRONG_NETWORK",
      `this gateway takes payments on ${networkOf(p.chainId)}, not ${accepted.network}`,
      {
        network: accepted.network,
      },
    );
  }
  if (typeof accepted.payTo !== "string" || accepted.payTo.toLowerCase() !== p.usageChannels.toLowerCase()) {
    throw new GatewayError(
      "WRONG_CONTRACT",
      `vouchers here are for UsageChannels at ${p.usageChannels}, not ${accepted.payTo}`,
      {
        payTo: accepted.payTo,
      },
    );
  }
  const v = payload.payload as { channelId?: unknown; cumulativeAmount?: unknown; signature?: unknown };
  if (typeof v.channelId !== "string" || !isHex(v.channelId) || v.channelId.length !== 66) {
    throw new GatewayError("MALFORMED_PAYMENT", "payload.channelId must be a 32-byte hex string");
  }
  if (typeof v.cumulativeAmount !== "string" || !/^\d{1,78}$/.test(v.cumulativeAmount)) {
    throw new GatewayError("MALFORMED_PAYMENT", "payload.cumulativeAmount must be a decimal integer string");
  }
  if (typeof v.signature !== "string" || !isHex(v.signature) || v.signature.length !== 132) {
    throw new GatewayError("MALFORMED_PAYMENT", "payload.signature must be a 65-byte hex signature");
  }
  const cumulativeAmount = BigInt(v.cumulativeAmount);
  if (cumulativeAmount >= 2n ** 256n)
    throw new GatewayError("MALFORMED_PAYMENT", "payload.cumulativeAmount exceeds uint256");
  return {
    channelId: v.channelId.toLowerCase() as Hex,
    cumulativeAmount,
    signature: v.signature.toLowerCase() as Hex,
    signatureBytes: Buffer.from(v.signature.slice(2), "hex"),
  };
}

/**
 * x402's header encoding (standard base64 of UTF-8 JSON), through Buffer: @x402/core's helpers go character by
 * character, a noticeable share of a paid call's CPU. The tests hold both encodings together.
 */
export function encodeHeader(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64");
}

/**
 * Decodes an x402 header, or throws when it is not base64 JSON. Buffer's decoder skips characters outside the
 * alphabet, so a header with any is told by its decoded length (one check instead of a scan per character).
 */
export function decodeHeader<T>(header: string): T {
  const bytes = Buffer.from(header, "base64");
  const padding = header.endsWith("==") ? 2 : header.endsWith("=") ? 1 : 0;
  if (bytes.length !== Math.floor((header.length * 3) / 4) - padding) throw new Error("not base64");
  return JSON.parse(bytes.toString("utf8")) as T;
}
