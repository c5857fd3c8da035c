// The gateway's batch write: one transaction per batch (one fsync), the channels' new state and the usage it adds.
// The writer thread runs it (SQLite); so can the event loop itself (`--writer inline`, where a thread hop costs more
// than the disk, and on PostgreSQL, whose commits wait on the network, not on this thread).
import type { Database } from "./database.ts";

export type WriterRecord = {
  channelId: string;
  endpointId: bigint;
  customer: string;
  token: string;
  recipient: string;
  expiresAt: bigint;
  charged: bigint;
  redeemed: bigint;
  voucherAmount: bigint;
  voucherSignature: string | null;
  unredeemedSince: number | null;
  requests: number;
  /** The lease epoch the record was written under (0 without leases): an older one no longer overwrites it. */
  leaseEpoch: number;
};
export type WriterUsage = { channelId: string; endpointId: bigint; units: number; amount: bigint; at: number };
export type WriterBatch = { id: number; records: WriterRecord[]; usage: WriterUsage[] };

type Sum = { requests: number; units: number; amount: bigint };

function add<T extends Sum>(map: Map<string, T>, key: string, empty: T, u: WriterUsage): void {
  const t = map.get(key) ?? empty;
  t.requests++;
  t.units += u.units;
  t.amount += u.amount;
  map.set(key, t);
}

function sum(old: { requests: number; units: number; amount: string } | undefined, t: Sum): [number, number, string] {
  return [
    (old?.requests ?? 0) + t.requests,
    (old?.units ?? 0) + t.units,
    (BigInt(old?.amount ?? "0") + t.amount).toString(),
  ];
}

// Fenced: a replica whose lease on the channel was taken over (a lower epoch) writes nothing.
const UPSERT_CHANNEL = `INSERT INTO gateway_channels (channel_id, endpoint_id, customer, token, recipient, charged,
     redeemed, voucher_amount, voucher_signature, unredeemed_since, expires_at, requests, updated_at, lease_epoch)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (channel_id) DO UPDATE SET charged = excluded.charged, redeemed = excluded.redeemed,
     voucher_amount = excluded.voucher_amount, voucher_signature = excluded.voucher_signature,
     unredeemed_since = excluded.unredeemed_since, expires_at = excluded.expires_at,
     requests = excluded.requests, updated_at = excluded.updated_at, lease_epoch = excluded.lease_epoch
   WHERE excluded.lease_epoch >= gateway_channels.lease_epoch`;
const UPDATE_CHANNEL = `UPDATE gateway_channels SET charged = ?, redeemed = ?, voucher_amount = ?, voucher_signature = ?,
     unredeemed_since = ?, expires_at = ?, requests = ?, updated_at = ?, lease_epoch = ?
   WHERE channel_id = ? AND lease_epoch <= ?`;
const SELECT_MINUTE = "SELECT requests, units, amount FROM gateway_usage WHERE endpoint_id = ? AND minute = ?";
const UPSERT_MINUTE = `INSERT INTO gateway_usage (endpoint_id, minute, requests, units, amount) VALUES (?, ?, ?, ?, ?)
   ON CONFLICT (endpoint_id, minute) DO UPDATE SET requests = excluded.requests, units = excluded.units,
     amount = excluded.amount`;
const SELECT_TOTALS = "SELECT requests, units, amount FROM gateway_endpoint_totals WHERE endpoint_id = ?";
const UPSERT_TOTALS = `INSERT INTO gateway_endpoint_totals (endpoint_id, requests, units, amount) VALUES (?, ?, ?, ?)
   ON CONFLICT (endpoint_id) DO UPDATE SET requests = excluded.requests, units = excluded.units,
     amount = excluded.amount`;

type UsageSums = { requests: number; units: number; amount: string };

/** Commits one batch in one transaction (or throws, rolled back). */
export function writeBatch(db: Database, batch: WriterBatch): Promise<void> {
  const now = Date.now();
  return db.transaction(async (tx) => {
    for (const r of batch.records) {
      // The ledger's fields, in the order both statements take them.
      const ledger = [
        r.charged.toString(),
        r.redeemed.toString(),
        r.voucherAmount.toString(),
        r.voucherSignature,
        r.unredeemedSince,
        Number(r.expiresAt),
        r.requests,
        now,
        r.leaseEpoch,
      ];
      // Most batches update channels already stored: only the ledger's fields (a row not there yet, or fenced, goes
      // through the full upsert, which inserts it or refuses).
      if ((await tx.run(UPDATE_CHANNEL, [...ledger, r.channelId, r.leaseEpoch])) === 1) continue;
      const written = await tx.run(UPSERT_CHANNEL, [
        r.channelId,
        r.endpointId.toString(),
        r.customer,
        r.token,
        r.recipient,
        ...ledger,
      ]);
      if (written === 0) {
        throw new Error(
          `channel ${r.channelId} is served by another replica now (this one's lease ${r.leaseEpoch} ended)`,
        );
      }
    }
    // Usage is kept per endpoint and minute (what charts need), and per endpoint in all: a few rows per batch.
    const totals = new Map<string, Sum>();
    const minutes = new Map<string, Sum & { endpointId: string; minute: number }>();
    for (const u of batch.usage) {
      const endpointId = u.endpointId.toString();
      const minute = Math.floor(u.at / 60_000);
      add(totals, endpointId, { requests: 0, units: 0, amount: 0n }, u);
      add(minutes, `${endpointId}:${minute}`, { endpointId, minute, requests: 0, units: 0, amount: 0n }, u);
    }
    for (const [endpointId, t] of totals) {
      const old = await tx.get<UsageSums>(SELECT_TOTALS, [endpointId]);
      await tx.run(UPSERT_TOTALS, [endpointId, ...sum(old, t)]);
    }
    for (const m of minutes.values()) {
      const old = await tx.get<UsageSums>(SELECT_MINUTE, [m.endpointId, m.minute]);
      await tx.run(UPSERT_MINUTE, [m.endpointId, m.minute, ...sum(old, m)]);
    }
  });
}
