import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tally } from "./tally.ts";

describe("ranked-choice", () => {
  it("runs off until a majority: [5, 4, 3, 4] → 3 out, its 3 to 2 → [5, 7, -, 4] → 4 out, 2 to 2, 2 exhausted → [5, 9, 0, 0]", () => {
    const votes = [
      { choice: [1, 3], power: [5] },
      { choice: [2, 3, 1], power: [4] },
      { choice: [3, 2], power: [3] },
      { choice: [4, 2], power: [2] },
      { choice: [4], power: [2] }, // ranks only 4: exhausted when 4 is out, but still turned out
    ];
    assert.deepEqual(tally("ranked-choice", 4, votes), {
      scores: [5, 9, 0, 0],
      scoresByStrategy: [[5], [9], [0], [0]],
      scoresTotal: 16,
    });
  });

  it("stops at the first round with a majority and reports it: [6, 3, 2] of 11, 6 > 5.5", () => {
    const votes = [
      { choice: [1, 2], power: [6] },
      { choice: [2, 3], power: [3] },
      { choice: [3, 2], power: [2] },
    ];
    assert.deepEqual(tally("ranked-choice", 3, votes).scores, [6, 3, 2]);
  });

  it("needs more than half: [5, 3, 2] of 10 eliminates 3 (5 is not > 5), giving [5, 5, 0]", () => {
    const votes = [
      { choice: [1], power: [5] },
      { choice: [2], power: [3] },
      { choice: [3, 2], power: [2] },
    ];
    assert.deepEqual(tally("ranked-choice", 3, votes).scores, [5, 5, 0]);
  });

  it("eliminates the lowest choice number among the last: [2, 2, 3] eliminates 1, whose vote goes to 3 → [0, 2, 5]", () => {
    const votes = [
      { choice: [1, 3], power: [2] },
      { choice: [2, 3], power: [2] },
      { choice: [3, 1], power: [3] },
    ];
    assert.deepEqual(tally("ranked-choice", 3, votes).scores, [0, 2, 5]);
  });

  it("never runs a choice nobody ranked: with 4 and 5 unranked, [4, 3, 2] has 3 candidates → 3 out → [4, 5, 0, 0, 0]", () => {
    // Were 4 and 5 candidates with 0 votes, they would be eliminated first and the result would be the same; but
    // with only 1 and 2 ranked there would be nothing to eliminate: fewer than 3 candidates stop the count.
    const votes = [
      { choice: [1], power: [4] },
      { choice: [2], power: [3] },
      { choice: [3, 2], power: [2] },
    ];
    assert.deepEqual(tally("ranked-choice", 5, votes).scores, [4, 5, 0, 0, 0]);
    assert.deepEqual(tally("ranked-choice", 5, votes.slice(0, 2)).scores, [4, 3, 0, 0, 0]);
  });

  it("stops with 2 candidates even when tied: [3, 3, 1] → 3 out → [3, 3, 0], no winner made by eliminating one", () => {
    const votes = [
      { choice: [1], power: [3] },
      { choice: [2], power: [3] },
      { choice: [3], power: [1] }, // exhausted once 3 is out, but still turned out
    ];
    const r = tally("ranked-choice", 3, votes);
    assert.deepEqual(r.scores, [3, 3, 0]);
    assert.equal(r.scoresTotal, 7);
  });

  it("moves each strategy's power with the vote: [5, 4, 3] → 3 out, its [0, 2] to 1 and [1, 0] to 2 → [[3, 4], [4, 1], [0, 0]]", () => {
    // Round 1: 1 has [1, 2] + [2, 0] = 5, 2 has [3, 1] = 4, 3 has [0, 2] + [1, 0] = 3, of 12: no majority, 3 is out.
    // Round 2: 1 has 5 + 2 = 7 ([3, 4]), 2 has 4 + 1 = 5 ([4, 1]): two candidates left, so this is the last round.
    const votes = [
      { choice: [1, 2], power: [1, 2] },
      { choice: [2], power: [3, 1] },
      { choice: [3, 1], power: [0, 2] },
      { choice: [3, 2], power: [1, 0] },
      { choice: [1], power: [2, 0] },
    ];
    assert.deepEqual(tally("ranked-choice", 3, votes), {
      scores: [7, 5, 0],
      scoresByStrategy: [
        [3, 4],
        [4, 1],
        [0, 0],
      ],
      scoresTotal: 12,
    });
  });

  it("refuses to count an empty ranking, naming the vote", () => {
    assert.throws(
      () =>
        tally("ranked-choice", 3, [
          { choice: [1], power: [1] },
          { choice: [], power: [1] },
        ]),
      /vote 1 cannot be counted: the ranking is empty/,
    );
  });
});
