import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tally } from "./tally.ts";

describe("approval", () => {
  it("gives each approved choice the vote's full power: 10 → {1, 2}, 20 → {2, 3}, 5 → {} gives [10, 30, 20] of 35", () => {
    const votes = [
      { choice: [1, 2], power: [10] },
      { choice: [3, 2], power: [20] },
      { choice: [], power: [5] }, // approves nothing, yet turned out
    ];
    assert.deepEqual(tally("approval", 3, votes), {
      scores: [10, 30, 20],
      scoresByStrategy: [[10], [30], [20]],
      scoresTotal: 35,
    });
  });

  it("keeps each strategy's part: [6, 4] → {1, 3}, [1, 2] → {3} gives [[6, 4], [0, 0], [7, 6]]", () => {
    const votes = [
      { choice: [1, 3], power: [6, 4] },
      { choice: [3], power: [1, 2] },
    ];
    assert.deepEqual(tally("approval", 3, votes), {
      scores: [10, 0, 13],
      scoresByStrategy: [
        [6, 4],
        [0, 0],
        [7, 6],
      ],
      scoresTotal: 13,
    });
  });

  it("refuses to count a choice listed twice, naming the vote", () => {
    assert.throws(
      () =>
        tally("approval", 3, [
          { choice: [1], power: [1] },
          { choice: [2, 2], power: [1] },
        ]),
      /vote 1 cannot be counted: choice 2 is listed twice/,
    );
  });
});
