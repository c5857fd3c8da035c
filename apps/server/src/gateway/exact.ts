import { demoUsdAbi, gasLimitFor, transferWithAuthorizationTypes, usageChannelsAbi } from "@aidao/sdk";
import type { PaymentPayload, PaymentRequirements, SettleResponse, VerifyResponse } from "@x402/core/types";
import {
  type Account,
  type Address,
  type Chain,
  type Hex,
  isAddress,
  isHex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { chainUnavailable } from "../http/chainUnavailable.ts";
import type { ServedEndpoint } from "./catalogue.ts";
import { networkOf } from "./payment.ts";

export const EXACT_SCHEME = "exact";

/** How long a sent settlement's receipt is waited for through an RPC endpoint that does not answer. */
const SETTLE_RECEIPT_WAIT_MS = 60_000;

/** x402's `exact` EVM payload: an EIP-3009 TransferWithAuthorization and its signature. */
type ExactPayload = {
  signature: Hex;
  authorization: { from: Address; to: Address; value: string; validAfter: string; validBefore: string; nonce: Hex };
};

/**
 * The local x402 facilitator for the `exact` scheme: one-off calls paid with an EIP-3009 authorization, no channel.
 * The authorization is made out to UsageChannels, and settling calls `UsageChannels.payWithAuthorization`, which
 * collects it and splits it on chain like a redemption (contributors, then the owning DAO's treasury). A token
 * qualifies when it implements EIP-3009 (probed once); the call costs the endpoint's maximum (price × max units),
 * since an exact payment cannot be adjusted afterwards. The same instance serves x402's facilitator HTTP API.
 */
export class ExactFacilitator {
  private readonly client: PublicClient;
  private readonly wallet: WalletClient<Transport, Chain, Account>;
  private readonly chainId: number;
  private readonly usageChannels: Address;
  private readonly tokens = new Map<string, Promise<{ name: string; version: string } | undefined>>();
  /** Authorizations being used right now: the same one presented twice at once serves once. */
  private readonly inFlight = new Set<string>();

  constructor(p: {
    client: PublicClient;
    wallet: WalletClient<Transport, Chain, Account>;
    chainId: number;
    usageChannels: Address;
  }) {
    this.client = p.client;
    this.wallet = p.wallet;
    this.chainId = p.chainId;
    this.usageChannels = p.usageChannels;
  }

  /** The token's EIP-712 name and version when it implements EIP-3009; undefined otherwise. */
  tokenDomain(token: Address): Promise<{ name: string; version: string } | undefined> {
    const key = token.toLowerCase();
    let found = this.tokens.get(key);
    if (!found) {
      found = (async () => {
        try {
          await this.client.readContract({
            address: token,
            abi: demoUsdAbi,
            functionName: "authorizationState",
            args: ["0x0000000000000000000000000000000000000000", `0x${"00".repeat(32)}`],
          });
          const [, name, version] = await this.client.readContract({
            address: token,
            abi: demoUsdAbi,
            functionName: "eip712Domain",
          });
          return { name, version };
        } catch (error) {
          // The chain not answering says nothing about the token: asked again next time (and a 503 now).
          if (chainUnavailable(error)) {
            if (this.tokens.get(key) === found) this.tokens.delete(key);
            throw error;
          }
          return undefined;
        }
      })();
      this.tokens.set(key, found);
    }
    return found;
  }

  /** The `exact` requirements of an endpoint, or undefined when its token cannot pay that way. */
  async requirements(e: ServedEndpoint): Promise<PaymentRequirements | undefined> {
    const domain = await this.tokenDomain(e.paymentToken);
    if (!domain) return undefined;
    return {
      scheme: EXACT_SCHEME,
      network: networkOf(this.chainId),
      asset: e.paymentToken,
      amount: (e.unitPrice * BigInt(e.maxUnits)).toString(),
      payTo: this.usageChannels,
      maxTimeoutSeconds: 300,
      extra: { ...domain, endpointId: e.endpointId.toString(), unit: e.unit, maxUnitsPerRequest: e.maxUnits },
    };
  }

  /** x402 `verify`: is this payload a valid, unused, funded authorization for these requirements? */
  async verify(payload: PaymentPayload, req: PaymentRequirements): Promise<VerifyResponse> {
    const invalid = (invalidReason: string, payer?: string): VerifyResponse => ({
      isValid: false,
      invalidReason,
      ...(payer ? { payer } : {}),
    });
    const p = payload.payload as Partial<ExactPayload>;
    const a = p.authorization;
    if (!a || typeof p.signature !== "string" || !isHex(p.signature) || !isAddress(String(a.from))) {
      return invalid("malformed_payload");
    }
    if (
      !/^\d{1,78}$/.test(String(a.value)) ||
      !/^\d{1,20}$/.test(String(a.validAfter)) ||
      !/^\d{1,20}$/.test(String(a.validBefore))
    ) {
      return invalid("malformed_payload", a.from);
    }
    if (!isHex(a.nonce) || a.nonce.length !== 66) return invalid("malformed_payload", a.from);
    if (payload.accepted.scheme !== EXACT_SCHEME || req.scheme !== EXACT_SCHEME)
      return invalid("unsupported_scheme", a.from);
    if (payload.accepted.network !== networkOf(this.chainId)) return invalid("invalid_network", a.from);
    if (String(a.to).toLowerCase() !== this.usageChannels.toLowerCase())
      return invalid("invalid_exact_evm_payload_recipient_mismatch", a.from);
    if (BigInt(a.value) < BigInt(req.amount)) return invalid("invalid_exact_evm_payload_authorization_value", a.from);
    const now = BigInt(Math.floor(Date.now() / 1000));
    if (BigInt(a.validBefore) < now + 6n)
      return invalid("invalid_exact_evm_payload_authorization_valid_before", a.from);
    if (BigInt(a.validAfter) > now) return invalid("invalid_exact_evm_payload_authorization_valid_after", a.from);
    const token = req.asset as Address;
    const domain = await this.tokenDomain(token);
    if (!domain) return invalid("unsupported_asset", a.from);
    const signed = await this.client.verifyTypedData({
      address: a.from,
      domain: { ...domain, chainId: this.chainId, verifyingContract: token },
      types: transferWithAuthorizationTypes,
      primaryType: "TransferWithAuthorization",
      message: {
        from: a.from,
        to: a.to as Address,
        value: BigInt(a.value),
        validAfter: BigInt(a.validAfter),
        validBefore: BigInt(a.validBefore),
        nonce: a.nonce,
      },
      signature: p.signature,
    });
    if (!signed) return invalid("invalid_exact_evm_payload_signature", a.from);
    const [used, balance] = await Promise.all([
      this.client.readContract({
        address: token,
        abi: demoUsdAbi,
        functionName: "authorizationState",
        args: [a.from, a.nonce],
      }),
      this.client.readContract({ address: token, abi: demoUsdAbi, functionName: "balanceOf", args: [a.from] }),
    ]);
    if (used) return invalid("invalid_exact_evm_payload_authorization_nonce_used", a.from);
    if (balance < BigInt(a.value)) return invalid("insufficient_funds", a.from);
    return { isValid: true, payer: a.from };
  }

  /** Holds the authorization for one call; false when it is already being used by another request. */
  claim(payload: PaymentPayload): boolean {
    const a = (payload.payload as Partial<ExactPayload>).authorization;
    const key = `${String(a?.from).toLowerCase()}:${String(a?.nonce).toLowerCase()}`;
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    return true;
  }

  release(payload: PaymentPayload): void {
    const a = (payload.payload as Partial<ExactPayload>).authorization;
    this.inFlight.delete(`${String(a?.from).toLowerCase()}:${String(a?.nonce).toLowerCase()}`);
  }

  /**
   * The receipt of a settlement sent as `hash`. Once sent, the payment may land whatever the RPC endpoint answers, so
   * a moment without answers is waited out (up to SETTLE_RECEIPT_WAIT_MS) rather than told to the customer as a failed
   * payment: they would be charged with no answer for it.
   */
  private async receipt(hash: Hex) {
    const deadline = Date.now() + SETTLE_RECEIPT_WAIT_MS;
    for (;;) {
      try {
        return await this.client.waitForTransactionReceipt({ hash });
      } catch (error) {
        if (!chainUnavailable(error) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** x402 `settle`: collects the authorization through UsageChannels, which splits it on chain. */
  async settle(payload: PaymentPayload, req: PaymentRequirements): Promise<SettleResponse> {
    const p = payload.payload as ExactPayload;
    const a = p.authorization;
    const network = networkOf(this.chainId);
    const endpointId = BigInt(String(req.extra.endpointId ?? "0"));
    let hash: Hex | undefined;
    try {
      const call = {
        address: this.usageChannels,
        abi: usageChannelsAbi,
        functionName: "payWithAuthorization",
        args: [endpointId, a.from, BigInt(a.value), BigInt(a.validAfter), BigInt(a.validBefore), a.nonce, p.signature],
      } as const;
      const gas = await gasLimitFor(this.wallet, { ...call, account: this.wallet.account });
      hash = await this.wallet.writeContract({ ...call, gas });
      const receipt = await this.receipt(hash);
      if (receipt.status !== "success") {
        return { success: false, errorReason: "transaction_reverted", transaction: hash, network, payer: a.from };
      }
      return { success: true, transaction: hash, network, payer: a.from, amount: a.value };
    } catch (error) {
      const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
      return {
        success: false,
        errorReason: "settle_failed",
        // Sent, then no receipt: the payment may have landed; its transaction says.
        errorMessage: hash ? `${reason} (sent as ${hash}: look it up before paying again)` : reason,
        transaction: hash ?? "",
        network,
        payer: a.from,
      };
    }
  }
}
