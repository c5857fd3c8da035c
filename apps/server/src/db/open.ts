import type { Database } from "./database.ts";
import { MIGRATIONS } from "./migrations.ts";
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

/** Every table the migrations create (what a reset empties). */
function tables(): string[] {
  return MIGRATIONS.flatMap((m) => [...m.matchAll(/CREATE TABLE (\w+)/g)].map((x) => x[1] as string));
}

/**
 * What the database is bound to: a deployment (chain id and contract) and the chain it was deployed on, named by the
 * hash of the block the protocol was deployed in. A local chain deleted and deployed again has the same addresses but
 * another block hash.
 */
export type Binding = { identity: string; anchor: string };

/**
 * Binds the database to one deployment on one chain. A database written for another deployment on this chain is
 * refused, not mixed. One written for a chain that no longer exists (a local chain deleted and recreated: the block
 * it was anchored to is gone or different) is refused too, or with `onChainReset: "reset"` (`npm start`) emptied, to be
 * rebuilt from the chain: the indexer re-indexes it, the gateway reloads its channels from it.
 */
export async function bindDeployment(
  db: Database,
  binding: Binding,
  chainHas: (anchor: string) => Promise<boolean>,
  onChainReset: "refuse" | "reset" = "refuse",
  log: (message: string) => void = () => {},
): Promise<void> {
  const stored = await db.transaction(async (tx) => {
    const rows = await tx.all<{ key: string; value: string }>(
      "SELECT key, value FROM meta WHERE key IN ('deployment', 'chain_anchor')",
    );
    const get = (k: string) => rows.find((r) => r.key === k)?.value;
    if (get("deployment") === undefined) {
      await tx.run("INSERT INTO meta (key, value) VALUES ('deployment', ?)", [binding.identity]);
    }
    if (get("chain_anchor") === undefined) {
      await tx.run("INSERT INTO meta (key, value) VALUES ('chain_anchor', ?)", [binding.anchor]);
    }
    return { identity: get("deployment") ?? binding.identity, anchor: get("chain_anchor") ?? binding.anchor };
  });
  if (stored.identity === binding.identity && stored.anchor === binding.anchor) return;
  const where = db.dialect === "postgres" ? "database" : "data directory";
  if (await chainHas(stored.anchor)) {
    throw new Error(
      `the database belongs to another deployment on this chain (${stored.identity}, this server serves ${binding.identity}): use another ${where}`,
    );
  }
  if (onChainReset === "refuse") {
    throw new Error(
      `the database was written for a chain that no longer exists (its block ${stored.anchor} is gone): the chain was reset. Use another ${where}, or start with --reset-database to rebuild it from the chain`,
    );
  }
  log("the chain was reset since the database was written: emptying the database to rebuild it from the chain");
  await db.transaction(async (tx) => {
    for (const table of tables()) await tx.run(`DELETE FROM ${table}`);
    await tx.run("INSERT INTO meta (key, value) VALUES ('deployment', ?)", [binding.identity]);
    await tx.run("INSERT INTO meta (key, value) VALUES ('chain_anchor', ?)", [binding.anchor]);
  });
}
