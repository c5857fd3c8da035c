import type { PaymentPayload } from "@x402/core/types";
import type { Address } from "viem";
import type { BuiltinModel, ModelCall, ModelResult } from "../models/builtins.ts";
import { callUpstream } from "../models/upstream.ts";
import type { Catalogue, ServedEndpoint } from "./catalogue.ts";
import { GatewayError } from "./errors.ts";
import type { ChannelLedger } from "./ledger.ts";
import { CHANNEL_SCHEME, channelRequirements, channelVoucher } from "./payment.ts";
import { PriorityScheduler } from "./scheduler.ts";
import type { StakerPriority } from "./stakers.ts";

/** What a paid call answers: the model's result and what it cost. */
export type PaidResult = {
  result: unknown;
  usage: {
    endpointId: string;
    unit: string;
    units: number;
    /** The most this call could produce: the endpoint's maximum, or fewer when the voucher covered fewer. */
    maxUnits: number;
    unitPrice: string;
    charge: string;
    /** Σ charged on the channel, this request included: the least the next voucher must build on. */
    charged: string;
    /** The highest voucher the gateway holds for the channel. */
    authorised: string;
    channelId: string;
    payer: Address;
  };
};

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

  requirements(e: ServedEndpoint) {
    return [channelRequirements(e, this.options)];
  }

  /** Scheduler state per endpoint (for /v1/models and the health page). */
  load(endpointId: bigint) {
    return this.schedulers.get(endpointId)?.stats;
  }

  /** Serves one paid call; throws a GatewayError (402 for payment problems) when it cannot. */
  async call(e: ServedEndpoint, payment: PaymentPayload, call: Omit<ModelCall, "maxUnits">): Promise<PaidResult> {
    if (payment.accepted?.scheme !== CHANNEL_SCHEME) {
      throw new GatewayError("MALFORMED_PAYMENT", `unsupported payment scheme "${payment.accepted?.scheme}"`, {
        schemes: CHANNEL_SCHEME,
      });
    }
    const voucher = channelVoucher(payment, this.options);
    const now = this.options.now?.() ?? BigInt(Math.floor(Date.now() / 1000));
    const hold = await this.options.ledger.admit(voucher, e, now);
    const customer = hold.state.record.customer;
    let result: ModelResult;
    try {
      const preferred = await this.options.stakers.preferred(customer);
      result = await this.scheduler(e).run(preferred, () => this.run(e, { ...call, maxUnits: hold.units }));
      if (!Number.isSafeInteger(result.units) || result.units < 0 || result.units > hold.units) {
        throw new GatewayError("MODEL_FAILED", `the model reported ${result.units} units (0..${hold.units} allowed)`);
      }
    } catch (error) {
      await this.options.ledger.release(hold);
      throw error instanceof GatewayError
        ? error
        : new GatewayError("MODEL_FAILED", `the model failed: ${(error as Error).message}; nothing was charged`);
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
    return model.run(call);
  }
}
