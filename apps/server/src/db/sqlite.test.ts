import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { openSqlite, SqliteDatabase } from "./sqlite.ts";
import { COMMITTED, SYNCED } from "./walSync.ts";

const dir = mkdtempSync(join(tmpdir(), "aidao-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A connection in WAL mode on a fresh file, its WAL synced by the thread (durability `full`). */
function durable(name: string) {
  const path = join(dir, `${name}.db`);
  openSqlite(path, "normal"); // creates the file, the WAL and the schema
  const raw = new DatabaseSync(path);
  raw.exec("PRAGMA journal_mode = WAL");
  raw.exec("PRAGMA synchronous = NORMAL");
  raw.exec("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)");
  return { db: new SqliteDatabase(raw, `${path}-wal`), path };
}

/** The sync thread's counters (COMMITTED, SYNCED), read the way the thread writes them. */
function counters(db: SqliteDatabase) {
  const control = (db.walSync as unknown as { control: Int32Array }).control;
  return { committed: Atomics.load(control, COMMITTED), synced: Atomics.load(control, SYNCED) };
}

describe("SqliteDatabase durability", () => {
  it("resolves each write only after a WAL sync that began after its commit, and commits share syncs", async () => {
    const { db } = durable("group");
    let order = 0;
    const seen: Array<{ order: number; committed: number; synced: number }> = [];
    const writes = Array.from({ length: 200 }, (_, i) =>
      (i % 2 === 0
        ? db.transaction((tx) => tx.run("INSERT INTO t VALUES (?, 'a')", [i]))
        : db.run("INSERT INTO t VALUES (?, 'b')", [i])
      ).then(() => {
        // When a write resolves, the thread has synced at least every commit counted up to its own.
        seen.push({ order: order++, ...counters(db) });
      }),
    );
    await Promise.all(writes);
    assert.equal(seen.length, 200);
    // Commits are counted in the lock's (FIFO) order and resolved in that order: the k-th answer is commit k + 1.
    for (const s of seen) assert.ok(s.synced >= s.order + 1, `answered before its sync: ${JSON.stringify(s)}`);
    const { syncs } = db.walSync as NonNullable<typeof db.walSync>;
    assert.ok(syncs >= 1 && syncs < 200, `200 commits took ${syncs} syncs: they are grouped`);
    assert.equal((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM t"))?.n, 200);
    await db.close();
  });

  it("does not hold the transaction lock across the sync: the next write starts before the disk answers", async () => {
    const { db } = durable("lock");
    const first = db.transaction((tx) => tx.run("INSERT INTO t VALUES (1, 'a')"));
    // Synchronously after the first commit's promise exists: the lock is already free at COMMIT.
    await new Promise((r) => setImmediate(r));
    const second = db.transaction((tx) => tx.run("INSERT INTO t VALUES (2, 'b')"));
    await Promise.all([first, second]);
    assert.deepEqual(
      (await db.all<{ k: number }>("SELECT k FROM t ORDER BY k")).map((r) => r.k),
      [1, 2],
    );
    await db.close();
  });

  it("fails every waiting and later write once a sync fails (EINVAL: /dev/null cannot be synced)", async () => {
    const path = join(dir, "failing.db");
    openSqlite(path, "normal");
    const raw = new DatabaseSync(path);
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)");
    const db = new SqliteDatabase(raw, "/dev/null");
    await assert.rejects(db.run("INSERT INTO t VALUES (1, 'a')"), /refused to sync the database's WAL: .*EINVAL/);
    // After a failed fdatasync the kernel may have dropped pages: a later sync proves nothing, so later writes fail.
    await assert.rejects(db.run("INSERT INTO t VALUES (2, 'b')"), /EINVAL/);
    await assert.rejects(
      db.transaction((tx) => tx.run("INSERT INTO t VALUES (3, 'c')")),
      /EINVAL/,
    );
    await db.close();
  });

  it("answers a durable write at a poll, without waiting for the event loop's next turn", async () => {
    const { db } = durable("poll");
    let answered = false;
    const write = db.run("INSERT INTO t VALUES (1, 'a')").then(() => {
      answered = true;
    });
    // Microtasks only (no turn of the event loop): the commit is counted, then the sync is awaited synchronously.
    const control = (db.walSync as unknown as { control: Int32Array }).control;
    for (let i = 0; i < 20 && Atomics.load(control, COMMITTED) === 0; i++) await Promise.resolve();
    assert.equal(Atomics.load(control, COMMITTED), 1, "the commit is counted");
    while (Atomics.load(control, SYNCED) !== 1) Atomics.wait(control, SYNCED, Atomics.load(control, SYNCED), 50);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    assert.equal(answered, false, "durable, but nobody has looked yet");
    db.poll();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    assert.equal(answered, true, "resolved by the poll, before any turn of the event loop");
    await write;
    await db.close();
  });

  it("does not wait for the disk for a write that changed nothing, nor without a WAL (memory or durability normal)", async () => {
    const { db } = durable("idle");
    assert.equal(await db.run("DELETE FROM t WHERE k = 42"), 0);
    assert.equal(counters(db).committed, 0);
    const memory = openSqlite(":memory:");
    assert.equal(memory.walSync, undefined);
    await memory.transaction((tx) => tx.run("CREATE TABLE m (x)"));
    await memory.run("INSERT INTO m VALUES (1)");
    await memory.close();
    await db.close();
  });

  it("checkpoints the WAL on the sync thread, with SQLite's automatic checkpoint off on the event loop's connection", async () => {
    const path = join(dir, "checkpoint.db");
    const db = openSqlite(path, "full");
    assert.equal(db.raw.prepare("PRAGMA wal_autocheckpoint").get()?.wal_autocheckpoint, 0);
    await db.run("CREATE TABLE c (k INTEGER PRIMARY KEY, v TEXT)");
    /** The WAL header's checkpoint sequence: it rises each time the WAL restarts after a complete checkpoint. */
    const walSequence = () => readFileSync(`${path}-wal`).readUInt32BE(12);
    for (let i = 0; i < 20; i++) await db.run("INSERT INTO c VALUES (?, 'x')", [i]);
    const before = walSequence();
    await new Promise((r) => setTimeout(r, 1_100)); // the thread checkpoints at most once a second
    await db.run("INSERT INTO c VALUES (100, 'y')"); // synced, then checkpointed by the thread
    await new Promise((r) => setTimeout(r, 300));
    await db.run("INSERT INTO c VALUES (101, 'z')"); // starts the WAL over: every frame is in the database file
    assert.ok(walSequence() > before, `the WAL restarted (checkpoint sequence ${before} → ${walSequence()})`);
    assert.equal((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM c"))?.n, 22);
    await db.close();
  });

  it("keeps every committed write across a reopen with the real fdatasync", async () => {
    const path = join(dir, "real.db");
    const db = openSqlite(path, "full");
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction((tx) =>
          tx.run(
            "INSERT INTO hub_messages (id, kind, space, author, timestamp, received_at, envelope) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [`0x${i}`, "Vote", "aidao", "0x1", i, i, "{}"],
          ),
        ),
      ),
    );
    await db.close();
    const again = openSqlite(path, "full");
    assert.equal((await again.get<{ n: number }>("SELECT COUNT(*) AS n FROM hub_messages"))?.n, 50);
    await again.close();
  });
});
