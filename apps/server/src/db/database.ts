// The repository layer's one interface: every store (gateway, hub, indexer) speaks to it, never to a driver, so the
// same code and the same SQL run on SQLite (embedded, the default) and on PostgreSQL (`DATABASE_URL`).
//
// The SQL the stores write is the subset both engines share: `?` placeholders (rewritten to `$n` for PostgreSQL),
// `INSERT … ON CONFLICT … DO UPDATE/NOTHING`, savepoints, no engine-specific functions. Integers come back as numbers
// (they are block numbers, counts and unix milliseconds: below 2^53); token amounts are decimal TEXT.

export type SqlValue = string | number | bigint | null;
export type Row = Record<string, unknown>;

/** Statements on one connection, or on the database (any connection). */
export interface Queryable {
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export type Dialect = "sqlite" | "postgres";

export interface Database extends Queryable {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. On SQLite
   * (one connection, one writer) transactions run one at a time, and a write outside one waits for the open one.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Resolves the writes that have become durable, without waiting for the event loop's next turn (SQLite: its WAL
   * sync thread; a no-op elsewhere). Cheap: a hot path calls it at every request.
   */
  poll?(): void;
  close(): Promise<void>;
}

/** A FIFO async lock: what SQLite's single connection needs so that transactions spanning awaits never interleave. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  get locked(): boolean {
    return this.held;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }
}
