import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { Address, Hex } from "viem";
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
  const params: SQLInputValue[] = [];
  const add = (clause: string, ...values: SQLInputValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  return { where, params, add };
}

/** The indexer's tables: the cursor, the recent block hashes, the decoded logs and their projections. */
export class IndexerStore {
  readonly db: DatabaseSync;
  private readonly projections: Projections;
  private readonly insertEvent: StatementSync;
  private readonly upsertBlock: StatementSync;
  private readonly upsertCursor: StatementSync;
  private readonly selectCursor: StatementSync;
  private readonly selectBlock: StatementSync;
  private readonly pruneBlocks: StatementSync;
  private readonly deleteAbove: StatementSync[];
  private readonly deleteBlocksAbove: StatementSync;
  private readonly countEvents: StatementSync;

  constructor(db: DatabaseSync, contractOf: (address: Address) => { contract: string } | undefined) {
    this.db = db;
    this.projections = new Projections(db, contractOf);
    this.insertEvent = db.prepare(
      `INSERT INTO indexer_events
         (block_number, log_index, block_hash, block_time, tx_hash, tx_index, address, contract, dao_id, event, args)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.upsertBlock = db.prepare(
      `INSERT INTO indexer_blocks (block_number, block_hash, parent_hash) VALUES (?, ?, ?)
       ON CONFLICT (block_number) DO UPDATE SET block_hash = excluded.block_hash, parent_hash = excluded.parent_hash`,
    );
    this.upsertCursor = db.prepare(
      `INSERT INTO indexer_cursor (id, block_number, block_hash, updated_at) VALUES ('main', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash,
         updated_at = excluded.updated_at`,
    );
    this.selectCursor = db.prepare("SELECT block_number, block_hash FROM indexer_cursor WHERE id = 'main'");
    this.selectBlock = db.prepare("SELECT block_hash FROM indexer_blocks WHERE block_number = ?");
    this.pruneBlocks = db.prepare("DELETE FROM indexer_blocks WHERE block_number < ?");
    this.deleteAbove = INDEXED_TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE block_number > ?`));
    this.deleteBlocksAbove = db.prepare("DELETE FROM indexer_blocks WHERE block_number > ?");
    this.countEvents = db.prepare("SELECT COUNT(*) AS n FROM indexer_events");
  }

  /** Runs `fn` atomically: its own transaction, or a savepoint of one the connection already has open. */
  transaction<T>(fn: () => T): T {
    const nested = this.db.isTransaction;
    this.db.exec(nested ? "SAVEPOINT indexer" : "BEGIN IMMEDIATE");
    try {
      const out = fn();
      this.db.exec(nested ? "RELEASE indexer" : "COMMIT");
      return out;
    } catch (error) {
      if (nested) {
        this.db.exec("ROLLBACK TO indexer");
        this.db.exec("RELEASE indexer");
      } else if (this.db.isTransaction) {
        this.db.exec("ROLLBACK");
      }
      throw error;
    }
  }

  /** The last block indexed, or null before the first range. */
  cursor(): BlockRef | null {
    const row = this.selectCursor.get() as { block_number: number; block_hash: Hex } | undefined;
    return row ? { number: BigInt(row.block_number), hash: row.block_hash } : null;
  }

  /** The stored hash of a recent block, or undefined if it is older than the window (or was never seen). */
  blockHash(number: bigint): Hex | undefined {
    return (this.selectBlock.get(number) as { block_hash: Hex } | undefined)?.block_hash;
  }

  eventCount(): number {
    return (this.countEvents.get() as { n: number }).n;
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
  ): EventRow[] {
    return this.transaction(() => {
      const made: EventRow[] = [];
      for (const e of logs) {
        const args = toJson(e.args);
        const dao = e.daoId === null ? null : e.daoId.toString();
        const time = e.blockTime === null ? null : e.blockTime;
        this.insertEvent.run(
          e.blockNumber,
          e.logIndex,
          e.blockHash,
          time,
          e.txHash,
          e.txIndex,
          e.address,
          e.contract,
          dao,
          e.event,
          args,
        );
        this.projections.apply(e);
        if (!rows) continue;
        made.push({
          id: `${e.blockNumber}-${e.logIndex}`,
          blockNumber: Number(e.blockNumber),
          blockHash: e.blockHash,
          blockTime: time === null ? null : Number(time),
          transactionHash: e.txHash,
          transactionIndex: e.txIndex,
          logIndex: e.logIndex,
          address: e.address,
          contract: e.contract,
          daoId: dao,
          event: e.event,
          args: JSON.parse(args) as Record<string, unknown>,
        });
      }
      for (const h of headers) this.upsertBlock.run(h.number, h.hash, h.parentHash);
      if (cursor) this.upsertCursor.run(cursor.number, cursor.hash, Date.now());
      this.pruneBlocks.run(keepFrom);
      return made;
    });
  }

  /** Forgets every row made from blocks above `ancestor` and moves the cursor back to it. Returns the events removed. */
  rewind(ancestor: BlockRef): number {
    return this.transaction(() => {
      let removed = 0;
      for (const [i, stmt] of this.deleteAbove.entries()) {
        const r = stmt.run(ancestor.number);
        if (i === 0) removed = Number(r.changes);
      }
      this.deleteBlocksAbove.run(ancestor.number);
      this.upsertCursor.run(ancestor.number, ancestor.hash, Date.now());
      return removed;
    });
  }

  /** The AI DAO contracts discovered from the registry's events, in discovery order. */
  discoveredContracts(): Array<{ address: Address; contract: string; daoId: string; blockNumber: number }> {
    return (
      this.db
        .prepare(
          "SELECT address, contract, dao_id, block_number FROM indexer_contracts ORDER BY block_number, log_index",
        )
        .all() as Array<{ address: Address; contract: string; dao_id: string; block_number: number }>
    ).map((r) => ({ address: r.address, contract: r.contract, daoId: r.dao_id, blockNumber: r.block_number }));
  }

  // Reads (the API's).

  events(q: EventQuery): EventRow[] {
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
    return (this.db.prepare(sql).all(...params) as SqlEvent[]).map(eventRow);
  }

  daos(): DaoRow[] {
    const rows = this.db.prepare("SELECT * FROM indexer_daos ORDER BY block_number, log_index").all() as Array<
      Record<string, string | number | null>
    >;
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

  proposals(q: {
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
    const rows = this.db
      .prepare(
        `SELECT * FROM indexer_proposals ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY block_number, log_index LIMIT ?`,
      )
      .all(...params) as Array<Record<string, string | number | null>>;
    const changes = this.db.prepare(
      "SELECT kind, at, block_number FROM indexer_proposal_events WHERE governor = ? AND proposal_id = ? ORDER BY block_number, log_index",
    );
    const votes = this.db.prepare("SELECT support, weight FROM indexer_votes WHERE governor = ? AND proposal_id = ?");
    return rows.map((r) => {
      let status: "created" | "queued" | "executed" | "canceled" = "created";
      let eta: string | null = null;
      let voteEnd = String(r.vote_end);
      for (const c of changes.all(String(r.governor), String(r.proposal_id)) as Array<{
        kind: string;
        at: string | null;
      }>) {
        if (c.kind === "extended" && c.at !== null) voteEnd = c.at;
        else if (c.kind === "queued") {
          status = "queued";
          eta = c.at;
        } else if (c.kind === "executed" || c.kind === "canceled") status = c.kind;
      }
      const tally = { against: 0n, for: 0n, abstain: 0n };
      let voters = 0;
      for (const v of votes.all(String(r.governor), String(r.proposal_id)) as Array<{
        support: number;
        weight: string;
      }>) {
        const side = (["against", "for", "abstain"] as const)[v.support];
        if (side) tally[side] += BigInt(v.weight);
        voters++;
      }
      return {
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
      };
    });
  }

  channels(q: {
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
    const rows = this.db
      .prepare(
        `SELECT * FROM indexer_channels ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY block_number, log_index LIMIT ?`,
      )
      .all(...params) as Array<Record<string, string | number | null>>;
    const changes = this.db.prepare(
      "SELECT kind, amount, deposit, expires_at FROM indexer_channel_changes WHERE channel_id = ? ORDER BY block_number, log_index",
    );
    const redemptions = this.db.prepare(
      "SELECT cumulative, paid FROM indexer_redemptions WHERE channel_id = ? ORDER BY block_number, log_index",
    );
    return rows.map((r) => {
      let deposit = BigInt(String(r.deposit));
      let expiresAt = Number(r.expires_at);
      let refunded: string | null = null;
      for (const c of changes.all(String(r.channel_id)) as Array<{
        kind: string;
        amount: string | null;
        deposit: string | null;
        expires_at: number | null;
      }>) {
        if (c.kind === "topped_up" && c.deposit !== null) deposit = BigInt(c.deposit);
        else if (c.kind === "extended" && c.expires_at !== null) expiresAt = c.expires_at;
        else if (c.kind === "reclaimed") refunded = c.amount;
      }
      let redeemed = 0n;
      let paid = 0n;
      const list = redemptions.all(String(r.channel_id)) as Array<{ cumulative: string; paid: string }>;
      for (const x of list) {
        const cumulative = BigInt(x.cumulative);
        if (cumulative > redeemed) redeemed = cumulative;
        paid += BigInt(x.paid);
      }
      return {
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
      };
    });
  }

  /** Row counts of every indexed table (what idempotency is checked against). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of INDEXED_TABLES)
      out[t] = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
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
