import pg from "pg";
import type { Database, Queryable, Row, SqlValue } from "./database.ts";
import { forPostgres, MIGRATIONS } from "./migrations.ts";

/** int8 (BIGINT, COUNT(*)) as a JS number: every such value here is a block number, a count or unix ms (< 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `?` placeholders → `$1, $2, …` (outside quoted strings and identifiers), computed once per SQL text. */
function numbered(sql: string): string {
  let out = "";
  let n = 0;
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

type Prepared = { name: string; text: string };

/**
 * PostgreSQL behind the repository interface: a connection pool; each transaction holds one connection, reads outside
 * transactions take any. Statements are named (prepared once per connection, then only bound and executed).
 */
export class PostgresDatabase implements Database {
  readonly dialect = "postgres";
  readonly pool: pg.Pool;
  private readonly prepared = new Map<string, Prepared>();
  private readonly direct: Queryable;

  constructor(pool: pg.Pool) {
    this.pool = pool;
    this.direct = this.on(pool);
  }

  private statement(sql: string): Prepared {
    let p = this.prepared.get(sql);
    if (!p) {
      p = { name: `aidao_${this.prepared.size}`, text: numbered(sql) };
      this.prepared.set(sql, p);
    }
    return p;
  }

  /** Statements on `client` (a pool or one connection). */
  private on(client: pg.Pool | pg.PoolClient): Queryable {
    const query = async (sql: string, params: readonly SqlValue[] = []) => {
      const { name, text } = this.statement(sql);
      const values = params.map((v) => (typeof v === "bigint" ? v.toString() : v));
      return client.query({ name, text, values });
    };
    return {
      all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
      get: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rowCount ?? 0,
    };
  }

  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection left in an unknown state (its ROLLBACK failed) is destroyed, not returned to the pool.
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      try {
        const result = await fn(this.on(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((e: Error) => {
          broken = e;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * Connects to the PostgreSQL database at `url` and applies the migrations (under an advisory lock: replicas starting
 * together migrate once). `synchronous_commit` stays the server's (on by default): an acknowledged write is durable.
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
  // An idle connection dropped by the server must not crash the process: the next query opens another.
  pool.on("error", () => {});
  const db = new PostgresDatabase(pool);
  try {
    await migrate(db);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

async function migrate(db: PostgresDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.get("SELECT pg_advisory_xact_lock(7320510)");
    await tx.run("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)");
    const current = (await tx.get<{ version: number }>("SELECT version FROM schema_version"))?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`the database is at schema version ${current}, newer than this server (${MIGRATIONS.length})`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      for (const statement of forPostgres(MIGRATIONS[v] as string).split(";")) {
        if (statement.trim()) await tx.run(statement);
      }
    }
    if (current < MIGRATIONS.length) {
      await tx.run("DELETE FROM schema_version");
      await tx.run("INSERT INTO schema_version (version) VALUES (?)", [MIGRATIONS.length]);
    }
  });
}
