import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openSqlite } from "../db/sqlite.ts";
import { HubStore, type VoteRow } from "./store.ts";
import { tally } from "./tally/index.ts";
import { seededRandom, shuffle } from "./tally/random-ballots.ts";

const PROPOSAL = `0x${"ab".repeat(32)}`;

function freshStore(): HubStore {
  const store = new HubStore(openSqlite(":memory:"));
  store.insertProposal({
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
  });
  return store;
}

describe("HubStore", () => {
  it("ends in the same state, and the same tally, whatever order the votes arrive in (property)", () => {
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
        const store = freshStore();
        for (const v of shuffled) store.upsertVote(v);
        const state = store.votes(PROPOSAL, 1_000).map((v) => `${v.voter}:${v.id}`);
        outcomes.add(JSON.stringify({ state, scores: tally("single-choice", 3, store.ballots(PROPOSAL)).scores }));
      }
      assert.equal(outcomes.size, 1, `run ${run}: ${[...outcomes].join(" ≠ ")}`);
    }
  });

  it("keeps each voter's latest vote (ties broken by message id)", () => {
    const store = freshStore();
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
    store.upsertVote(v(1, 200, 1));
    store.upsertVote(v(2, 100, 2)); // older: ignored
    assert.equal(store.votes(PROPOSAL, 10)[0]?.choice, 1);
    store.upsertVote(v(3, 200, 3)); // same second, higher id: replaces
    assert.equal(store.votes(PROPOSAL, 10)[0]?.choice, 3);
    store.upsertVote(v(0, 200, 2)); // same second, lower id: ignored
    assert.equal(store.votes(PROPOSAL, 10)[0]?.choice, 3);
  });

  it("groups the writes of one event-loop turn into one transaction, and undoes only a failing one", async () => {
    const store = freshStore();
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
    const ok1 = store.write(() => store.upsertVote(row(1)));
    assert.throws(() =>
      store.write(() => {
        store.upsertVote(row(2));
        throw new Error("semantic check failed");
      }),
    );
    const ok2 = store.write(() => store.upsertVote(row(3)));
    await Promise.all([ok1, ok2]);
    assert.deepEqual(
      store.votes(PROPOSAL, 10).map((v) => v.id),
      [row(1).id, row(3).id],
    );
  });
});
