import type { Invocation } from "@aidao/sdk";
import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import type { Address, Hex } from "viem";
import { CHAIN_RETRY_AFTER_SECONDS, chainUnavailable } from "../http/chainUnavailable.ts";
import type { BuiltinModel, ModelCall, ModelResult } from "../models/builtins.ts";
import { callUpstream } from "../models/upstream.ts";
import type { Catalogue, ServedEndpoint } from "./catalogue.ts";
import { GatewayError } from "./errors.ts";
import { EXACT_SCHEME, type ExactFacilitator } from "./exact.ts";
import type { ChannelLedger } from "./ledger.ts";
import { CHANNEL_SCHEME, channelRequirements, channelVoucher } from "./payment.ts";
import { PriorityScheduler } from "./scheduler.ts";
import type { StakerPriority } from "./stakers.ts";

/** What a paid call answers: the model's result and what it cost (the SDK's Invocation is the one definition). */
export type PaidResult = Invocation;

export type GatewayOptions = {
  chainId: number;
  usageChannels: Address;
  catalogue: Catalogue;
  ledger: ChannelLedger;
  stakers: StakerPriority;
  builtins: BuiltinModel[];
  /** Concurrent calls per model (default 4; the built-in face model is CPU-bound: 1 is right on 2 cores). */
  concurrency?: Record<string, number>;
  defaultConcurrency?: number;
  maxQueue?: number;
  maxWaitMs?: number;
  upstreamTimeoutMs?: number;
  /** Fault injection for the crash tests: `afterCharge` kills the process between a durable charge and its answer. */
  failpoint?: "afterCharge" | undefined;
  /** The local x402 facilitator; without it only channel payments are accepted. */
  exact?: ExactFacilitator | undefined;
  now?: () => bigint;
};

/**
 * The metered door to model endpoints: checks the payment before any work, runs the model in its (staker-first)
 * concurrency slot, charges what the model actually produced, makes the charge durable, then answers.
 */
export class Gateway {
  readonly options: GatewayOptions;
  private readonly builtins: Map<string, BuiltinModel>;
  private readonly schedulers = new Map<bigint, PriorityScheduler>();

  constructor(options: GatewayOptions) {
    this.options = options;
    this.builtins = new Map(options.builtins.map((b) => [b.name, b]));
  }

  get catalogue(): Catalogue {
    return this.options.catalogue;
  }

  /** How an endpoint can be paid: by channel voucher, and with x402 `exact` when its token has EIP-3009. */
  async requirements(e: ServedEndpoint): Promise<PaymentRequirements[]> {
    const exact = await this.options.exact?.requirements(e);
    return exact ? [channelRequirements(e, this.options), exact] : [channelRequirements(e, this.options)];
  }

  /** Scheduler state per endpoint (for /v1/models and the health page). */
  load(endpointId: bigint) {
    return this.schedulers.get(endpointId)?.stats;
  }

  /** Serves one paid call; throws a GatewayError (402 for payment problems) when it cannot. */
  async call(e: ServedEndpoint, payment: PaymentPayload, call: Omit<ModelCall, "maxUnits">): Promise<PaidResult> {
    if (payment.accepted?.scheme === EXACT_SCHEME && this.options.exact) return this.callExact(e, payment, call);
    if (payment.accepted?.scheme !== CHANNEL_SCHEME) {
      throw new GatewayError("MALFORMED_PAYMENT", `unsupported payment scheme "${payment.accepted?.scheme}"`, {
        schemes: this.options.exact ? `${CHANNEL_SCHEME}, ${EXACT_SCHEME}` : CHANNEL_SCHEME,
      });
    }
    const voucher = channelVoucher(payment, this.options);
    const now = this.options.now?.() ?? BigInt(Math.floor(Date.now() / 1000));
    const hold = await this.options.ledger.admit(voucher, e, now);
    const customer = hold.state.record.customer;
    let result: ModelResult;
    try {
      // From the cache when it can (no await): the paid call's path is short.
      const preferred = this.options.stakers.cached(customer) ?? (await this.options.stakers.preferred(customer));
      result = await this.scheduler(e).run(preferred, () => this.run(e, { ...call, maxUnits: hold.units }));
      if (!Number.isSafeInteger(result.units) || result.units < 0 || result.units > hold.units) {
        throw new GatewayError("MODEL_FAILED", `the model reported ${result.units} units (0..${hold.units} allowed)`);
      }
    } catch (error) {
      await this.options.ledger.release(hold);
      throw uncharged(error);
    }
    const charge = e.unitPrice * BigInt(result.units);
    await this.options.ledger.settle(hold, charge, result.units);
    if (this.options.failpoint === "afterCharge") process.kill(process.pid, "SIGKILL");
    const r = hold.state.record;
    return {
      result: result.result,
      usage: {
        endpointId: e.endpointId.toString(),
        unit: e.unit,
        units: result.units,
        maxUnits: hold.units,
        unitPrice: e.unitPrice.toString(),
        charge: charge.toString(),
        charged: r.charged.toString(),
        authorised: r.voucherAmount.toString(),
        channelId: r.channelId,
        payer: customer,
      },
    };
  }

  /**
   * A one-off call paid with x402 `exact`: the authorization is verified before any work, the model runs, and only
   * a successful call is settled (on chain, split by UsageChannels); a failed call or settlement leaves it unused.
   */
  private async callExact(
    e: ServedEndpoint,
    payment: PaymentPayload,
    call: Omit<ModelCall, "maxUnits">,
  ): Promise<PaidResult> {
    const exact = this.options.exact as ExactFacilitator;
    const requirements = await exact.requirements(e);
    if (!requirements) {
      throw new GatewayError("WRONG_TOKEN", `endpoint ${e.endpointId}'s token has no EIP-3009: pay with a channel`);
    }
    const verdict = await exact.verify(payment, requirements);
    if (!verdict.isValid) {
      throw new GatewayError("PAYMENT_FAILED", `the exact payment is not valid: ${verdict.invalidReason}`, {
        reason: verdict.invalidReason ?? "invalid",
      });
    }
    if (!exact.claim(payment)) throw new GatewayError("PAYMENT_FAILED", "this authorization is already being used");
    try {
      const payer = verdict.payer as Address;
      const preferred = await this.options.stakers.preferred(payer);
      const result = await this.scheduler(e).run(preferred, () => this.run(e, { ...call, maxUnits: e.maxUnits }));
      const settled = await exact.settle(payment, requirements);
      if (!settled.success) {
        throw new GatewayError("PAYMENT_FAILED", `settlement failed: ${settled.errorMessage ?? settled.errorReason}`, {
          reason: settled.errorReason ?? "settle_failed",
        });
      }
      return {
        result: result.result,
        usage: {
          endpointId: e.endpointId.toString(),
          unit: e.unit,
          units: result.units,
          maxUnits: e.maxUnits,
          unitPrice: e.unitPrice.toString(),
          charge: requirements.amount,
          charged: requirements.amount,
          authorised: requirements.amount,
          channelId: "",
          payer,
          transaction: settled.transaction as Hex,
        },
      };
    } catch (error) {
      throw uncharged(error);
    } finally {
      exact.release(payment);
    }
  }

  private scheduler(e: ServedEndpoint): PriorityScheduler {
    let s = this.schedulers.get(e.endpointId);
    if (!s) {
      const name = e.target.kind === "builtin" ? e.target.name : e.target.url;
      const limit = this.options.concurrency?.[name] ?? this.options.defaultConcurrency ?? 4;
      s = new PriorityScheduler({
        limit,
        ...(this.options.maxQueue !== undefined ? { maxQueue: this.options.maxQueue } : {}),
        ...(this.options.maxWaitMs !== undefined ? { maxWaitMs: this.options.maxWaitMs } : {}),
      });
      this.schedulers.set(e.endpointId, s);
    }
    return s;
  }

  private run(e: ServedEndpoint, call: ModelCall): Promise<ModelResult> {
    if (e.target.kind === "upstream") {
      return callUpstream(e.target.url, e.target.units, call, this.options.upstreamTimeoutMs ?? 30_000);
    }
    const model = this.builtins.get(e.target.name);
    if (!model) throw new GatewayError("UNKNOWN_MODEL", `built-in model "${e.target.name}" is not loaded here`);
    return model.run({ ...call, endpoint: e });
  }
}

/**
 * A failed call, as the customer is told: typed errors as they are, the chain's RPC not answering (a model that reads
 * the chain, such as face recognition's version check) as CHAIN_UNAVAILABLE, anything else as MODEL_FAILED (never
 * charged).
 */
export function uncharged(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const down = chainUnavailable(error);
  if (down) return new GatewayError("CHAIN_UNAVAILABLE", `${down}; nothing was charged`, {}, CHAIN_RETRY_AFTER_SECONDS);
  return new GatewayError("MODEL_FAILED", `the model failed: ${(error as Error).message}; nothing was charged`);
}
