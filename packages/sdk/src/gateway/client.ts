import type { Address, Hex } from "viem";
import { signTypedData } from "viem/actions";
import type { SignerClient } from "../actions/writeChecked.ts";
import { usageChannelsDomain, voucherTypes } from "../eip712.ts";

/** An endpoint as the gateway's `GET /v1/models` lists it. */
export type GatewayEndpoint = {
  endpointId: string;
  modelId: string;
  model: string;
  versionId: string;
  daoId: string;
  unit: string;
  unitPrice: string;
  token: Address;
  maxUnitsPerRequest: number;
  kind: "builtin" | "upstream";
  path: string;
};

/** What a paid call returns: the model's result and its charge (the gateway's answer, as it sends it). */
export type Invocation<T = unknown> = {
  result: T;
  usage: {
    endpointId: string;
    unit: string;
    units: number;
    /** The most this call could produce: the endpoint's maximum, or fewer when the voucher covered fewer. */
    maxUnits: number;
    unitPrice: string;
    charge: string;
    /** Σ charged on the channel, this call included: the least the next voucher must build on. */
    charged: string;
    /** The highest voucher the gateway holds for the channel. */
    authorised: string;
    /** Empty for an x402 `exact` payment. */
    channelId: Hex | "";
    payer: Address;
    /** The settlement transaction of an x402 `exact` payment. */
    transaction?: Hex;
  };
};

/** A gateway's typed refusal (its `error.code`, e.g. VOUCHER_TOO_LOW, BUSY), with the HTTP status. */
export class GatewayRequestError extends Error {
  override name = "GatewayRequestError";
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly retryAfter: number | undefined;
  constructor(status: number, code: string, message: string, details: Record<string, unknown>, retryAfter?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

// btoa, not Buffer: the SDK runs in browsers too (the web app's playground pays through it).
const base64 = (json: unknown) =>
  btoa(Array.from(new TextEncoder().encode(JSON.stringify(json)), (b) => String.fromCharCode(b)).join(""));

/** Lists what a gateway serves. */
export async function listGatewayModels(
  gatewayUrl: string,
): Promise<{ network: string; usageChannels: Address; endpoints: GatewayEndpoint[] }> {
  const response = await fetch(new URL("/v1/models", gatewayUrl));
  if (!response.ok) throw await toError(response);
  return (await response.json()) as never;
}

export type ChannelPayerOptions = {
  client: SignerClient;
  gatewayUrl: string;
  chainId: number;
  usageChannels: Address;
  channel: { channelId: Hex; token: Address; recipient: Address };
  /** What this customer already signed on the channel (from an earlier session), so a gateway cannot claim more. */
  signed?: bigint;
  /** What the gateway had charged when the session began. */
  charged?: bigint;
  /**
   * The channel's deposit: vouchers never exceed it, and the last calls of a nearly spent channel ask for fewer units
   * (the gateway caps a call to what its voucher covers). Update it after a top-up.
   */
  deposit?: bigint;
};

/**
 * Pays a gateway's calls from one payment channel: signs each call's voucher for everything charged so far plus
 * the call's maximum, tracks the running total from the gateway's answers, and never accepts a total above what
 * it has signed (a gateway cannot make the customer pay more than the vouchers say).
 *
 * @example
 * import { ChannelPayer } from "@aidao/sdk";
 * const payer = new ChannelPayer({ client: customer, gatewayUrl, chainId, usageChannels, channel });
 * const { result, usage } = await payer.invoke(endpoint, photoBytes, "image/jpeg");
 */
export class ChannelPayer {
  private readonly o: ChannelPayerOptions;
  /** The gateway's charged total on the channel, as last confirmed. */
  charged: bigint;
  /** The highest cumulative amount this payer has signed. */
  signed: bigint;
  /** See {ChannelPayerOptions.deposit}. */
  deposit: bigint | undefined;
  private inFlight = 0n;
  private lastSignature: { amount: bigint; signature: Hex } | undefined;

  constructor(o: ChannelPayerOptions) {
    this.o = o;
    this.charged = o.charged ?? 0n;
    this.signed = o.signed ?? 0n;
    this.deposit = o.deposit;
  }

  /** Calls an endpoint with `body` and pays for it from the channel. */
  async invoke<T = unknown>(
    endpoint: GatewayEndpoint,
    body: Uint8Array | string,
    contentType?: string,
  ): Promise<Invocation<T>> {
    const max = BigInt(endpoint.unitPrice) * BigInt(endpoint.maxUnitsPerRequest);
    try {
      return await this.attempt<T>(endpoint, body, contentType, max);
    } catch (error) {
      // The gateway charged calls this payer did not see answered (another client on the channel, a lost answer):
      // take its total (never above what was signed) and pay once more.
      if (!(error instanceof GatewayRequestError) || error.code !== "VOUCHER_TOO_LOW") throw error;
      this.adopt(BigInt(String(error.details.charged ?? "0")));
      return await this.attempt<T>(endpoint, body, contentType, max);
    }
  }

  private async attempt<T>(
    endpoint: GatewayEndpoint,
    body: Uint8Array | string,
    contentType: string | undefined,
    max: bigint,
  ) {
    const wanted = this.charged + this.inFlight + max;
    const amount = this.deposit !== undefined && wanted > this.deposit ? this.deposit : wanted;
    const signature = await this.sign(amount);
    const hold = amount - this.charged - this.inFlight;
    this.inFlight += hold;
    try {
      const payment = {
        x402Version: 2,
        accepted: {
          scheme: "aidao-channel",
          network: `eip155:${this.o.chainId}`,
          asset: endpoint.token,
          amount: max.toString(),
          payTo: this.o.usageChannels,
          maxTimeoutSeconds: 300,
          extra: { endpointId: endpoint.endpointId },
        },
        payload: { channelId: this.o.channel.channelId, cumulativeAmount: amount.toString(), signature },
      };
      const response = await fetch(new URL(endpoint.path, this.o.gatewayUrl), {
        method: "POST",
        // A Uint8Array over a plain ArrayBuffer: what fetch takes in browsers' typings too.
        body: typeof body === "string" ? body : new Uint8Array(body),
        headers: { "content-type": contentType ?? "application/octet-stream", "payment-signature": base64(payment) },
      });
      if (!response.ok) throw await toError(response);
      const answer = (await response.json()) as Invocation<T>;
      this.adopt(BigInt(answer.usage.charged));
      return answer;
    } finally {
      this.inFlight -= hold;
    }
  }

  private adopt(charged: bigint): void {
    if (charged > this.signed) {
      throw new GatewayRequestError(
        402,
        "OVERCHARGED",
        `the gateway claims ${charged} charged; only ${this.signed} was signed`,
        {},
      );
    }
    if (charged > this.charged) this.charged = charged;
  }

  private async sign(amount: bigint): Promise<Hex> {
    if (this.lastSignature?.amount === amount) return this.lastSignature.signature;
    const signature = await signTypedData(this.o.client, {
      account: this.o.client.account,
      domain: usageChannelsDomain(this.o.chainId, this.o.usageChannels),
      types: voucherTypes,
      primaryType: "Voucher",
      message: { ...this.o.channel, cumulativeAmount: amount },
    });
    if (amount > this.signed) this.signed = amount;
    this.lastSignature = { amount, signature };
    return signature;
  }
}

async function toError(response: Response): Promise<GatewayRequestError> {
  let body: { error?: { code?: string; message?: string } & Record<string, unknown> } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: described by the status alone
  }
  const { code = `HTTP_${response.status}`, message = response.statusText, ...details } = body.error ?? {};
  const retry = response.headers.get("retry-after");
  return new GatewayRequestError(response.status, code, message, details, retry ? Number(retry) : undefined);
}
