import { type UsageChannel, usageChannelsAbi } from "@aidao/sdk";
import { type Address, type Hex, type PublicClient, parseAbi, toHex } from "viem";
import type { Database } from "../db/database.ts";
import { acquireLease, type Lease, releaseLease } from "../db/lease.ts";
import { refusedAs } from "../http/chainUnavailable.ts";
import { GatewayError } from "./errors.ts";
import type { ChannelRecord, GatewayStore } from "./store.ts";
import type { VoucherContext, VoucherVerifier, VoucherVerifierPool } from "./voucherVerifier.ts";

const erc1271Abi = parseAbi(["function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)"]);
/** What ERC-1271's isValidSignature returns for a valid signature (its selector). */
const ERC1271_MAGIC = "0x1626ba7e";

/** A channel as the gateway holds it in memory: its durable record, the chain's deposit, and what is in flight. */
export type ChannelState = {
  record: ChannelRecord;
  /** The deposit as last read from the chain (top-ups raise it; the gateway re-reads when a voucher exceeds it). */
  deposit: bigint;
  /** Σ the maximum charges of requests admitted and not yet settled. */
  reserved: bigint;
  voucher: VoucherContext;
  /** The customer is a contract (a smart wallet): its vouchers are checked with ERC-1271, as the chain will. */
  wallet: boolean;
  /** This replica's lease on the channel (replicas on one PostgreSQL): it serves the channel only while it holds it. */
  lease?: Lease;
  /** Last admitted request (unix ms): the lease is renewed while the channel is in use. */
  usedAt: number;
};

/**
 * Replicas on one database: each channel is served by one replica at a time, the holder of its lease. The holder
 * keeps serving from memory (no database round trip per request); a replica that takes a lease over reloads the
 * channel from the database, and the lease's epoch fences the writes of the replica that lost it.
 */
export type LeaseOptions = {
  db: Database;
  /** This replica's name (unique among replicas). */
  owner: string;
  /** How long a lease lasts (ms); the holder renews it at a third of that, and stops admitting a margin before. */
  ttlMs?: number;
};

/** An admitted request's hold on its channel (`units` at most, `max` in tokens): released with what it cost. */
export type Reservation = { state: ChannelState; units: number; max: bigint; settled: boolean };

/** A voucher as a request presents it. */
export type PresentedVoucher = { channelId: Hex; cumulativeAmount: bigint; signature: Hex; signatureBytes: Uint8Array };

/**
 * The gateway's per-channel accounting. Invariants (tested by name in ledger.test.ts):
 * - charged + reserved <= the highest verified voucher <= the deposit, at every moment, for every channel: whatever
 *   the concurrency, a request is admitted only while its voucher covers everything charged, everything in flight at
 *   its maximum, and at least one unit of it (its own maximum is capped to what the voucher still covers), so N
 *   parallel requests with one voucher get at most what it pays for;
 * - a request's charge (and the voucher proving it) is durable before the request is answered;
 * - a failed request is not charged.
 * Admission re-checks the amount after the (possibly off-thread) signature check, with no await between that last
 * check and the hold, which is what makes it atomic in one process.
 */
export class ChannelLedger {
  private readonly client: PublicClient;
  private readonly usageChannels: Address;
  private readonly store: GatewayStore;
  private readonly verifier: VoucherVerifier;
  private readonly check: (ctx: VoucherContext, amount: bigint, signature: Uint8Array) => boolean | Promise<boolean>;
  private readonly expiryMarginSeconds: bigint;
  private readonly channels = new Map<Hex, ChannelState>();
  private readonly loading = new Map<Hex, Promise<ChannelState>>();
  private readonly leases: (LeaseOptions & { ttlMs: number }) | undefined;
  private readonly leasing = new Map<Hex, Promise<void>>();
  private renewer: ReturnType<typeof setInterval> | undefined;

  constructor(p: {
    client: PublicClient;
    usageChannels: Address;
    store: GatewayStore;
    verifier: VoucherVerifier;
    /** Checks voucher signatures off the event loop (default: on it, with `verifier`). */
    pool?: VoucherVerifierPool | undefined;
    /** Requests are refused this long before a channel expires, so the last charges can still be redeemed. */
    expiryMarginSeconds?: number;
    /** Several replicas on one database: serve a channel only under its lease. */
    leases?: LeaseOptions | undefined;
  }) {
    this.client = p.client;
    this.usageChannels = p.usageChannels;
    this.store = p.store;
    this.verifier = p.verifier;
    const pool = p.pool;
    this.check = pool
      ? (ctx, amount, sig) => pool.verify(ctx, amount, sig)
      : (ctx, amount, sig) => p.verifier.verify(ctx, amount, sig);
    this.expiryMarginSeconds = BigInt(p.expiryMarginSeconds ?? 60);
    if (p.leases) {
      const leases = { ...p.leases, ttlMs: p.leases.ttlMs ?? 15_000 };
      this.leases = leases;
      this.renewer = setInterval(() => void this.renewLeases(), leases.ttlMs / 3);
      this.renewer.unref();
    }
  }

  /** The margin before a lease's end after which its holder admits nothing more (in-flight calls end within it). */
  private get leaseMargin(): number {
    return (this.leases?.ttlMs ?? 0) / 3;
  }

  /**
   * Makes sure this replica holds the channel's lease (taking it if it is free or expired). A lease taken over from
   * another replica (a new epoch) reloads the channel from the database: what the other replica charged is there.
   */
  private async holdLease(state: ChannelState): Promise<void> {
    const leases = this.leases;
    if (!leases) return;
    if (state.lease && state.lease.until - this.leaseMargin > Date.now()) return;
    const id = state.record.channelId;
    let pending = this.leasing.get(id);
    if (!pending) {
      pending = this.takeLease(state, leases).finally(() => this.leasing.delete(id));
      this.leasing.set(id, pending);
    }
    await pending;
  }

  private async takeLease(state: ChannelState, leases: LeaseOptions & { ttlMs: number }): Promise<void> {
    const id = state.record.channelId;
    const lease = await acquireLease(leases.db, `channel:${id}`, leases.owner, leases.ttlMs);
    if (!lease) {
      const retry = Math.ceil(leases.ttlMs / 1000);
      throw new GatewayError(
        "CHANNEL_ELSEWHERE",
        `channel ${id} is being served by another replica of this gateway: retry in ${retry} s (or keep calls of one channel on one replica)`,
        { channelId: id },
        retry,
      );
    }
    if (state.lease?.epoch !== lease.epoch) {
      // Another replica may have served it meanwhile: its charges and vouchers are in the database.
      const stored = await this.store.load(id);
      if (stored) {
        const r = state.record;
        r.charged = stored.charged;
        r.requests = stored.requests;
        r.unredeemedSince = stored.unredeemedSince;
        if (stored.redeemed > r.redeemed) r.redeemed = stored.redeemed;
        if (stored.voucherAmount >= r.voucherAmount) {
          r.voucherAmount = stored.voucherAmount;
          r.voucherSignature = stored.voucherSignature;
        }
      }
    }
    state.lease = lease;
    state.record.leaseEpoch = lease.epoch;
  }

  /** Renews the leases of channels in use (or with calls in flight); forgets the others (another replica may take them). */
  private async renewLeases(): Promise<void> {
    const leases = this.leases;
    if (!leases) return;
    const now = Date.now();
    for (const [id, state] of this.channels) {
      if (!state.lease) continue;
      if (state.reserved === 0n && now - state.usedAt > leases.ttlMs) {
        this.channels.delete(id); // idle: reloaded (and its lease retaken) on its next call
        continue;
      }
      const lease = await acquireLease(leases.db, `channel:${id}`, leases.owner, leases.ttlMs).catch(() => undefined);
      if (lease && lease.epoch === state.lease.epoch) state.lease = lease;
    }
  }

  /** Stops renewing and gives the leases up, so other replicas take the channels at once (graceful shutdown). */
  async close(): Promise<void> {
    if (this.renewer) clearInterval(this.renewer);
    const leases = this.leases;
    if (!leases) return;
    for (const [id, state] of this.channels) {
      if (state.lease) await releaseLease(leases.db, `channel:${id}`, leases.owner).catch(() => undefined);
    }
  }

  /** The channel's state: from memory, else the database, else the chain (concurrent first loads share one read). */
  async channel(channelId: Hex): Promise<ChannelState> {
    const known = this.channels.get(channelId);
    if (known) return known;
    let pending = this.loading.get(channelId);
    if (!pending) {
      pending = this.load(channelId).finally(() => this.loading.delete(channelId));
      this.loading.set(channelId, pending);
    }
    return pending;
  }

  private async load(channelId: Hex): Promise<ChannelState> {
    const onChain = await this.readChain(channelId);
    const stored = await this.store.load(channelId);
    const code = await this.client.getCode({ address: onChain.customer });
    const record: ChannelRecord = stored ?? {
      channelId,
      endpointId: onChain.endpointId,
      customer: onChain.customer,
      token: onChain.token,
      recipient: onChain.recipient,
      expiresAt: onChain.expiresAt,
      charged: 0n,
      redeemed: onChain.redeemed,
      voucherAmount: 0n,
      voucherSignature: null,
      unredeemedSince: null,
      requests: 0,
      leaseEpoch: 0,
    };
    record.expiresAt = onChain.expiresAt;
    if (onChain.redeemed > record.redeemed) record.redeemed = onChain.redeemed;
    const state: ChannelState = {
      record,
      deposit: onChain.deposit,
      reserved: 0n,
      voucher: this.verifier.context(record),
      wallet: code !== undefined && code !== "0x",
      usedAt: Date.now(),
    };
    this.channels.set(channelId, state);
    return state;
  }

  private async readChain(channelId: Hex): Promise<UsageChannel> {
    const c = await this.client.readContract({
      address: this.usageChannels,
      abi: usageChannelsAbi,
      functionName: "channel",
      args: [channelId],
    });
    if (c.customer === "0x0000000000000000000000000000000000000000") {
      throw new GatewayError(
        "UNKNOWN_CHANNEL",
        `channel ${channelId} is not open on this contract (never opened, or reclaimed)`,
        {
          channelId,
        },
      );
    }
    return { channelId, ...c, endpointId: BigInt(c.endpointId), modelId: BigInt(c.modelId) };
  }

  /** Re-reads the chain's deposit and expiry (after a top-up or an extension). */
  async refresh(state: ChannelState): Promise<void> {
    const c = await this.readChain(state.record.channelId);
    state.deposit = c.deposit;
    state.record.expiresAt = c.expiresAt;
    if (c.redeemed > state.record.redeemed) state.record.redeemed = c.redeemed;
  }

  /**
   * Admits a request that may cost up to `max` on the voucher's channel, or throws why not. Checks, in order: the
   * channel serves this endpoint and token, it has not expired, the voucher is within the deposit (re-reading the
   * chain once if not), covers everything charged plus everything in flight plus `max`, and is signed by the channel's
   * customer. A valid higher voucher becomes the channel's proof.
   */
  async admit(
    v: PresentedVoucher,
    endpoint: { endpointId: bigint; paymentToken: Address; unitPrice: bigint; maxUnits: number },
    nowSeconds: bigint,
  ): Promise<Reservation> {
    // Every request is a moment to answer the earlier ones whose charges are durable by now.
    this.store.poll();
    const price = endpoint.unitPrice;
    // A known channel without leases needs no await (each is a turn of the microtask queue on the paid call's path).
    const state = this.channels.get(v.channelId) ?? (await this.channel(v.channelId));
    if (this.leases) await this.holdLease(state);
    state.usedAt = Date.now();
    const r = state.record;
    if (r.endpointId !== endpoint.endpointId) {
      throw new GatewayError(
        "WRONG_ENDPOINT",
        `channel ${r.channelId} pays endpoint ${r.endpointId}, not ${endpoint.endpointId}`,
        {
          channelId: r.channelId,
          channelEndpointId: r.endpointId,
        },
      );
    }
    if (r.token.toLowerCase() !== endpoint.paymentToken.toLowerCase()) {
      throw new GatewayError(
        "WRONG_TOKEN",
        `channel ${r.channelId} holds ${r.token}; the endpoint is now paid in ${endpoint.paymentToken}`,
        {
          channelId: r.channelId,
        },
      );
    }
    if (nowSeconds + this.expiryMarginSeconds >= r.expiresAt) await this.refresh(state); // extended since?
    if (nowSeconds + this.expiryMarginSeconds >= r.expiresAt) {
      throw new GatewayError(
        "CHANNEL_EXPIRED",
        `channel ${r.channelId} expires at ${r.expiresAt}: extend it or open another`,
        {
          channelId: r.channelId,
          expiresAt: r.expiresAt,
        },
      );
    }
    if (v.cumulativeAmount > state.deposit) await this.refresh(state); // topped up since?
    if (v.cumulativeAmount > state.deposit) {
      throw new GatewayError(
        "DEPOSIT_TOO_LOW",
        `the voucher authorises ${v.cumulativeAmount} but channel ${r.channelId} holds ${state.deposit}: top it up`,
        { channelId: r.channelId, deposit: state.deposit, cumulativeAmount: v.cumulativeAmount },
      );
    }
    // Too low even before any signature work: refuse at once.
    this.requireCovers(state, v, price);
    const known = v.cumulativeAmount === r.voucherAmount && v.signature === r.voucherSignature;
    if (!known && !(await this.checkVoucher(state, v))) {
      throw new GatewayError(
        "INVALID_SIGNATURE",
        `the voucher is not signed by channel ${r.channelId}'s customer ${r.customer} for this chain, contract, channel, token and recipient`,
        { channelId: r.channelId, customer: r.customer },
      );
    }
    // From here to the hold: no await, so concurrent requests see each other's holds (the check above may be stale).
    this.requireCovers(state, v, price);
    if (v.cumulativeAmount > r.voucherAmount) {
      r.voucherAmount = v.cumulativeAmount;
      r.voucherSignature = v.signature;
    }
    // The call may produce as many units as the voucher still covers, up to the endpoint's maximum: a channel is
    // usable down to its last unit (the model is told the cap, e.g. at most that many faces).
    const covered = (v.cumulativeAmount - r.charged - state.reserved) / price;
    const units = covered < BigInt(endpoint.maxUnits) ? Number(covered) : endpoint.maxUnits;
    const max = price * BigInt(units);
    state.reserved += max;
    return { state, units, max, settled: false };
  }

  /** An EOA's voucher by key recovery (fast); a smart wallet's by calling its ERC-1271 `isValidSignature`. */
  private async checkVoucher(state: ChannelState, v: PresentedVoucher): Promise<boolean> {
    if (!state.wallet) return this.check(state.voucher, v.cumulativeAmount, v.signatureBytes);
    // Asked as the chain asks it (SignatureChecker: ERC-1271 for a contract), not through viem's verifyTypedData, which
    // answers false when the call fails on the way: a chain that did not answer is not a refused signature.
    const magic = await this.client
      .readContract({
        address: state.record.customer,
        abi: erc1271Abi,
        functionName: "isValidSignature",
        args: [toHex(this.verifier.digest(state.voucher, v.cumulativeAmount)), v.signature],
      })
      .catch(refusedAs(undefined)); // a revert: the wallet refused it
    return magic === ERC1271_MAGIC;
  }

  /** The voucher must cover everything charged, everything in flight, and at least one unit of this call. */
  private requireCovers(state: ChannelState, v: PresentedVoucher, price: bigint): void {
    const r = state.record;
    const required = r.charged + state.reserved + price;
    if (v.cumulativeAmount < required) {
      throw new GatewayError(
        "VOUCHER_TOO_LOW",
        `the voucher authorises ${v.cumulativeAmount}; a call needs at least ${required} (charged ${r.charged}, in flight ${state.reserved}, one unit ${price})`,
        {
          channelId: r.channelId,
          charged: r.charged,
          inFlight: state.reserved,
          required,
          cumulativeAmount: v.cumulativeAmount,
        },
      );
    }
  }

  /**
   * Charges `amount` (≤ the hold) for an answered request and resolves once the charge and its voucher are durable:
   * the caller answers only then.
   */
  settle(res: Reservation, amount: bigint, units: number): Promise<void> {
    if (res.settled) throw new Error("a reservation is settled once");
    if (amount > res.max) throw new Error(`charge ${amount} above the hold ${res.max}`);
    res.settled = true;
    const { state } = res;
    state.reserved -= res.max;
    const r = state.record;
    r.charged += amount;
    r.requests++;
    if (amount > 0n && r.unredeemedSince === null) r.unredeemedSince = Date.now();
    return this.store.save(r, { channelId: r.channelId, endpointId: r.endpointId, units, amount, at: Date.now() });
  }

  /** Releases the hold of a request that failed: nothing is charged (a higher voucher it brought is kept). */
  release(res: Reservation): Promise<void> {
    if (res.settled) return Promise.resolve();
    res.settled = true;
    res.state.reserved -= res.max;
    return this.store.save(res.state.record);
  }

  /** Records what the chain has collected for a channel (after a redemption). */
  async markRedeemed(channelId: Hex, redeemed: bigint): Promise<void> {
    const state = this.channels.get(channelId);
    const record = state?.record ?? (await this.store.load(channelId));
    if (!record) return;
    if (redeemed > record.redeemed) record.redeemed = redeemed;
    record.unredeemedSince = record.charged > record.redeemed ? (record.unredeemedSince ?? Date.now()) : null;
    return this.store.save(record);
  }
}
