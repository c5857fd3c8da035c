import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { openSqlite } from "../db/sqlite.ts";
import { DONE } from "../db/writerControl.ts";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { blockUntil, microtasks } from "../testing/threads.ts";
import { type ChannelRecord, GatewayStore } from "./store.ts";

const record = (n: number, charged: bigint): ChannelRecord => ({
  channelId: `0x${n.toString(16).padStart(64, "0")}` as Hex,
  endpointId: 7n,
  customer: "0x00000000000000000000000000000000000000c1",
  token: "0x00000000000000000000000000000000000000a1",
  recipient: "0x00000000000000000000000000000000000000b1",
  expiresAt: 2_000_000_000n,
  charged,
  redeemed: 0n,
  // Token amounts exceed 64 bits: stored as decimal text on both engines.
  voucherAmount: charged + 10n ** 30n,
  voucherSignature: `0x${"11".repeat(65)}`,
  unredeemedSince: charged > 0n ? 1_700_000_000_000 : null,
  requests: Number(charged),
  leaseEpoch: 0,
});

for (const engine of ENGINES) {
  describe(`GatewayStore (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await testDatabase(engine);
    });
    after(() => t.drop());

    it("commits the saves of one turn together, each promise resolving once durable, and reads them back", async () => {
      const store = new GatewayStore(t.db, ":memory:", "full", "inline");
      const at = Date.UTC(2026, 10, 28, 12, 0, 30);
      await Promise.all([
        store.save(record(1, 1n), { channelId: record(1, 1n).channelId, endpointId: 7n, units: 1, amount: 1n, at }),
        store.save(record(1, 3n), { channelId: record(1, 3n).channelId, endpointId: 7n, units: 2, amount: 2n, at }),
        store.save(record(2, 5n), { channelId: record(2, 5n).channelId, endpointId: 7n, units: 5, amount: 5n, at }),
      ]);
      assert.deepEqual(await store.load(record(1, 3n).channelId), record(1, 3n), "the last save of a channel wins");
      assert.deepEqual(await GatewayStore.read(t.db, record(2, 5n).channelId), record(2, 5n));
      assert.equal(await store.load(`0x${"ff".repeat(32)}`), undefined);
      assert.deepEqual(await store.usageByEndpoint(), [{ endpointId: 7n, requests: 3, units: 8, amount: 8n }]);
      const series = await store.usageSeries(at - 60_000);
      assert.deepEqual(series, [
        { endpointId: 7n, minute: Math.floor(at / 60_000), requests: 3, units: 8, amount: 8n },
      ]);
      // A later batch adds to the same minute.
      await store.save(record(2, 6n), { channelId: record(2, 6n).channelId, endpointId: 7n, units: 1, amount: 1n, at });
      assert.equal((await store.usageByEndpoint())[0]?.requests, 4);
      assert.deepEqual(
        (await store.unredeemed()).map((r) => r.charged),
        [3n, 6n],
      );
      await store.close();
      await assert.rejects(store.save(record(3, 1n)), /closed/);
    });

    it("refuses a write under an older lease epoch than the stored one (a replica that lost the channel)", async () => {
      const store = new GatewayStore(t.db, ":memory:", "full", "inline");
      await store.save({ ...record(9, 5n), leaseEpoch: 2 });
      await assert.rejects(store.save({ ...record(9, 7n), leaseEpoch: 1 }), /another replica/);
      assert.equal((await store.load(record(9, 5n).channelId))?.charged, 5n, "the newer holder's total stands");
      await store.save({ ...record(9, 8n), leaseEpoch: 2 });
      assert.equal((await store.load(record(9, 5n).channelId))?.charged, 8n);
      await store.close();
    });

    it("logs redemption attempts, newest first", async () => {
      const store = new GatewayStore(t.db, ":memory:", "full", "inline");
      await store.logRedemption({ txHash: `0x${"aa".repeat(32)}`, channels: 2, claimed: 10n ** 25n, status: "mined" });
      await store.logRedemption({ txHash: null, channels: 1, claimed: 5n, status: "failed", error: "reverted" });
      const log = await store.redemptions(10);
      assert.deepEqual(
        log.map((r) => [r.status, r.claimed, r.error]),
        [
          ["failed", 5n, "reverted"],
          ["mined", 10n ** 25n, null],
        ],
      );
      await store.close();
    });
  });
}

describe("GatewayStore with its writer thread (SQLite file)", () => {
  const dir = mkdtempSync(join(tmpdir(), "aidao-store-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("commits on the thread, refuses a fenced write with the thread's error, and keeps serving after it", async () => {
    const path = join(dir, "thread.db");
    const db = openSqlite(path, "full");
    const store = new GatewayStore(db, path, "full", "thread");
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.save(record(i + 1, BigInt(i + 1)))));
    assert.equal((await store.load(record(50, 50n).channelId))?.charged, 50n);
    await store.save({ ...record(9, 9n), leaseEpoch: 2 });
    await assert.rejects(store.save({ ...record(9, 10n), leaseEpoch: 1 }), /another replica/);
    await store.save({ ...record(9, 11n), leaseEpoch: 2 });
    assert.equal((await store.load(record(9, 9n).channelId))?.charged, 11n);
    await store.close();
    await db.close();
  });

  it("takes the thread's acknowledgement at a poll, without waiting for the event loop's next turn", async () => {
    const path = join(dir, "poll.db");
    const db = openSqlite(path, "full");
    const store = new GatewayStore(db, path, "full", "thread");
    await store.save(record(1, 1n)); // the thread is up
    let answered = false;
    const saved = store.save(record(1, 2n)).then(() => {
      answered = true;
    });
    const control = (store as unknown as { control: Int32Array }).control;
    // Block this thread until the writer has made the batch durable: no turn of the event loop happens meanwhile.
    blockUntil(control, DONE, 2);
    await microtasks();
    assert.equal(answered, false, "durable, but nobody has looked yet");
    store.poll();
    await microtasks();
    assert.equal(answered, true, "taken by the poll");
    await saved;
    await store.close();
    await db.close();
  });
});
