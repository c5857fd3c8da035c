// The engines the repository layer runs on, for tests that must pass on both. PostgreSQL is required, not optional:
// `scripts/test-postgres.sh` (run by .ci/run) installs and starts it; AIDAO_TEST_DATABASE_URL points elsewhere.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Database } from "../db/database.ts";
import { openPostgres } from "../db/postgres.ts";
import { openSqlite } from "../db/sqlite.ts";

export type Engine = "sqlite" | "postgres";
export const ENGINES: readonly Engine[] = ["sqlite", "postgres"];

export const ADMIN_URL = process.env.AIDAO_TEST_DATABASE_URL ?? "postgres://aidao:aidao@127.0.0.1:5432/postgres";

/** A fresh, empty, migrated database on `engine`; `drop` closes and deletes it. */
export type TestDatabase = { db: Database; engine: Engine; url?: string; drop(): Promise<void> };

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(ADMIN_URL);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ":***@")} (${(error as Error).message}): run scripts/test-postgres.sh, or set AIDAO_TEST_DATABASE_URL`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database; returns its URL and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `aidao_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function testDatabase(engine: Engine, sqlitePath = ":memory:"): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const db = openSqlite(sqlitePath);
    return { db, engine, drop: () => db.close() };
  }
  const created = await createPostgresDatabase();
  const db = await openPostgres(created.url);
  return {
    db,
    engine,
    url: created.url,
    async drop() {
      await db.close();
      await created.drop();
    },
  };
}
