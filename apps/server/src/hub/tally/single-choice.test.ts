import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tally } from "./tally.ts";

describe("single-choice", () => {
  it("adds each vote's power to its choice: 10 + 5 for 1, 20 for 2, nobody for 3 → [15, 20, 0] of 35", () => {
    const votes = [
      { choice: 1, power: [10] },
      { choice: 2, power: [20] },
      { choice: 1, power: [5] },
    ];
    assert.deepEqual(tally("single-choice", 3, votes), {
      scores: [15, 20, 0],
      scoresByStrategy: [[15], [20], [0]],
      scoresTotal: 35,
    });
  });

  it("keeps each strategy's part: [10, 1] + [5, 4] for 1, [20, 2] for 2 → [[15, 5], [20, 2], [0, 0]], scores [20, 22, 0]", () => {
    const votes = [
      { choice: 1, power: [10, 1] },
      { choice: 2, power: [20, 2] },
      { choice: 1, power: [5, 4] },
    ];
    assert.deepEqual(tally("single-choice", 3, votes), {
      scores: [20, 22, 0],
      scoresByStrategy: [
        [15, 5],
        [20, 2],
        [0, 0],
      ],
      scoresTotal: 42,
    });
  });

  it("counts basic (For, Against, Abstain) the same way: 7 For, 3 + 2 Against, 1 Abstain → [7, 5, 1] of 13", () => {
    const votes = [
      { choice: 2, power: [3] },
      { choice: 1, power: [7] },
      { choice: 3, power: [1] },
      { choice: 2, power: [2] },
    ];
    assert.deepEqual(tally("basic", 3, votes).scores, [7, 5, 1]);
    assert.equal(tally("basic", 3, votes).scoresTotal, 13);
  });

  it("refuses to count an invalid choice, naming the vote (it was validated when cast, so this is a bug)", () => {
    const votes = [
      { choice: 1, power: [1] },
      { choice: 4, power: [1] },
    ];
    assert.throws(
      () => tally("single-choice", 3, votes),
      /vote 1 cannot be counted: 4 is not a choice number from 1 to 3/,
    );
    assert.throws(() => tally("basic", 3, [{ choice: "1", power: [1] }]), TypeError);
  });
});
