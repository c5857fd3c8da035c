import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

export type Durability = "full" | "normal";

/**
 * Opens (creating if needed) the server's SQLite database in WAL mode and applies its migrations.
 *
 * `durability: "full"` fsyncs the WAL at every commit (an answered request survives a power cut); `"normal"` leaves
 * the last commits in the OS cache (they survive `kill -9`, not a power cut).
 */
export function openSqlite(path: string, durability: Durability = "full"): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  db.exec("PRAGMA busy_timeout = 5000");
  migrate(db);
  return db;
}

/** Schema versions, applied in order, each once. Amounts are decimal strings: token amounts exceed 64 bits. */
const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE gateway_channels (
     channel_id TEXT PRIMARY KEY,
     endpoint_id TEXT NOT NULL,
     customer TEXT NOT NULL,
     token TEXT NOT NULL,
     recipient TEXT NOT NULL,
     charged TEXT NOT NULL,
     redeemed TEXT NOT NULL,
     voucher_amount TEXT NOT NULL,
     voucher_signature TEXT,
     unredeemed_since INTEGER,
     expires_at INTEGER NOT NULL,
     requests INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE gateway_usage (
     endpoint_id TEXT NOT NULL,
     minute INTEGER NOT NULL,
     requests INTEGER NOT NULL,
     units INTEGER NOT NULL,
     amount TEXT NOT NULL,
     PRIMARY KEY (endpoint_id, minute)
   );
   CREATE TABLE gateway_endpoint_totals (
     endpoint_id TEXT PRIMARY KEY,
     requests INTEGER NOT NULL,
     units INTEGER NOT NULL,
     amount TEXT NOT NULL
   );
   CREATE TABLE gateway_redemptions (
     id INTEGER PRIMARY KEY,
     tx_hash TEXT,
     channels INTEGER NOT NULL,
     claimed TEXT NOT NULL,
     status TEXT NOT NULL,
     error TEXT,
     at INTEGER NOT NULL
   );`,
  // The hub: the append-only message log (the source of truth: state below is rebuilt from it), and its state.
  `CREATE TABLE hub_messages (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     space TEXT NOT NULL,
     author TEXT NOT NULL,
     timestamp INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     envelope TEXT NOT NULL
   );
   CREATE TABLE hub_proposals (
     id TEXT PRIMARY KEY,
     space TEXT NOT NULL,
     author TEXT NOT NULL,
     created INTEGER NOT NULL,
     type TEXT NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     discussion TEXT NOT NULL,
     choices TEXT NOT NULL,
     labels TEXT NOT NULL,
     start_ts INTEGER NOT NULL,
     end_ts INTEGER NOT NULL,
     snapshot INTEGER NOT NULL,
     plugins TEXT NOT NULL,
     app TEXT NOT NULL,
     cancelled INTEGER NOT NULL DEFAULT 0,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX hub_proposals_space ON hub_proposals (space, created);
   CREATE INDEX hub_proposals_author ON hub_proposals (author, end_ts);
   CREATE TABLE hub_votes (
     proposal TEXT NOT NULL,
     voter TEXT NOT NULL,
     id TEXT NOT NULL,
     created INTEGER NOT NULL,
     choice TEXT NOT NULL,
     vp REAL NOT NULL,
     vp_by_strategy TEXT NOT NULL,
     reason TEXT NOT NULL,
     app TEXT NOT NULL,
     PRIMARY KEY (proposal, voter)
   );`,
];

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

/** Binds the database to one deployment: a database written for another chain or contract is refused, not mixed. */
export function bindDeployment(db: DatabaseSync, identity: string): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'deployment'").get() as { value: string } | undefined;
  if (!row) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('deployment', ?)").run(identity);
    return;
  }
  if (row.value !== identity) {
    throw new Error(
      `the database belongs to another deployment (${row.value}, this server serves ${identity}): use another data directory`,
    );
  }
}
