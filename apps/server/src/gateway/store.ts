import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Address, Hex } from "viem";

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
};

/** One answered, charged request (the gateway's usage log: what the web app charts). */
export type UsageEntry = { channelId: Hex; endpointId: bigint; units: number; amount: bigint; at: number };

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
};

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
});

/**
 * The gateway's durable state in SQLite, written by group commit: everything saved during one turn of the event loop
 * goes into one transaction (one fsync), and each saver's promise resolves only once that transaction is on disk. A
 * response waits for its promise, so nothing the gateway answered can be lost by a crash.
 */
export class GatewayStore {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly insertUsage: StatementSync;
  private readonly selectOne: StatementSync;
  private readonly selectTotals: StatementSync;
  private readonly upsertTotals: StatementSync;
  private dirty = new Map<Hex, ChannelRecord>();
  private usage: UsageEntry[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  /** Transactions committed so far (how well group commit batches: requests answered / commits). */
  commits = 0;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.upsert = db.prepare(
      `INSERT INTO gateway_channels (channel_id, endpoint_id, customer, token, recipient, charged, redeemed,
         voucher_amount, voucher_signature, unredeemed_since, expires_at, requests, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id) DO UPDATE SET charged = excluded.charged, redeemed = excluded.redeemed,
         voucher_amount = excluded.voucher_amount, voucher_signature = excluded.voucher_signature,
         unredeemed_since = excluded.unredeemed_since, expires_at = excluded.expires_at,
         requests = excluded.requests, updated_at = excluded.updated_at`,
    );
    this.insertUsage = db.prepare(
      "INSERT INTO gateway_usage (channel_id, endpoint_id, units, amount, at) VALUES (?, ?, ?, ?, ?)",
    );
    this.selectOne = db.prepare("SELECT * FROM gateway_channels WHERE channel_id = ?");
    this.selectTotals = db.prepare("SELECT requests, units, amount FROM gateway_endpoint_totals WHERE endpoint_id = ?");
    this.upsertTotals = db.prepare(
      `INSERT INTO gateway_endpoint_totals (endpoint_id, requests, units, amount) VALUES (?, ?, ?, ?)
       ON CONFLICT (endpoint_id) DO UPDATE SET requests = excluded.requests, units = excluded.units,
         amount = excluded.amount`,
    );
  }

  load(channelId: Hex): ChannelRecord | undefined {
    const row = this.selectOne.get(channelId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Every channel with something charged and not yet collected on chain. */
  unredeemed(): ChannelRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM gateway_channels WHERE voucher_signature IS NOT NULL AND unredeemed_since IS NOT NULL")
      .all() as Row[];
    return rows.map(fromRow).filter((r) => r.charged > r.redeemed);
  }

  /** Usage per endpoint: requests, units and amount charged (all time). */
  usageByEndpoint(): Array<{ endpointId: bigint; requests: number; units: number; amount: bigint }> {
    const rows = this.db.prepare("SELECT * FROM gateway_endpoint_totals ORDER BY endpoint_id").all() as Array<{
      endpoint_id: string;
      requests: number;
      units: number;
      amount: string;
    }>;
    return rows.map((r) => ({
      endpointId: BigInt(r.endpoint_id),
      requests: r.requests,
      units: r.units,
      amount: BigInt(r.amount),
    }));
  }

  /**
   * Saves the channel (a snapshot of it now) and an optional usage entry; resolves when both are durable. Saves in
   * the same event-loop turn share one transaction.
   */
  save(record: ChannelRecord, usage?: UsageEntry): Promise<void> {
    this.dirty.set(record.channelId, { ...record });
    if (usage) this.usage.push(usage);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return done;
  }

  /** Writes everything pending in one transaction now. */
  flush(): void {
    this.scheduled = false;
    const records = [...this.dirty.values()];
    const usage = this.usage;
    const waiters = this.waiters;
    this.dirty = new Map();
    this.usage = [];
    this.waiters = [];
    if (records.length === 0 && usage.length === 0) {
      for (const w of waiters) w.resolve();
      return;
    }
    const now = Date.now();
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        for (const r of records) {
          this.upsert.run(
            r.channelId,
            r.endpointId.toString(),
            r.customer,
            r.token,
            r.recipient,
            r.charged.toString(),
            r.redeemed.toString(),
            r.voucherAmount.toString(),
            r.voucherSignature,
            r.unredeemedSince,
            Number(r.expiresAt),
            r.requests,
            now,
          );
        }
        for (const u of usage)
          this.insertUsage.run(u.channelId, u.endpointId.toString(), u.units, u.amount.toString(), u.at);
        this.addTotals(usage);
        this.db.exec("COMMIT");
      } catch (error) {
        this.db.exec("ROLLBACK");
        throw error;
      }
      this.commits++;
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(error);
    }
  }

  private addTotals(usage: UsageEntry[]): void {
    const totals = new Map<string, { requests: number; units: number; amount: bigint }>();
    for (const u of usage) {
      const key = u.endpointId.toString();
      const t = totals.get(key) ?? { requests: 0, units: 0, amount: 0n };
      t.requests++;
      t.units += u.units;
      t.amount += u.amount;
      totals.set(key, t);
    }
    for (const [endpointId, t] of totals) {
      const old = this.selectTotals.get(endpointId) as { requests: number; units: number; amount: string } | undefined;
      this.upsertTotals.run(
        endpointId,
        (old?.requests ?? 0) + t.requests,
        (old?.units ?? 0) + t.units,
        (BigInt(old?.amount ?? "0") + t.amount).toString(),
      );
    }
  }

  /** Records a redemption attempt (the redeemer's log). */
  logRedemption(entry: { txHash: Hex | null; channels: number; claimed: bigint; status: string; error?: string }) {
    this.db
      .prepare(
        "INSERT INTO gateway_redemptions (tx_hash, channels, claimed, status, error, at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(entry.txHash, entry.channels, entry.claimed.toString(), entry.status, entry.error ?? null, Date.now());
  }

  redemptions(limit = 50): Array<{
    txHash: string | null;
    channels: number;
    claimed: bigint;
    status: string;
    error: string | null;
    at: number;
  }> {
    const rows = this.db.prepare("SELECT * FROM gateway_redemptions ORDER BY id DESC LIMIT ?").all(limit) as Array<{
      tx_hash: string | null;
      channels: number;
      claimed: string;
      status: string;
      error: string | null;
      at: number;
    }>;
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
