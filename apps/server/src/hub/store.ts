import { type Database, Mutex, type Queryable } from "../db/database.ts";

/** A proposal as the hub keeps it (Snapshot's fields; times in unix seconds). */
export type ProposalRow = {
  id: string;
  space: string;
  author: string;
  created: number;
  type: string;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  labels: string[];
  start: number;
  end: number;
  snapshot: number;
  plugins: string;
  app: string;
  cancelled: boolean;
};

export type VoteRow = {
  id: string;
  proposal: string;
  voter: string;
  created: number;
  choice: unknown;
  vp: number;
  vpByStrategy: number[];
  reason: string;
  app: string;
};

export type MessageRow = {
  seq: number;
  id: string;
  kind: string;
  space: string;
  author: string;
  received_at: number;
  envelope: string;
};

type Waiter = { resolve: () => void; reject: (e: unknown) => void };

const toProposal = (r: Record<string, unknown>): ProposalRow => ({
  id: r.id as string,
  space: r.space as string,
  author: r.author as string,
  created: r.created as number,
  type: r.type as string,
  title: r.title as string,
  body: r.body as string,
  discussion: r.discussion as string,
  choices: JSON.parse(r.choices as string) as string[],
  labels: JSON.parse(r.labels as string) as string[],
  start: r.start_ts as number,
  end: r.end_ts as number,
  snapshot: r.snapshot as number,
  plugins: r.plugins as string,
  app: r.app as string,
  cancelled: (r.cancelled as number) === 1,
});

const toVote = (r: Record<string, unknown>): VoteRow => ({
  id: r.id as string,
  proposal: r.proposal as string,
  voter: r.voter as string,
  created: r.created as number,
  choice: JSON.parse(r.choice as string),
  vp: r.vp as number,
  vpByStrategy: JSON.parse(r.vp_by_strategy as string) as number[],
  reason: r.reason as string,
  app: r.app as string,
});

const SQL = {
  hasMessage: "SELECT 1 AS one FROM hub_messages WHERE id = ?",
  // The log's unique id is the dedupe: a message already there inserts nothing.
  append: `INSERT INTO hub_messages (id, kind, space, author, timestamp, received_at, envelope) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  insertProposal: `INSERT INTO hub_proposals (id, space, author, created, type, title, body, discussion, choices, labels,
     start_ts, end_ts, snapshot, plugins, app, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  cancel: "UPDATE hub_proposals SET cancelled = 1 WHERE id = ?",
  proposal: "SELECT * FROM hub_proposals WHERE id = ?",
  proposalsFirst: "SELECT * FROM hub_proposals WHERE space = ? ORDER BY created DESC, id DESC LIMIT ?",
  proposalsBefore: `SELECT * FROM hub_proposals WHERE space = ? AND (created < ? OR (created = ? AND id < ?))
     ORDER BY created DESC, id DESC LIMIT ?`,
  since: "SELECT COUNT(*) AS n FROM hub_proposals WHERE space = ? AND received_at >= ?",
  activeBy: "SELECT COUNT(*) AS n FROM hub_proposals WHERE author = ? AND cancelled = 0 AND end_ts > ?",
  // A later vote replaces an earlier one; an earlier one arriving late changes nothing (order-independent).
  upsertVote: `INSERT INTO hub_votes (proposal, voter, id, created, choice, vp, vp_by_strategy, reason, app)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (proposal, voter) DO UPDATE SET id = excluded.id, created = excluded.created,
       choice = excluded.choice, vp = excluded.vp, vp_by_strategy = excluded.vp_by_strategy,
       reason = excluded.reason, app = excluded.app
     WHERE excluded.created > hub_votes.created OR (excluded.created = hub_votes.created AND excluded.id > hub_votes.id)`,
  votesFirst: "SELECT * FROM hub_votes WHERE proposal = ? ORDER BY voter LIMIT ?",
  votesAfter: "SELECT * FROM hub_votes WHERE proposal = ? AND voter > ? ORDER BY voter LIMIT ?",
  allVotes: "SELECT choice, vp_by_strategy FROM hub_votes WHERE proposal = ?",
  messages:
    "SELECT seq, id, kind, space, author, received_at, envelope FROM hub_messages WHERE seq > ? ORDER BY seq LIMIT ?",
  spaceSettings: "SELECT * FROM hub_space_settings",
  // A later settings message replaces an earlier one; an earlier one arriving late changes nothing.
  upsertSpaceSettings: `INSERT INTO hub_space_settings (space, settings, message_id, author, updated) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (space) DO UPDATE SET settings = excluded.settings, message_id = excluded.message_id,
       author = excluded.author, updated = excluded.updated
     WHERE excluded.updated > hub_space_settings.updated
       OR (excluded.updated = hub_space_settings.updated AND excluded.message_id > hub_space_settings.message_id)`,
};

/** A space's settings as its last `space` message set them (JSON text, applied over the chain-derived defaults). */
export type StoredSpaceSettings = {
  space: string;
  settings: string;
  messageId: string;
  author: string;
  updated: number;
};

/**
 * What a message's write sees and does, inside the group's transaction: it sees every message accepted before it.
 */
export class HubWriter {
  private readonly tx: Queryable;
  private readonly store: HubStore;
  /** @internal what to do once this message is durable (kept only if the message is applied). */
  readonly committed: Array<() => void> = [];

  constructor(tx: Queryable, store: HubStore) {
    this.tx = tx;
    this.store = store;
  }

  /** Runs `fn` once the transaction holding this message is committed (not if it is undone). */
  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  proposal(id: string): Promise<ProposalRow | undefined> {
    return this.store.proposalOn(this.tx, id);
  }

  async proposalsSince(space: string, receivedAtMs: number): Promise<number> {
    return ((await this.tx.get<{ n: number }>(SQL.since, [space, receivedAtMs])) as { n: number }).n;
  }

  async activeProposalsBy(author: string, nowSeconds: number): Promise<number> {
    return ((await this.tx.get<{ n: number }>(SQL.activeBy, [author, nowSeconds])) as { n: number }).n;
  }

  /** Appends the message to the log; false if it is already there (a duplicate: nothing written). */
  async appendMessage(m: {
    id: string;
    kind: string;
    space: string;
    author: string;
    timestamp: number;
    receivedAt: number;
    envelope: string;
  }): Promise<boolean> {
    return (
      (await this.tx.run(SQL.append, [m.id, m.kind, m.space, m.author, m.timestamp, m.receivedAt, m.envelope])) > 0
    );
  }

  async insertProposal(p: Omit<ProposalRow, "cancelled"> & { receivedAt: number }): Promise<void> {
    this.store.forget(p.id);
    await this.tx.run(SQL.insertProposal, [
      p.id,
      p.space,
      p.author,
      p.created,
      p.type,
      p.title,
      p.body,
      p.discussion,
      JSON.stringify(p.choices),
      JSON.stringify(p.labels),
      p.start,
      p.end,
      p.snapshot,
      p.plugins,
      p.app,
      p.receivedAt,
    ]);
  }

  async cancelProposal(id: string): Promise<void> {
    this.store.forget(id);
    await this.tx.run(SQL.cancel, [id]);
  }

  async upsertVote(v: VoteRow): Promise<void> {
    await this.tx.run(SQL.upsertVote, [
      v.proposal,
      v.voter,
      v.id,
      v.created,
      JSON.stringify(v.choice),
      v.vp,
      JSON.stringify(v.vpByStrategy),
      v.reason,
      v.app,
    ]);
  }

  /** Saves a space's settings; false if a later settings message is already in force (this one changes nothing). */
  async setSpaceSettings(s: StoredSpaceSettings): Promise<boolean> {
    return (await this.tx.run(SQL.upsertSpaceSettings, [s.space, s.settings, s.messageId, s.author, s.updated])) > 0;
  }
}

type Group = {
  tx: Queryable;
  waiters: Waiter[];
  committed: Array<() => void>;
  openedAt: number;
  close: () => void;
  done: Promise<void>;
};

/**
 * The hub's repository. Writes are grouped: each message is applied in its own savepoint (a failing message undoes
 * only itself) inside a shared transaction, committed (one fsync) when no other message is on its way to a write, or
 * after a couple of milliseconds; each writer's promise resolves once that commit is durable, and the hub answers
 * only then. Messages are applied one at a time (their checks see every message accepted before them).
 */
export class HubStore {
  readonly db: Database;
  private readonly lock = new Mutex();
  private group: Group | undefined;
  private readonly cache = new Map<string, ProposalRow>();
  /** Whether more messages are about to be written (the hub's ingests in flight): worth waiting for. */
  busy: () => boolean = () => false;
  private readonly maxDelayMs: number;

  constructor(db: Database, maxDelayMs = 2) {
    this.db = db;
    this.maxDelayMs = maxDelayMs;
  }

  async hasMessage(id: string): Promise<boolean> {
    return (await this.db.get(SQL.hasMessage, [id])) !== undefined;
  }

  /** A proposal by id (cached: every vote reads its proposal; writes to it drop the cached copy). */
  proposal(id: string): Promise<ProposalRow | undefined> {
    return this.proposalOn(this.db, id);
  }

  /** @internal the cache, read through `q` (the database, or a group's transaction). */
  async proposalOn(q: Queryable, id: string): Promise<ProposalRow | undefined> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const r = await q.get<Record<string, unknown>>(SQL.proposal, [id]);
    if (!r) return undefined;
    const p = toProposal(r);
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(id, p);
    return p;
  }

  /** @internal drops a proposal's cached copy (it is being written). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** A space's proposals, newest first; `before` is the last page's last proposal (created, id). */
  async proposals(space: string, limit: number, before?: { created: number; id: string }): Promise<ProposalRow[]> {
    const rows = before
      ? await this.db.all<Record<string, unknown>>(SQL.proposalsBefore, [
          space,
          before.created,
          before.created,
          before.id,
          limit,
        ])
      : await this.db.all<Record<string, unknown>>(SQL.proposalsFirst, [space, limit]);
    return rows.map(toProposal);
  }

  /** A proposal's votes by voter address; `after` is the last page's last voter. */
  async votes(proposal: string, limit: number, after?: string): Promise<VoteRow[]> {
    const rows =
      after === undefined
        ? await this.db.all<Record<string, unknown>>(SQL.votesFirst, [proposal, limit])
        : await this.db.all<Record<string, unknown>>(SQL.votesAfter, [proposal, after, limit]);
    return rows.map(toVote);
  }

  /** Every counted vote of a proposal: its choice and power per strategy (what a tally needs). */
  async ballots(proposal: string): Promise<Array<{ choice: unknown; power: number[] }>> {
    const rows = await this.db.all<{ choice: string; vp_by_strategy: string }>(SQL.allVotes, [proposal]);
    return rows.map((r) => ({ choice: JSON.parse(r.choice), power: JSON.parse(r.vp_by_strategy) as number[] }));
  }

  /** The message log after `seq`, in order (the export another hub rebuilds from). */
  messages(afterSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db.all<MessageRow>(SQL.messages, [afterSeq, limit]);
  }

  /** Every space's settings set by messages. */
  async spaceSettings(): Promise<StoredSpaceSettings[]> {
    const rows = await this.db.all<{
      space: string;
      settings: string;
      message_id: string;
      author: string;
      updated: number;
    }>(SQL.spaceSettings);
    return rows.map((r) => ({
      space: r.space,
      settings: r.settings,
      messageId: r.message_id,
      author: r.author,
      updated: r.updated,
    }));
  }

  /**
   * Applies `apply` in a savepoint of the open group's transaction (its checks and writes see every message accepted
   * before it); resolves once the transaction is committed. Rejects at once with what `apply` throws, undone.
   */
  write(apply: (w: HubWriter) => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.lock
        .run(async () => {
          const g = await this.openGroup();
          // Each message gets a savepoint of its own; an applied message's is not released (a round trip saved per
          // message on PostgreSQL): the same name shadows it, ROLLBACK TO reaches the newest, COMMIT keeps them all.
          await g.tx.run("SAVEPOINT message");
          const w = new HubWriter(g.tx, this);
          try {
            await apply(w);
          } catch (error) {
            await g.tx.run("ROLLBACK TO SAVEPOINT message");
            throw error;
          }
          g.committed.push(...w.committed);
          g.waiters.push({ resolve, reject });
        })
        .catch(reject);
    });
  }

  /** The open group, or a new one: a transaction kept open until `close` (then committed). */
  private async openGroup(): Promise<Group> {
    if (this.group) return this.group;
    let opened!: (tx: Queryable) => void;
    let close!: () => void;
    const tx = new Promise<Queryable>((r) => {
      opened = r;
    });
    const closed = new Promise<void>((r) => {
      close = r;
    });
    const done = this.db.transaction(async (t) => {
      opened(t);
      await closed;
    });
    const g: Group = {
      tx: await Promise.race([tx, done.then(() => tx)]),
      waiters: [],
      committed: [],
      openedAt: 0,
      close,
      done,
    };
    g.openedAt = performance.now();
    this.group = g;
    setImmediate(this.commitWhenReady);
    return g;
  }

  /**
   * Commits once no other message is on its way to a write (`busy()` says so), or after `maxDelayMs`: alone, a message
   * is committed at the end of its turn; under load, the messages in flight share one fsync instead of one each.
   */
  private readonly commitWhenReady = (): void => {
    const g = this.group;
    if (!g) return;
    if (this.busy() && performance.now() - g.openedAt < this.maxDelayMs) setImmediate(this.commitWhenReady);
    else void this.commit();
  };

  /** Commits the open group, once the message being applied (if any) is done; the next message opens a new one. */
  private commit(): Promise<void> {
    return this.lock.run(async () => {
      const g = this.group;
      if (!g) return;
      this.group = undefined;
      g.close();
      try {
        await g.done;
      } catch (error) {
        this.cache.clear(); // it may hold rows of the transaction that was just undone
        for (const w of g.waiters) w.reject(error);
        return;
      }
      for (const fn of g.committed) fn();
      for (const w of g.waiters) w.resolve();
    });
  }

  /** Commits what is pending (before closing the database). */
  flush(): Promise<void> {
    return this.commit();
  }
}
