import { closeSync, fdatasyncSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { type Database, Mutex, type Queryable, type Row, type SqlValue } from "./database.ts";
import { MIGRATIONS } from "./migrations.ts";
import { WalSync } from "./walSync.ts";

export type Durability = "full" | "normal";

/**
 * SQLite behind the repository interface: one connection (node:sqlite, synchronous, so each call completes before its
 * promise is returned), prepared statements cached by SQL text, and a lock that keeps transactions (which span awaits)
 * from interleaving on the shared connection.
 *
 * Durable writes without blocking the event loop: with a `walPath`, SQLite runs with `synchronous = NORMAL` (a commit
 * writes the WAL but does not wait for the disk) and every write's promise resolves only after an fdatasync of the WAL
 * that began after the write, run by a thread of its own (WalSync). That is the guarantee of `synchronous = FULL`
 * (which fsyncs the WAL at each commit), kept without holding the event loop during the fsync: commits made while one
 * fsync is on its way share the next (a group commit), and a transaction's lock is released at COMMIT, before the disk
 * answers.
 */
export class SqliteDatabase implements Database {
  readonly dialect = "sqlite";
  readonly raw: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly lock = new Mutex();
  private readonly direct: Queryable;
  /** The WAL's sync thread (durability `full` on a file). */
  readonly walSync: WalSync | undefined;

  constructor(raw: DatabaseSync, walPath?: string) {
    this.raw = raw;
    this.walSync = walPath ? new WalSync(walPath) : undefined;
    this.direct = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.prepare(sql).all(...bind(params)) as T[],
      get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
        this.prepare(sql).get(...bind(params)) as T | undefined,
      run: async (sql: string, params: readonly SqlValue[] = []) =>
        Number(this.prepare(sql).run(...bind(params)).changes),
    };
  }

  private prepare(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }

  /** A write outside a transaction waits for the open one: otherwise it would silently join (and share its fate). */
  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    const changes = await (this.lock.locked
      ? this.lock.run(() => this.direct.run(sql, params))
      : this.direct.run(sql, params));
    if (changes > 0) await this.durable();
    return changes;
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await this.lock.run(async () => {
      this.raw.exec("BEGIN IMMEDIATE");
      let result: T;
      try {
        result = await fn(this.direct);
      } catch (error) {
        if (this.raw.isTransaction) this.raw.exec("ROLLBACK");
        throw error;
      }
      this.raw.exec("COMMIT");
      return result;
    });
    await this.durable();
    return result;
  }

  /** Resolves once everything committed so far is on the disk (at once without a WAL to sync: memory, or `normal`). */
  private durable(): Promise<void> {
    return this.walSync ? this.walSync.after() : Promise.resolve();
  }

  /** Resolves the writes already durable without waiting for the event loop's next turn (cheap; call it often). */
  poll(): void {
    this.walSync?.poll();
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      await this.walSync?.close();
      this.raw.close();
    });
  }
}

const bind = (params: readonly SqlValue[]) => params as SQLInputValue[];

/**
 * Opens (creating if needed) an SQLite database in WAL mode and applies the migrations.
 *
 * `durability: "full"`: every write is on the disk before its promise resolves (an answered request survives a power
 * cut); `"normal"` leaves the last commits in the OS cache (they survive `kill -9`, not a power cut).
 */
export function openSqlite(path: string, durability: Durability = "full"): SqliteDatabase {
  const file = path !== ":memory:";
  if (file) mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL");
  // The WAL's fsync is the connection's own (see SqliteDatabase), off the event loop; checkpoints still sync in SQLite.
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA busy_timeout = 5000");
  migrate(db);
  if (!file || durability !== "full") return new SqliteDatabase(db);
  const walPath = `${path}-wal`;
  // The migrations (and anything before) are on the disk too; the WAL exists from here on, while the connection is open.
  const fd = openSync(walPath, "a");
  fdatasyncSync(fd);
  closeSync(fd);
  return new SqliteDatabase(db, walPath);
}

function migrate(db: DatabaseSync): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is at schema version ${current}, newer than this server (${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(MIGRATIONS[v] as string);
      db.exec("DELETE FROM schema_version");
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(v + 1);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}
