import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combinedScores, type SpaceSettings } from "./spaces.ts";

const venture = { combine: [0.6, 0.4] } as SpaceSettings;
const close = (a: number[] | undefined, b: number[]) =>
  assert.ok(a && a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] as number)) < 1e-12), `${a} ≈ ${b}`);

describe("combinedScores (the venture space's 60/40 vote)", () => {
  it("white paper (a): venture 40 yes / 20 no, holders 30 yes / 10 no → 70 yes / 30 no", () => {
    // scoresByStrategy[choice] = [venture side, holder side]; choice 1 = yes, 2 = no.
    close(
      combinedScores(venture, [
        [40, 30],
        [20, 10],
      ])?.map((x) => x * 100),
      [70, 30],
    );
  });

  it("white paper (b): 50M staked vote, 40M yes → the holder side counts 32 yes / 8 no", () => {
    close(
      combinedScores(venture, [
        [0, 40e6],
        [0, 10e6],
      ])?.map((x) => x * 100),
      [32, 8],
    );
  });

  it("a side nobody voted on adds nothing (no division by zero), and results stay within [0, 1]", () => {
    close(
      combinedScores(venture, [
        [0, 0],
        [0, 0],
      ]),
      [0, 0],
    );
    const r = combinedScores(venture, [
      [5, 0],
      [0, 0],
      [1, 0],
    ]) as number[];
    assert.ok(r.every((x) => x >= 0 && x <= 1));
    close(r, [0.5, 0, 0.1]);
  });

  it("is undefined for a space that does not combine electorates", () => {
    assert.equal(combinedScores({} as SpaceSettings, [[1], [2]]), undefined);
  });
});
