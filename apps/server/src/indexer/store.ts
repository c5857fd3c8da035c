import type { Address, Hex } from "viem";
import type { Database, Queryable, SqlValue } from "../db/database.ts";
import { toJson } from "./contracts.ts";
import { INDEXED_TABLES, type IndexedLog, Projections } from "./projections.ts";

/** A block the indexer has seen: its number and hash. */
export type BlockRef = { number: bigint; hash: Hex };
export type BlockHeader = BlockRef & { parentHash: Hex };

/** A page position: the last row of the previous page, as (block_number, log_index). */
export type Position = { block: number; logIndex: number };

/** An event as the API serves it (and the stream pushes it). */
export type EventRow = {
  id: string;
  blockNumber: number;
  blockHash: Hex;
  blockTime: number | null;
  transactionHash: Hex;
  transactionIndex: number;
  logIndex: number;
  address: Address;
  contract: string;
  daoId: string | null;
  event: string;
  args: Record<string, unknown>;
};

export type EventQuery = {
  contract?: string | undefined;
  event?: string | undefined;
  address?: string | undefined;
  daoId?: string | undefined;
  fromBlock?: number | undefined;
  toBlock?: number | undefined;
  after?: Position | undefined;
  limit: number;
};

/** A page cursor, `<block>-<logIndex>` of the last row served. */
export const positionId = (p: { block_number: number | bigint; log_index: number }) =>
  `${p.block_number}-${p.log_index}`;

type SqlEvent = {
  block_number: number;
  log_index: number;
  block_hash: Hex;
  block_time: number | null;
  tx_hash: Hex;
  tx_index: number;
  address: Address;
  contract: string;
  dao_id: string | null;
  event: string;
  args: string;
};

const eventRow = (r: SqlEvent): EventRow => ({
  id: positionId(r),
  blockNumber: r.block_number,
  blockHash: r.block_hash,
  blockTime: r.block_time,
  transactionHash: r.tx_hash,
  transactionIndex: r.tx_index,
  logIndex: r.log_index,
  address: r.address,
  contract: r.contract,
  daoId: r.dao_id,
  event: r.event,
  args: JSON.parse(r.args) as Record<string, unknown>,
});

/** A WHERE clause built from optional filters, with its parameters in order. */
function conditions() {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  return { where, params, add };
}

const EVENT_COLUMNS =
  "block_number, log_index, block_hash, block_time, tx_hash, tx_index, address, contract, dao_id, event, args";
/**
 * Rows per multi-row INSERT: a range's rows go in statements of these sizes, largest first (a few round trips on
 * PostgreSQL instead of one a row), and only these sizes, so each statement's SQL is one of a few, prepared once.
 */
const BATCH_SIZES = [512, 128, 32, 8, 2, 1];
/** `rows` split into the batch sizes, largest first. */
function* batches<T>(rows: readonly T[]): Generator<T[]> {
  let i = 0;
  for (const size of BATCH_SIZES) {
    for (; rows.length - i >= size; i += size) yield rows.slice(i, i + size);
  }
}
const insertSql = new Map<string, string>();
/** `INSERT … VALUES (…), (…) …` of `rows` rows of `columns` values each, then `tail`. */
function insertRows(head: string, columns: number, rows: number, tail: string): string {
  const key = `${head}|${rows}`;
  let sql = insertSql.get(key);
  if (sql === undefined) {
    sql = `${head} VALUES ${Array(rows)
      .fill(`(${Array(columns).fill("?").join(", ")})`)
      .join(", ")} ${tail}`;
    insertSql.set(key, sql);
  }
  return sql;
}
const INSERT_EVENTS = `INSERT INTO indexer_events (${EVENT_COLUMNS})`;
const UPSERT_BLOCKS = "INSERT INTO indexer_blocks (block_number, block_hash, parent_hash)";
const UPSERT_BLOCKS_TAIL =
  "ON CONFLICT (block_number) DO UPDATE SET block_hash = excluded.block_hash, parent_hash = excluded.parent_hash";
const UPSERT_CURSOR = `INSERT INTO indexer_cursor (id, block_number, block_hash, updated_at) VALUES ('main', ?, ?, ?)
   ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash,
     updated_at = excluded.updated_at`;

/**
 * The indexer's tables: the cursor, the recent block hashes, the decoded logs and their projections. Each range is
 * written in one transaction; with `fence`, that transaction first checks that this indexer still holds its lease
 * (replicas on one PostgreSQL: only the holder writes, so a range is never applied twice).
 */
export class IndexerStore {
  readonly db: Database;
  private readonly projections: Projections;
  /** Checked inside every write transaction (throws to abort it): the indexer's lease, when replicas share the database. */
  fence: ((tx: Queryable) => Promise<void>) | undefined;

  constructor(db: Database, contractOf: (address: Address) => { contract: string } | undefined) {
    this.db = db;
    this.projections = new Projections(contractOf);
  }

  private write<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await this.fence?.(tx);
      return fn(tx);
    });
  }

  /** The last block indexed, or null before the first range. */
  async cursor(): Promise<BlockRef | null> {
    const row = await this.db.get<{ block_number: number; block_hash: Hex }>(
      "SELECT block_number, block_hash FROM indexer_cursor WHERE id = 'main'",
    );
    return row ? { number: BigInt(row.block_number), hash: row.block_hash } : null;
  }

  /** The stored hash of a recent block, or undefined if it is older than the window (or was never seen). */
  async blockHash(number: bigint): Promise<Hex | undefined> {
    return (
      await this.db.get<{ block_hash: Hex }>("SELECT block_hash FROM indexer_blocks WHERE block_number = ?", [number])
    )?.block_hash;
  }

  async eventCount(): Promise<number> {
    return ((await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM indexer_events")) as { n: number }).n;
  }

  /**
   * Writes a range in one transaction: its logs (generic row + projections), the headers seen, and the cursor. Block
   * hashes below `keepFrom` are pruned. With `rows`, returns the rows the logs made (for the live stream).
   */
  apply(
    logs: IndexedLog[],
    headers: BlockHeader[],
    cursor: BlockRef | null,
    keepFrom: bigint,
    rows = false,
  ): Promise<EventRow[]> {
    return this.write(async (tx) => {
      const made: EventRow[] = [];
      const args = logs.map((e) => toJson(e.args));
      let i = 0;
      for (const chunk of batches(logs)) {
        const values: SqlValue[] = [];
        for (const e of chunk) {
          values.push(
            e.blockNumber,
            e.logIndex,
            e.blockHash,
            e.blockTime,
            e.txHash,
            e.txIndex,
            e.address,
            e.contract,
            e.daoId === null ? null : e.daoId.toString(),
            e.event,
            args[i++] as string,
          );
        }
        await tx.run(insertRows(INSERT_EVENTS, 11, chunk.length, "ON CONFLICT DO NOTHING"), values);
      }
      for (const [k, e] of logs.entries()) {
        await this.projections.apply(tx, e);
        if (!rows) continue;
        made.push({
          id: `${e.blockNumber}-${e.logIndex}`,
          blockNumber: Number(e.blockNumber),
          blockHash: e.blockHash,
          blockTime: e.blockTime === null ? null : Number(e.blockTime),
          transactionHash: e.txHash,
          transactionIndex: e.txIndex,
          logIndex: e.logIndex,
          address: e.address,
          contract: e.contract,
          daoId: e.daoId === null ? null : e.daoId.toString(),
          event: e.event,
          args: JSON.parse(args[k] as string) as Record<string, unknown>,
        });
      }
      for (const chunk of batches(headers)) {
        const values = chunk.flatMap((h) => [h.number, h.hash, h.parentHash]);
        await tx.run(insertRows(UPSERT_BLOCKS, 3, chunk.length, UPSERT_BLOCKS_TAIL), values);
      }
      if (cursor) await tx.run(UPSERT_CURSOR, [cursor.number, cursor.hash, Date.now()]);
      await tx.run("DELETE FROM indexer_blocks WHERE block_number < ?", [keepFrom]);
      return made;
    });
  }

  /** Forgets every row made from blocks above `ancestor` and moves the cursor back to it. Returns the events removed. */
  rewind(ancestor: BlockRef): Promise<number> {
    return this.write(async (tx) => {
      let removed = 0;
      for (const [i, t] of INDEXED_TABLES.entries()) {
        const changed = await tx.run(`DELETE FROM ${t} WHERE block_number > ?`, [ancestor.number]);
        if (i === 0) removed = changed;
      }
      await tx.run("DELETE FROM indexer_blocks WHERE block_number > ?", [ancestor.number]);
      await tx.run(UPSERT_CURSOR, [ancestor.number, ancestor.hash, Date.now()]);
      return removed;
    });
  }

  /** The AI DAO contracts discovered from the registry's events, in discovery order. */
  async discoveredContracts(): Promise<
    Array<{ address: Address; contract: string; daoId: string; blockNumber: number }>
  > {
    const rows = await this.db.all<{ address: Address; contract: string; dao_id: string; block_number: number }>(
      "SELECT address, contract, dao_id, block_number FROM indexer_contracts ORDER BY block_number, log_index",
    );
    return rows.map((r) => ({
      address: r.address,
      contract: r.contract,
      daoId: r.dao_id,
      blockNumber: r.block_number,
    }));
  }

  // Reads (the API's).

  async events(q: EventQuery): Promise<EventRow[]> {
    const { where, params, add } = conditions();
    if (q.contract !== undefined) add("contract = ?", q.contract);
    if (q.event !== undefined) add("event = ?", q.event);
    if (q.address !== undefined) add("address = ?", q.address.toLowerCase());
    if (q.daoId !== undefined) add("dao_id = ?", q.daoId);
    if (q.fromBlock !== undefined) add("block_number >= ?", q.fromBlock);
    if (q.toBlock !== undefined) add("block_number <= ?", q.toBlock);
    if (q.after)
      add("(block_number > ? OR (block_number = ? AND log_index > ?))", q.after.block, q.after.block, q.after.logIndex);
    params.push(q.limit);
    const sql = `SELECT * FROM indexer_events ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
                 ORDER BY block_number, log_index LIMIT ?`;
    return (await this.db.all<SqlEvent>(sql, params)).map(eventRow);
  }

  async daos(): Promise<DaoRow[]> {
    const rows = await this.db.all<Record<string, string | number | null>>(
      "SELECT * FROM indexer_daos ORDER BY block_number, log_index",
    );
    return rows.map((r) => ({
      daoId: String(r.dao_id),
      parentId: String(r.parent_id),
      name: r.name === null ? null : String(r.name),
      templateId: String(r.template_id),
      version: Number(r.version),
      mode: (["OnChain", "OffChain", "Both"][Number(r.mode)] ?? String(r.mode)) as DaoRow["mode"],
      treasury: r.treasury as Address,
      token: r.token as Address,
      governor: r.governor as Address,
      timelock: r.timelock as Address,
      safe: r.safe as Address,
      module: r.module as Address,
      creator: r.creator as Address,
      blockNumber: Number(r.block_number),
      transactionHash: r.tx_hash as Hex,
    }));
  }

  async proposals(q: {
    daoId?: string | undefined;
    governor?: string | undefined;
    after?: Position | undefined;
    limit: number;
  }) {
    const { where, params, add } = conditions();
    if (q.daoId !== undefined) add("dao_id = ?", q.daoId);
    if (q.governor !== undefined) add("governor = ?", q.governor.toLowerCase());
    if (q.after)
      add("(block_number > ? OR (block_number = ? AND log_index > ?))", q.after.block, q.after.block, q.after.logIndex);
    params.push(q.limit);
    const rows = await this.db.all<Record<string, string | number | null>>(
      `SELECT * FROM indexer_proposals ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY block_number, log_index LIMIT ?`,
      params,
    );
    const out = [];
    for (const r of rows) {
      const key = [String(r.governor), String(r.proposal_id)];
      const changes = await this.db.all<{ kind: string; at: string | null }>(
        "SELECT kind, at, block_number FROM indexer_proposal_events WHERE governor = ? AND proposal_id = ? ORDER BY block_number, log_index",
        key,
      );
      const votes = await this.db.all<{ support: number; weight: string }>(
        "SELECT support, weight FROM indexer_votes WHERE governor = ? AND proposal_id = ?",
        key,
      );
      let status: "created" | "queued" | "executed" | "canceled" = "created";
      let eta: string | null = null;
      let voteEnd = String(r.vote_end);
      for (const c of changes) {
        if (c.kind === "extended" && c.at !== null) voteEnd = c.at;
        else if (c.kind === "queued") {
          status = "queued";
          eta = c.at;
        } else if (c.kind === "executed" || c.kind === "canceled") status = c.kind;
      }
      const tally = { against: 0n, for: 0n, abstain: 0n };
      let voters = 0;
      for (const v of votes) {
        const side = (["against", "for", "abstain"] as const)[v.support];
        if (side) tally[side] += BigInt(v.weight);
        voters++;
      }
      out.push({
        id: positionId(r as { block_number: number; log_index: number }),
        governor: r.governor as Address,
        proposalId: String(r.proposal_id),
        daoId: r.dao_id === null ? null : String(r.dao_id),
        proposer: r.proposer as Address,
        description: String(r.description),
        calls: JSON.parse(String(r.calls)) as unknown[],
        voteStart: String(r.vote_start),
        voteEnd,
        status,
        eta,
        votes: {
          for: tally.for.toString(),
          against: tally.against.toString(),
          abstain: tally.abstain.toString(),
          voters,
        },
        blockNumber: Number(r.block_number),
        transactionHash: r.tx_hash as Hex,
      });
    }
    return out;
  }

  async channels(q: {
    customer?: string | undefined;
    endpointId?: string | undefined;
    after?: Position | undefined;
    limit: number;
  }) {
    const { where, params, add } = conditions();
    if (q.customer !== undefined) add("customer = ?", q.customer.toLowerCase());
    if (q.endpointId !== undefined) add("endpoint_id = ?", q.endpointId);
    if (q.after)
      add("(block_number > ? OR (block_number = ? AND log_index > ?))", q.after.block, q.after.block, q.after.logIndex);
    params.push(q.limit);
    const rows = await this.db.all<Record<string, string | number | null>>(
      `SELECT * FROM indexer_channels ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY block_number, log_index LIMIT ?`,
      params,
    );
    const out = [];
    for (const r of rows) {
      const changes = await this.db.all<{
        kind: string;
        amount: string | null;
        deposit: string | null;
        expires_at: number | null;
      }>(
        "SELECT kind, amount, deposit, expires_at FROM indexer_channel_changes WHERE channel_id = ? ORDER BY block_number, log_index",
        [String(r.channel_id)],
      );
      const list = await this.db.all<{ cumulative: string; paid: string }>(
        "SELECT cumulative, paid FROM indexer_redemptions WHERE channel_id = ? ORDER BY block_number, log_index",
        [String(r.channel_id)],
      );
      let deposit = BigInt(String(r.deposit));
      let expiresAt = Number(r.expires_at);
      let refunded: string | null = null;
      for (const c of changes) {
        if (c.kind === "topped_up" && c.deposit !== null) deposit = BigInt(c.deposit);
        else if (c.kind === "extended" && c.expires_at !== null) expiresAt = c.expires_at;
        else if (c.kind === "reclaimed") refunded = c.amount;
      }
      let redeemed = 0n;
      let paid = 0n;
      for (const x of list) {
        const cumulative = BigInt(x.cumulative);
        if (cumulative > redeemed) redeemed = cumulative;
        paid += BigInt(x.paid);
      }
      out.push({
        id: positionId(r as { block_number: number; log_index: number }),
        channelId: r.channel_id as Hex,
        customer: r.customer as Address,
        endpointId: String(r.endpoint_id),
        token: r.token as Address,
        recipient: r.recipient as Address,
        deposit: deposit.toString(),
        expiresAt,
        redeemed: redeemed.toString(),
        paid: paid.toString(),
        redemptions: list.length,
        status: refunded !== null ? "reclaimed" : "open",
        refunded,
        blockNumber: Number(r.block_number),
        transactionHash: r.tx_hash as Hex,
      });
    }
    return out;
  }

  /** Executions of Safes (the protocol's and every AI DAO's), oldest first. */
  async safeExecutions(q: {
    safe?: string | undefined;
    safeTxHash?: string | undefined;
    after?: Position | undefined;
    limit: number;
  }) {
    const { where, params, add } = conditions();
    if (q.safe !== undefined) add("safe = ?", q.safe.toLowerCase());
    if (q.safeTxHash !== undefined) add("safe_tx_hash = ?", q.safeTxHash.toLowerCase());
    if (q.after)
      add("(block_number > ? OR (block_number = ? AND log_index > ?))", q.after.block, q.after.block, q.after.logIndex);
    params.push(q.limit);
    const rows = await this.db.all<{
      block_number: number;
      log_index: number;
      tx_hash: Hex;
      safe: Address;
      safe_tx_hash: Hex;
      success: number;
      payment: string;
    }>(
      `SELECT * FROM indexer_safe_executions ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY block_number, log_index LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: positionId(r),
      safe: r.safe,
      safeTxHash: r.safe_tx_hash,
      success: r.success === 1,
      payment: r.payment,
      blockNumber: r.block_number,
      transactionHash: r.tx_hash,
    }));
  }

  /** Row counts of every indexed table (what idempotency is checked against). */
  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of INDEXED_TABLES) {
      out[t] = ((await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)) as { n: number }).n;
    }
    return out;
  }
}

export type DaoRow = {
  daoId: string;
  parentId: string;
  name: string | null;
  templateId: string;
  version: number;
  mode: "OnChain" | "OffChain" | "Both";
  treasury: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  safe: Address;
  module: Address;
  creator: Address;
  blockNumber: number;
  transactionHash: Hex;
};
