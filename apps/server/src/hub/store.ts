import type { DatabaseSync, StatementSync } from "node:sqlite";

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

/** The hub's prepared statements (prepared once per connection). */
function statements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    hasMessage: p("SELECT 1 FROM hub_messages WHERE id = ?"),
    append: p(
      "INSERT INTO hub_messages (id, kind, space, author, timestamp, received_at, envelope) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertProposal: p(
      `INSERT INTO hub_proposals (id, space, author, created, type, title, body, discussion, choices, labels, start_ts,
         end_ts, snapshot, plugins, app, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    cancel: p("UPDATE hub_proposals SET cancelled = 1 WHERE id = ?"),
    proposal: p("SELECT * FROM hub_proposals WHERE id = ?"),
    proposals: p(
      `SELECT * FROM hub_proposals WHERE space = ? AND (? IS NULL OR created < ? OR (created = ? AND id < ?))
       ORDER BY created DESC, id DESC LIMIT ?`,
    ),
    since: p("SELECT COUNT(*) AS n FROM hub_proposals WHERE space = ? AND received_at >= ?"),
    activeBy: p("SELECT COUNT(*) AS n FROM hub_proposals WHERE author = ? AND cancelled = 0 AND end_ts > ?"),
    // A later vote replaces an earlier one; an earlier one arriving late changes nothing (order-independent).
    upsertVote: p(
      `INSERT INTO hub_votes (proposal, voter, id, created, choice, vp, vp_by_strategy, reason, app)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (proposal, voter) DO UPDATE SET id = excluded.id, created = excluded.created,
         choice = excluded.choice, vp = excluded.vp, vp_by_strategy = excluded.vp_by_strategy,
         reason = excluded.reason, app = excluded.app
       WHERE excluded.created > hub_votes.created OR (excluded.created = hub_votes.created AND excluded.id > hub_votes.id)`,
    ),
    votes: p("SELECT * FROM hub_votes WHERE proposal = ? AND (? IS NULL OR voter > ?) ORDER BY voter LIMIT ?"),
    allVotes: p("SELECT choice, vp_by_strategy FROM hub_votes WHERE proposal = ?"),
    messages: p(
      "SELECT seq, id, kind, space, author, received_at, envelope FROM hub_messages WHERE seq > ? ORDER BY seq LIMIT ?",
    ),
  };
}

/**
 * The hub's repository. Writes are grouped: each message is applied in its own savepoint (a failing message undoes
 * only itself) inside a shared transaction, committed (one fsync) when no other message is on its way to a write, or
 * after a couple of milliseconds; each writer's promise resolves once that commit is durable, and the hub answers
 * only then.
 */
export class HubStore {
  private readonly db: DatabaseSync;
  private readonly s: ReturnType<typeof statements>;
  private waiters: Waiter[] = [];
  private open = false;
  private readonly cache = new Map<string, ProposalRow>();
  private openedAt = 0;
  /** Whether more messages are about to be written (the hub's ingests in flight): worth waiting for. */
  busy: () => boolean = () => false;
  private readonly maxDelayMs: number;

  constructor(db: DatabaseSync, maxDelayMs = 2) {
    this.db = db;
    this.maxDelayMs = maxDelayMs;
    this.s = statements(db);
  }

  hasMessage(id: string): boolean {
    return this.s.hasMessage.get(id) !== undefined;
  }

  /** A proposal by id (cached: every vote reads its proposal; writes to it drop the cached copy). */
  proposal(id: string): ProposalRow | undefined {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const r = this.s.proposal.get(id) as Record<string, unknown> | undefined;
    if (!r) return undefined;
    const p = toProposal(r);
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(id, p);
    return p;
  }

  /** A space's proposals, newest first; `before` is the last page's last proposal (created, id). */
  proposals(space: string, limit: number, before?: { created: number; id: string }): ProposalRow[] {
    const c = before?.created ?? null;
    const id = before?.id ?? null;
    return (this.s.proposals.all(space, c, c, c, id, limit) as Array<Record<string, unknown>>).map(toProposal);
  }

  proposalsSince(space: string, receivedAtMs: number): number {
    return (this.s.since.get(space, receivedAtMs) as { n: number }).n;
  }

  activeProposalsBy(author: string, nowSeconds: number): number {
    return (this.s.activeBy.get(author, nowSeconds) as { n: number }).n;
  }

  /** A proposal's votes by voter address; `after` is the last page's last voter. */
  votes(proposal: string, limit: number, after?: string): VoteRow[] {
    const a = after ?? null;
    return (this.s.votes.all(proposal, a, a, limit) as Array<Record<string, unknown>>).map(toVote);
  }

  /** Every counted vote of a proposal: its choice and power per strategy (what a tally needs). */
  ballots(proposal: string): Array<{ choice: unknown; power: number[] }> {
    return (this.s.allVotes.all(proposal) as Array<{ choice: string; vp_by_strategy: string }>).map((r) => ({
      choice: JSON.parse(r.choice),
      power: JSON.parse(r.vp_by_strategy) as number[],
    }));
  }

  /** The message log after `seq`, in order (the export another hub rebuilds from). */
  messages(afterSeq: number, limit: number): MessageRow[] {
    return this.s.messages.all(afterSeq, limit) as MessageRow[];
  }

  appendMessage(m: {
    id: string;
    kind: string;
    space: string;
    author: string;
    timestamp: number;
    receivedAt: number;
    envelope: string;
  }) {
    this.s.append.run(m.id, m.kind, m.space, m.author, m.timestamp, m.receivedAt, m.envelope);
  }

  insertProposal(p: Omit<ProposalRow, "cancelled"> & { receivedAt: number }): void {
    this.cache.delete(p.id);
    this.s.insertProposal.run(
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
    );
  }

  cancelProposal(id: string): void {
    this.cache.delete(id);
    this.s.cancel.run(id);
  }

  upsertVote(v: VoteRow): void {
    this.s.upsertVote.run(
      v.proposal,
      v.voter,
      v.id,
      v.created,
      JSON.stringify(v.choice),
      v.vp,
      JSON.stringify(v.vpByStrategy),
      v.reason,
      v.app,
    );
  }

  /**
   * Applies `apply` (synchronous: its checks and writes see every message accepted before it) in a savepoint of this
   * turn's transaction; resolves once the transaction is committed. Throws at once what `apply` throws, undone.
   */
  write(apply: () => void): Promise<void> {
    if (!this.open) {
      this.db.exec("BEGIN IMMEDIATE");
      this.open = true;
      this.openedAt = performance.now();
      setImmediate(this.commitWhenReady);
    }
    this.db.exec("SAVEPOINT message");
    try {
      apply();
      this.db.exec("RELEASE message");
    } catch (error) {
      this.db.exec("ROLLBACK TO message");
      this.db.exec("RELEASE message");
      throw error;
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Commits once no other message is on its way to a write (`busy()` says so), or after `maxDelayMs`: alone, a message
   * is committed at the end of its turn; under load, the messages in flight share one fsync instead of one each.
   */
  private readonly commitWhenReady = (): void => {
    if (this.busy() && performance.now() - this.openedAt < this.maxDelayMs) setImmediate(this.commitWhenReady);
    else this.commit();
  };

  private commit(): void {
    const waiters = this.waiters;
    this.waiters = [];
    this.open = false;
    try {
      this.db.exec("COMMIT");
    } catch (error) {
      try {
        this.db.exec("ROLLBACK");
      } catch {
        // already rolled back by SQLite
      }
      this.cache.clear(); // it may hold rows of the transaction that was just undone
      for (const w of waiters) w.reject(error);
      return;
    }
    for (const w of waiters) w.resolve();
  }

  /** Commits what is pending (before closing the database). */
  flush(): void {
    if (this.open) this.commit();
  }
}
