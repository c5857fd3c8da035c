import type { Database } from "./database.ts";
import { openPostgres } from "./postgres.ts";
import { type Durability, openSqlite } from "./sqlite.ts";

/**
 * The server's database: PostgreSQL when `databaseUrl` is given (`DATABASE_URL`), else SQLite at `path` (embedded, one
 * file in the data directory). Migrations are applied either way.
 */
export async function openDatabase(o: {
  databaseUrl?: string;
  path: string;
  durability?: Durability;
}): Promise<Database> {
  if (o.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(o.databaseUrl)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got ${redact(o.databaseUrl)})`);
    }
    return openPostgres(o.databaseUrl);
  }
  return openSqlite(o.path, o.durability);
}

/** A URL fit for a log line: its password hidden. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

/** Binds the database to one deployment: a database written for another chain or contract is refused, not mixed. */
export async function bindDeployment(db: Database, identity: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'deployment'");
    if (!row) {
      await tx.run("INSERT INTO meta (key, value) VALUES ('deployment', ?)", [identity]);
      return;
    }
    if (row.value !== identity) {
      throw new Error(
        `the database belongs to another deployment (${row.value}, this server serves ${identity}): use another ${db.dialect === "postgres" ? "database" : "data directory"}`,
      );
    }
  });
}
