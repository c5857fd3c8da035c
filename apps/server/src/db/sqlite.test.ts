import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { blockUntil, microtasks } from "../testing/threads.ts";
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

/** The commits counted so far, and the highest known to be on the disk (by the thread's syncs or the pool's). */
function counters(db: SqliteDatabase) {
  const walSync = db.walSync as NonNullable<typeof db.walSync>;
  return { committed: (walSync as unknown as { committed: number }).committed, synced: walSync.durable };
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
    assert.ok(syncs >= 1 && syncs < 199, `200 commits took ${syncs} syncs of the thread (and one lone): grouped`);
    assert.equal((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM t"))?.n, 200);
    await db.close();
  });

  it("syncs a lone write on libuv's pool, and hands writes that queue behind it to the thread", async () => {
    const { db } = durable("lone");
    const walSync = db.walSync as NonNullable<typeof db.walSync>;
    for (let i = 0; i < 5; i++) await db.run("INSERT INTO t VALUES (?, 'a')", [i]);
    assert.equal(walSync.syncs, 0, "one write at a time: the pool's round trip, the thread never woken");
    assert.equal(walSync.durable, 5);
    await Promise.all([10, 11, 12].map((k) => db.run("INSERT INTO t VALUES (?, 'b')", [k])));
    assert.ok(walSync.syncs >= 1, "the writes behind the lone one went to the thread");
    assert.equal(walSync.durable, 8);
    await db.close();
  });

  it("keeps counting across the int32 wrap of the words it shares with the thread", async () => {
    const { db } = durable("wrap");
    const walSync = db.walSync as NonNullable<typeof db.walSync>;
    (walSync as unknown as { committed: number }).committed = 2 ** 32 - 3; // as after four billion commits
    const seen: Array<{ seq: number; durable: number }> = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        // Commits take the lock in call order: the i-th is commit 2^32 - 2 + i.
        db.run("INSERT INTO t VALUES (?, 'w')", [i]).then(() => {
          seen.push({ seq: 2 ** 32 - 2 + i, durable: walSync.durable });
        }),
      ),
    );
    assert.equal(walSync.durable, 2 ** 32 + 5, "every commit across the wrap is durable, counted exactly");
    // Answered in order, each once the syncs covered it (a wrap misread as "far ahead" would answer early).
    for (const s of seen) assert.ok(s.durable >= s.seq, JSON.stringify(s));
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
    // Two at once: the first is synced on libuv's pool, the second by the thread; both paths fail alike.
    const [pooled, threaded] = await Promise.allSettled([
      db.run("INSERT INTO t VALUES (1, 'a')"),
      db.run("INSERT INTO t VALUES (4, 'd')"),
    ]);
    for (const r of [pooled, threaded]) {
      assert.equal(r.status, "rejected");
      assert.match(String((r as PromiseRejectedResult).reason), /refused to sync the database's WAL: .*EINVAL/);
    }
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
    // A second write while the first waits: that one goes to the thread (a lone one is synced on libuv's pool).
    const second = db.run("INSERT INTO t VALUES (2, 'b')");
    // Microtasks only (no turn of the event loop): the commit is counted, then the sync is awaited synchronously.
    const control = (db.walSync as unknown as { control: Int32Array }).control;
    for (let i = 0; i < 20 && Atomics.load(control, COMMITTED) === 0; i++) await Promise.resolve();
    assert.equal(Atomics.load(control, COMMITTED), 2, "the second commit is counted for the thread");
    blockUntil(control, SYNCED, 2);
    await microtasks();
    assert.equal(answered, false, "durable, but nobody has looked yet");
    db.poll();
    await microtasks();
    assert.equal(answered, true, "resolved by the poll, before any turn of the event loop");
    await Promise.all([write, second]);
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
