import { Worker } from "node:worker_threads";
import type { Address, Hex } from "viem";
import { type WriterBatch, writeBatch } from "../db/batchWriter.ts";
import type { Database } from "../db/database.ts";
import { ARMED, DONE, DONE_OK } from "../db/writerControl.ts";

/**
 * Where SQLite commits run. `thread`: a writer thread (each batch costs two thread hops). `inline`: on the event loop,
 * once per turn, with the fsync on libuv's pool (no hops, and the loop does not wait for the disk either). On a
 * machine with few cores, inline is faster: the hops cost more than the commit. PostgreSQL always commits inline: the
 * loop does not wait on its commits.
 */
export type WriterMode = "thread" | "inline";

/** What the gateway keeps per channel. The chain's facts are cached; the ledger fields are the gateway's own. */
export type ChannelRecord = {
  channelId: Hex;
  endpointId: bigint;
  customer: Address;
  token: Address;
  recipient: Address;
  expiresAt: bigint;
  /** Σ what requests on this channel were charged: what the gateway will collect. */
  charged: bigint;
  /** What redemptions on chain have collected so far (the channel's `redeemed` as the gateway last saw it). */
  redeemed: bigint;
  /** The highest voucher the customer signed (its amount and signature), proving `charged`. */
  voucherAmount: bigint;
  voucherSignature: Hex | null;
  /** When `charged` first exceeded `redeemed` (unix ms), for redemption by age. */
  unredeemedSince: number | null;
  requests: number;
  /** The lease epoch this replica serves the channel under (0 on a single server, without leases). */
  leaseEpoch: number;
};

/** One answered, charged request (the gateway's usage log: what the web app charts). */
export type UsageEntry = { channelId: Hex; endpointId: bigint; units: number; amount: bigint; at: number };

type Waiter = { resolve: () => void; reject: (e: unknown) => void };

type Row = {
  channel_id: string;
  endpoint_id: string;
  customer: string;
  token: string;
  recipient: string;
  charged: string;
  redeemed: string;
  voucher_amount: string;
  voucher_signature: string | null;
  unredeemed_since: number | null;
  expires_at: number;
  requests: number;
  lease_epoch: number;
};

type UsageRow = { endpoint_id: string; requests: number; units: number; amount: string };
const usage = (r: UsageRow) => ({
  endpointId: BigInt(r.endpoint_id),
  requests: r.requests,
  units: r.units,
  amount: BigInt(r.amount),
});

const fromRow = (r: Row): ChannelRecord => ({
  channelId: r.channel_id as Hex,
  endpointId: BigInt(r.endpoint_id),
  customer: r.customer as Address,
  token: r.token as Address,
  recipient: r.recipient as Address,
  expiresAt: BigInt(r.expires_at),
  charged: BigInt(r.charged),
  redeemed: BigInt(r.redeemed),
  voucherAmount: BigInt(r.voucher_amount),
  voucherSignature: r.voucher_signature as Hex | null,
  unredeemedSince: r.unredeemed_since,
  requests: r.requests,
  leaseEpoch: r.lease_epoch,
});

const SELECT_CHANNEL = "SELECT * FROM gateway_channels WHERE channel_id = ?";

/**
 * The gateway's durable state. Writes are group commits: everything saved while the previous commit was on its way to
 * the disk goes into the next transaction (one fsync), and each saver's promise resolves only once that transaction
 * is committed. A response waits for its promise, so nothing the gateway answered can be lost by a crash.
 */
export class GatewayStore {
  private readonly db: Database;
  private readonly writer: Worker | undefined;
  private dirty = new Map<Hex, ChannelRecord>();
  private usage: UsageEntry[] = [];
  private waiters: Waiter[] = [];
  private inFlight: { id: number; waiters: Waiter[] } | undefined;
  /**
   * Shared with the writer thread (see db/writerThread.ts): the last batch it made durable (DONE) and whether it
   * succeeded (DONE_OK), read at every request (poll) so an acknowledgement does not wait for the loop's next turn;
   * ARMED asks the thread for a message as well, taken back by whichever side sees DONE first.
   */
  private readonly control = new Int32Array(new SharedArrayBuffer(16));
  /** Inline: a commit is scheduled for the end of this turn; how many inline commits have not finished. */
  private scheduled = false;
  private pending = 0;
  private again = false;
  private nextId = 1;
  private closing: Promise<void> | undefined;

  /**
   * `db` is this thread's connection (reads, and inline writes; migrations already applied); `path` is the SQLite file
   * a writer thread opens (`thread` mode: SQLite on a file only).
   */
  constructor(db: Database, path: string, durability: "full" | "normal" = "full", mode: WriterMode = "thread") {
    this.db = db;
    if (mode === "thread" && db.dialect === "sqlite" && path !== ":memory:") {
      const writer = new Worker(new URL("../db/writerThread.ts", import.meta.url), {
        workerData: { path, durability, control: this.control.buffer },
      });
      writer.on("message", (m: { id?: number; ok?: boolean; error?: string }) => this.acknowledged(m));
      writer.on("error", (error) => this.failAll(error));
      this.writer = writer;
    }
  }

  /** Answers the saves that are durable by now (see Database.poll): the ledger calls it at every request. */
  poll(): void {
    this.db.poll?.();
    const batch = this.inFlight;
    const id = (batch?.id ?? 0) | 0;
    if (!batch || Atomics.load(this.control, DONE) !== id || Atomics.load(this.control, DONE_OK) !== 1) return;
    Atomics.compareExchange(this.control, ARMED, id, 0); // seen here: no message needed (one on its way is ignored)
    this.acknowledged({ id: batch.id, ok: true });
  }

  load(channelId: Hex): Promise<ChannelRecord | undefined> {
    return GatewayStore.read(this.db, channelId);
  }

  /** A channel's record read from any connection to the database (tools and tests, without a store). */
  static async read(db: Database, channelId: Hex): Promise<ChannelRecord | undefined> {
    const row = await db.get<Row>(SELECT_CHANNEL, [channelId]);
    return row ? fromRow(row) : undefined;
  }

  /** Every channel with something charged and not yet collected on chain. */
  async unredeemed(): Promise<ChannelRecord[]> {
    const rows = await this.db.all<Row>(
      "SELECT * FROM gateway_channels WHERE voucher_signature IS NOT NULL AND unredeemed_since IS NOT NULL",
    );
    return rows.map(fromRow).filter((r) => r.charged > r.redeemed);
  }

  /** Usage per endpoint: requests, units and amount charged (all time). */
  async usageByEndpoint(): Promise<Array<{ endpointId: bigint; requests: number; units: number; amount: bigint }>> {
    return (await this.db.all<UsageRow>("SELECT * FROM gateway_endpoint_totals ORDER BY endpoint_id")).map(usage);
  }

  /** Usage per minute since `sinceMs` (unix ms), per endpoint: the series the web app charts. */
  async usageSeries(
    sinceMs: number,
  ): Promise<Array<{ endpointId: bigint; minute: number; requests: number; units: number; amount: bigint }>> {
    const rows = await this.db.all<UsageRow & { minute: number }>(
      "SELECT * FROM gateway_usage WHERE minute >= ? ORDER BY endpoint_id, minute",
      [Math.floor(sinceMs / 60_000)],
    );
    return rows.map((r) => ({ ...usage(r), minute: r.minute }));
  }

  /** Saves the channel (a snapshot of it now) and an optional usage entry; resolves when both are committed. */
  save(record: ChannelRecord, usage?: UsageEntry): Promise<void> {
    if (this.closing) return Promise.reject(new Error("the store is closed"));
    this.dirty.set(record.channelId, { ...record });
    if (usage) this.usage.push(usage);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.writer) {
      if (!this.inFlight) this.send();
    } else if (!this.scheduled) {
      // Inline: commit at the end of this turn of the event loop, so every save made in it shares the transaction.
      this.scheduled = true;
      setImmediate(() => this.commitInline());
    }
    return done;
  }

  /** Sends everything pending to the writer thread as one batch (one at a time: the next gathers meanwhile). */
  private send(): void {
    if (this.waiters.length === 0) return;
    const batch = this.take();
    this.inFlight = { id: batch.id, waiters: this.waiters };
    this.waiters = [];
    Atomics.store(this.control, ARMED, batch.id | 0);
    (this.writer as Worker).postMessage(batch);
  }

  private take(): WriterBatch {
    const batch = { id: this.nextId++, records: [...this.dirty.values()], usage: this.usage };
    this.dirty = new Map();
    this.usage = [];
    return batch;
  }

  /**
   * Commits what this turn saved. On SQLite, inline commits do not wait for the previous one's fsync: the connection
   * runs transactions in order and makes them durable off the event loop, in commit order (see SqliteDatabase), so
   * this batch's promise resolves after every earlier one's and the loop keeps serving meanwhile.
   */
  private async commitInline(): Promise<void> {
    this.scheduled = false;
    if (this.waiters.length === 0) return;
    // PostgreSQL commits on a pool, where a later batch could land first and overwrite a channel's newer snapshot with
    // an older one: there, one commit at a time, and what was saved meanwhile goes next.
    if (this.db.dialect !== "sqlite" && this.pending > 0) {
      this.again = true;
      return;
    }
    const waiters = this.waiters;
    this.waiters = [];
    if (waiters.length === 0) return;
    this.pending++;
    try {
      await writeBatch(this.db, this.take());
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(new Error(`the database refused a write: ${(error as Error).message}`));
    } finally {
      this.pending--;
      if (this.again) {
        this.again = false;
        void this.commitInline();
      }
    }
  }

  private acknowledged(m: { id?: number; ok?: boolean; error?: string }): void {
    if (m.id === undefined || !this.inFlight || m.id !== this.inFlight.id) return;
    const { waiters } = this.inFlight;
    this.inFlight = undefined;
    if (m.ok) {
      for (const w of waiters) w.resolve();
    } else {
      for (const w of waiters) w.reject(new Error(`the database refused a write: ${m.error}`));
    }
    this.send();
  }

  private failAll(error: unknown): void {
    for (const w of [...(this.inFlight?.waiters ?? []), ...this.waiters]) w.reject(error);
    this.inFlight = undefined;
    this.waiters = [];
  }

  /** Waits for every pending save, then stops the writer. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.inFlight || this.waiters.length > 0 || this.scheduled || this.pending > 0) {
        this.poll();
        if (this.writer && !this.inFlight) this.send();
        await new Promise((r) => setTimeout(r, 2));
      }
      const writer = this.writer;
      if (!writer) return;
      await new Promise<void>((resolve) => {
        const closed = (m: { closed?: boolean }) => {
          if (!m.closed) return; // a late acknowledgement
          writer.off("message", closed);
          resolve();
        };
        writer.on("message", closed);
        writer.postMessage("close");
      });
      await writer.terminate();
    })();
    return this.closing;
  }

  /** Records a redemption attempt (the redeemer's log). */
  async logRedemption(entry: {
    txHash: Hex | null;
    channels: number;
    claimed: bigint;
    status: string;
    error?: string;
  }): Promise<void> {
    await this.db.run(
      "INSERT INTO gateway_redemptions (tx_hash, channels, claimed, status, error, at) VALUES (?, ?, ?, ?, ?, ?)",
      [entry.txHash, entry.channels, entry.claimed.toString(), entry.status, entry.error ?? null, Date.now()],
    );
  }

  async redemptions(limit = 50): Promise<
    Array<{
      txHash: string | null;
      channels: number;
      claimed: bigint;
      status: string;
      error: string | null;
      at: number;
    }>
  > {
    const rows = await this.db.all<{
      tx_hash: string | null;
      channels: number;
      claimed: string;
      status: string;
      error: string | null;
      at: number;
    }>("SELECT * FROM gateway_redemptions ORDER BY id DESC LIMIT ?", [limit]);
    return rows.map((r) => ({
      txHash: r.tx_hash,
      channels: r.channels,
      claimed: BigInt(r.claimed),
      status: r.status,
      error: r.error,
      at: r.at,
    }));
  }
}
