import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { acquireLease, leaseHolder, releaseLease } from "./lease.ts";

for (const engine of ENGINES) {
  describe(`leases (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await testDatabase(engine);
    });
    after(() => t.drop());

    it("has one holder at a time; a renewal keeps the epoch, a new holder raises it", async () => {
      const now = 1_000_000;
      const first = await acquireLease(t.db, "channel:1", "a", 1_000, now);
      assert.deepEqual(first, { name: "channel:1", owner: "a", epoch: 1, until: now + 1_000 });
      assert.equal(await acquireLease(t.db, "channel:1", "b", 1_000, now + 500), undefined, "held by a");
      assert.equal((await acquireLease(t.db, "channel:1", "a", 1_000, now + 500))?.epoch, 1, "a renews");
      // a stops renewing: once it expires, b takes it under a new epoch.
      const taken = await acquireLease(t.db, "channel:1", "b", 1_000, now + 1_600);
      assert.equal(taken?.epoch, 2);
      assert.equal(await acquireLease(t.db, "channel:1", "a", 1_000, now + 1_700), undefined, "a lost it");
      // b gives it up: a takes it at once.
      await releaseLease(t.db, "channel:1", "b");
      assert.equal((await acquireLease(t.db, "channel:1", "a", 1_000, now + 1_800))?.epoch, 3);
      assert.equal((await leaseHolder(t.db, "channel:1"))?.owner, "a");
      assert.equal((await acquireLease(t.db, "channel:2", "b", 1_000, now))?.epoch, 1, "leases are independent");
    });

    it("lets racing replicas agree on one holder", async () => {
      const owners = Array.from({ length: 6 }, (_, i) => `r${i}`);
      const won = await Promise.all(owners.map((o) => acquireLease(t.db, "indexer", o, 60_000)));
      assert.equal(won.filter(Boolean).length, 1);
    });
  });
}
