import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { openSqlite, SqliteDatabase } from "./sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "aidao-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A connection whose WAL syncs are held until the test lets each one finish, in the order they began. */
function held(name: string) {
  const path = join(dir, `${name}.db`);
  openSqlite(path, "normal"); // creates the file, the WAL and the schema
  const raw = new DatabaseSync(path);
  raw.exec("PRAGMA journal_mode = WAL");
  raw.exec("PRAGMA synchronous = NORMAL");
  raw.exec("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)");
  const syncs: Array<() => void> = [];
  const fails: Array<(e: Error) => void> = [];
  const db = new SqliteDatabase(
    raw,
    `${path}-wal`,
    () =>
      new Promise<void>((resolve, reject) => {
        syncs.push(resolve);
        fails.push(reject);
      }),
  );
  return { db, syncs, fails };
}

/** Lets pending promise callbacks and I/O run. */
const settle = () => new Promise((r) => setImmediate(r));

describe("SqliteDatabase durability", () => {
  it("resolves a write only after a WAL sync that began after it; writes during a sync share the next one", async () => {
    const { db, syncs } = held("group");
    const done: string[] = [];
    const first = db.transaction((tx) => tx.run("INSERT INTO t VALUES (1, 'a')")).then(() => done.push("first"));
    await settle();
    assert.equal(syncs.length, 1, "the first commit starts a sync");
    assert.equal(done.length, 0, "and is not answered before it ends");
    // Committed while that sync is on its way (which may have begun before these rows reached the WAL).
    const second = db.transaction((tx) => tx.run("INSERT INTO t VALUES (2, 'b')")).then(() => done.push("second"));
    const third = db.run("INSERT INTO t VALUES (3, 'c')").then(() => done.push("third"));
    await settle();
    assert.equal(syncs.length, 1, "no second sync while one is on its way");
    assert.deepEqual(
      (await db.all<{ k: number }>("SELECT k FROM t ORDER BY k")).map((r) => r.k),
      [1, 2, 3],
      "the lock is free at COMMIT: later writes do not wait for the disk to start",
    );
    syncs[0]?.();
    await first;
    await settle();
    assert.deepEqual(done, ["first"], "the in-flight sync answers only the write made before it");
    assert.equal(syncs.length, 2, "one more sync covers both later writes");
    syncs[1]?.();
    await Promise.all([second, third]);
    assert.deepEqual(done.slice(1).sort(), ["second", "third"]);
    await db.close();
  });

  it("fails the writes a failed sync was for, and gives the writes queued behind it a sync of their own", async () => {
    const { db, syncs, fails } = held("failing");
    const first = db.run("INSERT INTO t VALUES (1, 'a')");
    await settle();
    const second = db.run("INSERT INTO t VALUES (2, 'b')");
    await settle();
    fails[0]?.(new Error("EIO: the disk failed"));
    await assert.rejects(first, /EIO/);
    await settle();
    assert.equal(syncs.length, 2, "the queued write gets its own sync");
    syncs[1]?.();
    assert.equal(await second, 1);
    // And later writes are not answered by the failure either.
    const third = db.run("INSERT INTO t VALUES (3, 'c')");
    await settle();
    syncs[2]?.();
    assert.equal(await third, 1);
    await db.close();
  });

  it("does not wait for the disk for a write that changed nothing, nor without a WAL (memory or durability normal)", async () => {
    const { db, syncs } = held("idle");
    assert.equal(await db.run("DELETE FROM t WHERE k = 42"), 0);
    assert.equal(syncs.length, 0);
    const memory = openSqlite(":memory:");
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
