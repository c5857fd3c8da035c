import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { type Database, Mutex, type Queryable, type Row, type SqlValue } from "./database.ts";
import { MIGRATIONS } from "./migrations.ts";

export type Durability = "full" | "normal";

/**
 * SQLite behind the repository interface: one connection (node:sqlite, synchronous, so each call completes before its
 * promise is returned), prepared statements cached by SQL text, and a lock that keeps transactions (which span awaits)
 * from interleaving on the shared connection.
 */
export class SqliteDatabase implements Database {
  readonly dialect = "sqlite";
  readonly raw: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly lock = new Mutex();
  private readonly direct: Queryable;

  constructor(raw: DatabaseSync) {
    this.raw = raw;
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
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    if (!this.lock.locked) return this.direct.run(sql, params);
    return this.lock.run(() => this.direct.run(sql, params));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
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
  }

  async close(): Promise<void> {
    await this.lock.run(async () => this.raw.close());
  }
}

const bind = (params: readonly SqlValue[]) => params as SQLInputValue[];

/**
 * Opens (creating if needed) an SQLite database in WAL mode and applies the migrations.
 *
 * `durability: "full"` fsyncs the WAL at every commit (an answered request survives a power cut); `"normal"` leaves
 * the last commits in the OS cache (they survive `kill -9`, not a power cut).
 */
export function openSqlite(path: string, durability: Durability = "full"): SqliteDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  db.exec("PRAGMA busy_timeout = 5000");
  migrate(db);
  return new SqliteDatabase(db);
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
