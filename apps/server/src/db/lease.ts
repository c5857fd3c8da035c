import type { Database } from "./database.ts";

/** A lease as its holder sees it: held until `until` (unix ms), under `epoch` (which grows with each new holder). */
export type Lease = { name: string; owner: string; epoch: number; until: number };

/**
 * Takes or renews the lease `name` for `owner` until `now + ttlMs`; undefined while another owner holds it. The epoch
 * grows only when the holder changes: a holder that renews (even late, if nobody took it meanwhile) keeps its epoch,
 * and so knows that nobody else wrote under the lease in between.
 *
 * Times are the replicas' clocks: a holder stops using a lease a margin before `until` (see its users), so clocks a
 * little apart (NTP) cannot make two holders at once.
 */
export async function acquireLease(
  db: Database,
  name: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): Promise<Lease | undefined> {
  return db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO leases (name, owner, epoch, until) VALUES (?, ?, 1, ?)
       ON CONFLICT (name) DO UPDATE SET
         epoch = CASE WHEN leases.owner = excluded.owner THEN leases.epoch ELSE leases.epoch + 1 END,
         owner = excluded.owner, until = excluded.until
       WHERE leases.owner = excluded.owner OR leases.until < ?`,
      [name, owner, now + ttlMs, now],
    );
    const row = await tx.get<{ owner: string; epoch: number; until: number }>(
      "SELECT owner, epoch, until FROM leases WHERE name = ?",
      [name],
    );
    return row && row.owner === owner ? { name, owner, epoch: row.epoch, until: row.until } : undefined;
  });
}

/** Gives a lease up (at shutdown): another replica may take it at once instead of waiting for it to expire. */
export async function releaseLease(db: Database, name: string, owner: string): Promise<void> {
  await db.run("UPDATE leases SET until = 0 WHERE name = ? AND owner = ?", [name, owner]);
}

/** Who holds `name`, and until when (unix ms); undefined if nobody ever did. */
export function leaseHolder(
  db: Database,
  name: string,
): Promise<{ owner: string; epoch: number; until: number } | undefined> {
  return db.get("SELECT owner, epoch, until FROM leases WHERE name = ?", [name]);
}
