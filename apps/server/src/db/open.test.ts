import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { bindDeployment, openDatabase, redact } from "./open.ts";

for (const engine of ENGINES) {
  describe(`bindDeployment (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await testDatabase(engine);
    });
    after(() => t.drop());

    const messages = async () =>
      ((await t.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM hub_messages")) as { n: number }).n;

    it("binds a database to one deployment on one chain, and refuses or rebuilds it when the chain was reset", async () => {
      // The chain: which anchors (block:hash) it still has.
      const chain = new Set(["5:0xaaa"]);
      const has = async (anchor: string) => chain.has(anchor);
      const binding = { identity: "31337:0xabc", anchor: "5:0xaaa" };
      await bindDeployment(t.db, binding, has);
      await bindDeployment(t.db, binding, has); // the same chain: nothing to do
      await t.db.run(
        "INSERT INTO hub_messages (id, kind, space, author, timestamp, received_at, envelope) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ["0x01", "Vote", "aidao", "0x1", 1, 1, "{}"],
      );
      // Another deployment on the same (living) chain: refused, even with reset.
      await assert.rejects(
        bindDeployment(t.db, { identity: "31337:0xdef", anchor: "9:0xccc" }, has, "reset"),
        /belongs to another deployment on this chain \(31337:0xabc/,
      );
      // The chain was reset (its block 5 is another now), whatever the new deployment's addresses.
      chain.clear();
      chain.add("5:0xbbb");
      const reset = { identity: "31337:0xdef", anchor: "5:0xbbb" };
      await assert.rejects(bindDeployment(t.db, reset, has), /chain that no longer exists.*--reset-database/);
      assert.equal(await messages(), 1, "refusing changes nothing");
      const said: string[] = [];
      await bindDeployment(t.db, reset, has, "reset", (m) => said.push(m));
      assert.equal(await messages(), 0, "emptied, to be rebuilt from the chain");
      assert.match(said.join(), /chain was reset/);
      await bindDeployment(t.db, reset, has); // bound to the new chain now
    });
  });
}

describe("openDatabase", () => {
  it("refuses a DATABASE_URL that is not PostgreSQL's, without printing its password", async () => {
    await assert.rejects(
      openDatabase({ databaseUrl: "mysql://root:secret@db/x", path: ":memory:" }),
      (e: Error) => /postgres:\/\//.test(e.message) && !e.message.includes("secret"),
    );
    assert.equal(redact("postgres://aidao:hunter2@db:5432/x"), "postgres://aidao:***@db:5432/x");
  });
});
