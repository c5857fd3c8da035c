import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { randomBallots, seededRandom, shuffle } from "./random-ballots.ts";
import { VOTING_TYPES, validateChoice } from "./validate-choice.ts";

describe("randomBallots", () => {
  for (const type of VOTING_TYPES) {
    it(`${type}: every ballot is valid, with one power per strategy`, () => {
      const choicesCount = type === "basic" ? 3 : 7;
      const ballots = randomBallots(type, { count: 500, choicesCount, strategiesCount: 2, random: seededRandom(3) });
      assert.equal(ballots.length, 500);
      for (const b of ballots) {
        assert.equal(validateChoice(type, b.choice, choicesCount), undefined, JSON.stringify(b.choice));
        assert.equal(b.power.length, 2);
      }
    });
  }

  it("ranks 1 to all choices, or all of them with fullRankings", () => {
    const lengths = (fullRankings: boolean) =>
      new Set(
        randomBallots("ranked-choice", {
          count: 300,
          choicesCount: 4,
          strategiesCount: 1,
          random: seededRandom(4),
          fullRankings,
        }).map((b) => (b.choice as number[]).length),
      );
    assert.deepEqual([...lengths(false)].sort(), [1, 2, 3, 4]);
    assert.deepEqual([...lengths(true)], [4]);
  });

  it("gives the same ballots for the same seed, and others for another", () => {
    const make = (seed: number) =>
      randomBallots("weighted", { count: 50, choicesCount: 5, strategiesCount: 2, random: seededRandom(seed) });
    assert.deepEqual(make(5), make(5));
    assert.notDeepEqual(make(5), make(6));
  });
});

describe("seededRandom", () => {
  it("draws in [0, 1), spread over it (mean 0.5 ± 0.01 over 100k draws)", () => {
    const random = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      assert.ok(x >= 0 && x < 1);
      sum += x;
    }
    assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01);
  });
});

describe("shuffle", () => {
  it("permutes in place: the same items, in another order", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = shuffle([...items], seededRandom(8));
    assert.notDeepEqual(shuffled, items);
    assert.deepEqual(
      [...shuffled].sort((a, b) => a - b),
      items,
    );
  });
});
