import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tally } from "./tally.ts";

const close = (actual: number[], expected: number[]) =>
  assert.ok(
    actual.length === expected.length && actual.every((x, i) => Math.abs(x - (expected[i] as number)) < 1e-12),
    `${actual} ≈ ${expected}`,
  );

describe("quadratic", () => {
  it("favours many voters: 9 and 16 for 1, 25 for 2 → (3 + 4)² = 49 vs 5² = 25, rescaled to 50: [2450/74, 1250/74]", () => {
    const votes = [
      { choice: { 1: 1 }, power: [9] },
      { choice: { 1: 1 }, power: [16] },
      { choice: { 2: 1 }, power: [25] },
    ];
    const r = tally("quadratic", 3, votes);
    close(r.scores, [2450 / 74, 1250 / 74, 0]); // 33.108…, 16.891…, and nobody weighed choice 3
    close(r.scoresByStrategy.flat(), [2450 / 74, 1250 / 74, 0]);
    assert.equal(r.scoresTotal, 50);
  });

  it("takes the root of each vote's share: 8 as 1:1 → √4 + √4, 1 to 2 → √1; (2)² = 4 vs (2 + 1)² = 9 → [36/13, 81/13]", () => {
    const votes = [
      { choice: { 1: 1, 2: 1 }, power: [8] },
      { choice: { 2: 3 }, power: [1] },
    ];
    const r = tally("quadratic", 2, votes);
    close(r.scores, [36 / 13, 81 / 13]);
    assert.equal(r.scoresTotal, 9);
  });

  it("runs each strategy's quadratic count on its own, as Snapshot does, so a choice's parts need not sum to its score", () => {
    // Powers [4, 0] and [0, 9] for 1, [16, 9] for 2. Scores: (√4 + √9)² = 25 vs √25² = 25, of 38 → [19, 19].
    // By strategy: 1 gets (√4 + √0)² = 4 and (√0 + √9)² = 9, 2 gets √16² = 16 and √9² = 9; they sum to 38 already.
    const votes = [
      { choice: { 1: 1 }, power: [4, 0] },
      { choice: { 1: 1 }, power: [0, 9] },
      { choice: { 2: 1 }, power: [16, 9] },
    ];
    const r = tally("quadratic", 2, votes);
    close(r.scores, [19, 19]);
    close(r.scoresByStrategy.flat(), [4, 9, 16, 9]);
    assert.equal(r.scoresTotal, 38);
  });

  it("gives zeros, not NaN, when every vote has zero power", () => {
    assert.deepEqual(tally("quadratic", 2, [{ choice: { 1: 1 }, power: [0] }]), {
      scores: [0, 0],
      scoresByStrategy: [[0], [0]],
      scoresTotal: 0,
    });
  });

  it("refuses to count invalid weights, naming the vote", () => {
    const votes = [
      { choice: { 1: 1 }, power: [1] },
      { choice: JSON.parse('{"__proto__": 1}'), power: [1] },
    ];
    assert.throws(() => tally("quadratic", 2, votes), /vote 1 cannot be counted: key "__proto__"/);
  });
});
