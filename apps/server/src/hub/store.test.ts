import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { HubStore, type VoteRow } from "./store.ts";
import { tally } from "./tally/index.ts";
import { seededRandom, shuffle } from "./tally/random-ballots.ts";

const PROPOSAL = `0x${"ab".repeat(32)}`;

const PROPOSAL_ROW = {
  id: PROPOSAL,
  space: "aidao",
  author: "0x0000000000000000000000000000000000000001",
  created: 1,
  type: "single-choice",
  title: "t",
  body: "",
  discussion: "",
  choices: ["A", "B", "C"],
  labels: [],
  start: 1,
  end: 10_000,
  snapshot: 1,
  plugins: "{}",
  app: "",
  receivedAt: 1_000,
};

for (const engine of ENGINES) {
  describe(`HubStore (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await testDatabase(engine);
    });
    after(() => t.drop());

    /** An empty store with one proposal (each call wipes what the last one wrote). */
    async function freshStore(): Promise<HubStore> {
      await t.db.transaction(async (tx) => {
        for (const table of ["hub_votes", "hub_proposals", "hub_messages", "hub_space_settings"]) {
          await tx.run(`DELETE FROM ${table}`);
        }
      });
      const store = new HubStore(t.db);
      await store.write((w) => w.insertProposal(PROPOSAL_ROW));
      return store;
    }
    const upsert = (store: HubStore, v: VoteRow) => store.write((w) => w.upsertVote(v));

    it("ends in the same state, and the same tally, whatever order the votes arrive in (property)", async () => {
      for (let run = 0; run < 25; run++) {
        const rand = seededRandom(run + 1);
        const votes: VoteRow[] = [];
        const voters = 2 + Math.floor(rand() * 8);
        for (let v = 0; v < voters; v++) {
          const voter = `0x${(v + 1).toString(16).padStart(40, "0")}`;
          const power = Math.round(rand() * 1000) + 1;
          // Each voter votes 1..4 times (a later vote replaces an earlier one), some at the same second.
          for (let k = 0, n = 1 + Math.floor(rand() * 4); k < n; k++) {
            votes.push({
              id: `0x${(votes.length + 1).toString(16).padStart(64, "0")}`,
              proposal: PROPOSAL,
              voter,
              created: 100 + Math.floor(rand() * 5),
              choice: 1 + Math.floor(rand() * 3),
              vp: power,
              vpByStrategy: [power],
              reason: "",
              app: "",
            });
          }
        }
        const outcomes = new Set<string>();
        for (let order = 0; order < 6; order++) {
          const shuffled = shuffle([...votes], rand);
          const store = await freshStore();
          await Promise.all(shuffled.map((v) => upsert(store, v)));
          const state = (await store.votes(PROPOSAL, 1_000)).map((v) => `${v.voter}:${v.id}`);
          const scores = tally("single-choice", 3, await store.ballots(PROPOSAL)).scores;
          outcomes.add(JSON.stringify({ state, scores }));
        }
        assert.equal(outcomes.size, 1, `run ${run}: ${[...outcomes].join(" ≠ ")}`);
      }
    });

    it("keeps each voter's latest vote (ties broken by message id)", async () => {
      const store = await freshStore();
      const v = (id: number, created: number, choice: number): VoteRow => ({
        id: `0x${id.toString(16).padStart(64, "0")}`,
        proposal: PROPOSAL,
        voter: "0x00000000000000000000000000000000000000aa",
        created,
        choice,
        vp: 5,
        vpByStrategy: [5],
        reason: "",
        app: "",
      });
      const choice = async () => (await store.votes(PROPOSAL, 10))[0]?.choice;
      await upsert(store, v(1, 200, 1));
      await upsert(store, v(2, 100, 2)); // older: ignored
      assert.equal(await choice(), 1);
      await upsert(store, v(3, 200, 3)); // same second, higher id: replaces
      assert.equal(await choice(), 3);
      await upsert(store, v(0, 200, 2)); // same second, lower id: ignored
      assert.equal(await choice(), 3);
    });

    it("groups the writes of one event-loop turn into one transaction, and undoes only a failing one", async () => {
      const store = await freshStore();
      const row = (id: number): VoteRow => ({
        id: `0x${id.toString(16).padStart(64, "0")}`,
        proposal: PROPOSAL,
        voter: `0x${id.toString(16).padStart(40, "0")}`,
        created: 100,
        choice: 1,
        vp: 1,
        vpByStrategy: [1],
        reason: "",
        app: "",
      });
      let commits = 0;
      const ok1 = store.write(async (w) => {
        await w.upsertVote(row(1));
        w.afterCommit(() => commits++);
      });
      const failing = store.write(async (w) => {
        await w.upsertVote(row(2));
        w.afterCommit(() => commits++);
        throw new Error("semantic check failed");
      });
      const ok2 = store.write(async (w) => {
        // It sees the message applied before it in the same transaction.
        assert.equal((await w.proposal(PROPOSAL))?.id, PROPOSAL);
        await w.upsertVote(row(3));
      });
      await assert.rejects(failing, /semantic check failed/);
      await Promise.all([ok1, ok2]);
      assert.equal(commits, 1, "only the applied message's after-commit work runs");
      assert.deepEqual(
        (await store.votes(PROPOSAL, 10)).map((v) => v.id),
        [row(1).id, row(3).id],
      );
    });

    it("keeps the latest settings message per space, whatever order they arrive in", async () => {
      const store = await freshStore();
      const set = (updated: number, messageId: string, name: string) =>
        store.write(async (w) => {
          await w.setSpaceSettings({
            space: "aidao",
            settings: JSON.stringify({ name }),
            messageId,
            author: "0x1",
            updated,
          });
        });
      await set(200, "0x02", "second");
      await set(100, "0x09", "older");
      await set(200, "0x01", "same second, lower id");
      assert.deepEqual(
        (await store.spaceSettings()).map((s) => s.settings),
        [JSON.stringify({ name: "second" })],
      );
      await set(300, "0x00", "latest");
      assert.equal((await store.spaceSettings())[0]?.messageId, "0x00");
    });

    it("pages a space's proposals newest first, and a proposal's votes by voter", async () => {
      const store = await freshStore();
      for (let i = 0; i < 5; i++) {
        await store.write((w) =>
          w.insertProposal({
            ...PROPOSAL_ROW,
            id: `0x${String(i).repeat(64)}`,
            created: 100 + (i % 2),
            receivedAt: 2_000,
          }),
        );
      }
      const first = await store.proposals("aidao", 3);
      assert.deepEqual(
        first.map((p) => [p.created, p.id.slice(0, 4)]),
        [
          [101, "0x33"],
          [101, "0x11"],
          [100, "0x44"],
        ],
      );
      const last = first.at(-1) as { created: number; id: string };
      const rest = await store.proposals("aidao", 10, { created: last.created, id: last.id });
      assert.deepEqual(
        rest.map((p) => p.id.slice(0, 4)),
        ["0x22", "0x00", "0xab"],
      );
    });
  });
}
