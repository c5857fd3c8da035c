import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tally } from "./tally.ts";

describe("weighted", () => {
  it("splits each vote's power by its weights: 8 as 1:3 → 2 + 6, 10 all to 3, 4 as 1:1:2 → 1 + 1 + 2; [3, 7, 12]", () => {
    const votes = [
      { choice: { 1: 1, 2: 3 }, power: [8] },
      { choice: { 3: 5 }, power: [10] },
      { choice: { 1: 1, 2: 1, 3: 2 }, power: [4] },
    ];
    assert.deepEqual(tally("weighted", 3, votes), {
      scores: [3, 7, 12],
      scoresByStrategy: [[3], [7], [12]],
      scoresTotal: 22,
    });
  });

  it("splits each strategy's power the same way: [6, 2] as 1:3, [10, 0] to 3, [0, 4] as 1:1:2 → [[1.5, 1.5], [4.5, 2.5], [10, 2]]", () => {
    const votes = [
      { choice: { 1: 1, 2: 3 }, power: [6, 2] },
      { choice: { 3: 5 }, power: [10, 0] },
      { choice: { 1: 1, 2: 1, 3: 2 }, power: [0, 4] },
    ];
    assert.deepEqual(tally("weighted", 3, votes), {
      scores: [3, 7, 12],
      scoresByStrategy: [
        [1.5, 1.5],
        [4.5, 2.5],
        [10, 2],
      ],
      scoresTotal: 22,
    });
  });

  it("counts a zero weight as no share, and weights need not be integers: 9 as {1: 0, 2: 0.5, 3: 1} → [0, 3, 6]", () => {
    assert.deepEqual(tally("weighted", 3, [{ choice: { 1: 0, 2: 0.5, 3: 1 }, power: [9] }]).scores, [0, 3, 6]);
  });

  it("reads weights parsed from JSON (string keys) like those written as numbers", () => {
    const fromJson = [{ choice: JSON.parse('{"2": 1, "1": 3}'), power: [8] }];
    assert.deepEqual(tally("weighted", 2, fromJson).scores, [6, 2]);
  });

  it("refuses to count invalid weights, naming the vote", () => {
    assert.throws(
      () => tally("weighted", 2, [{ choice: { 1: 1, 2: -1 }, power: [1] }]),
      /vote 0 cannot be counted: the weight of choice 2 must be a finite number ≥ 0, not -1/,
    );
    assert.throws(() => tally("weighted", 2, [{ choice: [1, 2], power: [1] }]), /vote 0 .* not an array/);
  });
});
