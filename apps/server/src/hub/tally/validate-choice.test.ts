import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import type { VotingType } from "./types.ts";
import { validateChoice } from "./validate-choice.ts";

/** [type, choice, choicesCount, the error it must give (a pattern), or undefined when valid]. */
type Case = [VotingType, unknown, number, RegExp | undefined];

const cases: Case[] = [
  // single choice and basic: one integer choice number
  ["single-choice", 1, 3, undefined],
  ["single-choice", 3, 3, undefined],
  ["single-choice", 0, 3, /0 is not a choice number from 1 to 3/],
  ["single-choice", 4, 3, /4 is not a choice number/],
  ["single-choice", -1, 3, /-1 is not a choice number/],
  ["single-choice", 1.5, 3, /1\.5 is not a choice number/],
  ["single-choice", Number.NaN, 3, /NaN is not a choice number/],
  ["single-choice", "1", 3, /"1" is not a choice number/],
  ["single-choice", [1], 3, /an array is not a choice number/],
  ["single-choice", null, 3, /null is not a choice number/],
  ["single-choice", undefined, 3, /undefined is not a choice number/],
  ["basic", 2, 3, undefined],
  ["basic", 4, 3, /4 is not a choice number/],
  ["basic", 2, 2, undefined],
  // approval: distinct choice numbers, possibly none
  ["approval", [1, 3], 3, undefined],
  ["approval", [], 3, undefined],
  ["approval", [3, 1, 2], 3, undefined],
  ["approval", [1, 1], 3, /choice 1 is listed twice/],
  ["approval", [1, 4], 3, /4 is not a choice number/],
  ["approval", [0], 3, /0 is not a choice number/],
  ["approval", [1.5], 3, /1\.5 is not a choice number/],
  ["approval", ["1"], 3, /"1" is not a choice number/],
  ["approval", 1, 3, /must be an array of choice numbers, not 1/],
  ["approval", { 1: 1 }, 3, /must be an array of choice numbers, not an object/],
  // ranked choice: a non-empty ranking of distinct choice numbers
  ["ranked-choice", [2, 1, 3], 3, undefined],
  ["ranked-choice", [2], 3, undefined],
  ["ranked-choice", [], 3, /the ranking is empty/],
  ["ranked-choice", [2, 1, 2], 3, /choice 2 is listed twice/],
  ["ranked-choice", [1, 5], 3, /5 is not a choice number/],
  ["ranked-choice", [1, Number.POSITIVE_INFINITY], 3, /Infinity is not a choice number/],
  ["ranked-choice", { 1: 1 }, 3, /must be an array/],
  ["ranked-choice", "1,2", 3, /must be an array of choice numbers, not "1,2"/],
  // weighted: an object of finite weights ≥ 0 with a positive sum, keyed by canonical choice numbers
  ["weighted", { 1: 2, 3: 1 }, 3, undefined],
  ["weighted", { 2: 0.5 }, 3, undefined],
  ["weighted", { 1: 0, 2: 1 }, 3, undefined],
  ["weighted", {}, 3, /the weights are empty/],
  ["weighted", { 1: 0, 2: 0 }, 3, /positive, finite sum/],
  ["weighted", { 1: Number.MAX_VALUE, 2: Number.MAX_VALUE }, 3, /positive, finite sum/],
  ["weighted", { 1: -1, 2: 3 }, 3, /weight of choice 1 must be a finite number ≥ 0, not -1/],
  ["weighted", { 1: Number.NaN }, 3, /weight of choice 1 .* not NaN/],
  ["weighted", { 1: Number.POSITIVE_INFINITY }, 3, /weight of choice 1 .* not Infinity/],
  ["weighted", { 1: "2" }, 3, /weight of choice 1 .* not "2"/],
  ["weighted", { 1: null }, 3, /weight of choice 1 .* not null/],
  ["weighted", { 4: 1 }, 3, /key "4" is not a choice number from 1 to 3/],
  ["weighted", { 0: 1 }, 3, /key "0" is not a choice number/],
  ["weighted", { "01": 1 }, 3, /key "01" is not a choice number/],
  ["weighted", { "1.0": 1 }, 3, /key "1.0" is not a choice number/],
  ["weighted", { "-1": 1 }, 3, /key "-1" is not a choice number/],
  ["weighted", { " 1": 1 }, 3, /key " 1" is not a choice number/],
  ["weighted", JSON.parse('{"1": 1, "__proto__": 1}'), 3, /key "__proto__" is not a choice number/],
  ["weighted", { constructor: 1 }, 3, /key "constructor" is not a choice number/],
  ["weighted", [1, 2], 3, /must be an object of weights .* not an array/],
  ["weighted", 1, 3, /must be an object of weights .* not 1/],
  ["weighted", null, 3, /must be an object of weights .* not null/],
  ["weighted", '{"1": 1}', 3, /must be an object of weights .* not "\{\\"1\\": 1\}"/],
  // quadratic: the same rules as weighted
  ["quadratic", { 1: 1, 2: 3 }, 3, undefined],
  ["quadratic", { 1: -0.5 }, 3, /not -0.5/],
  ["quadratic", JSON.parse('{"__proto__": 1}'), 3, /key "__proto__"/],
  ["quadratic", [], 3, /not an array/],
  // many choices: keys and numbers past one digit
  ["weighted", { 12: 1 }, 12, undefined],
  ["weighted", { 13: 1 }, 12, /key "13"/],
  ["ranked-choice", [12, 10, 11], 12, undefined],
];

describe("validateChoice", () => {
  for (const [type, choice, choicesCount, error] of cases) {
    it(`${type} with ${choicesCount} choices: ${inspect(choice)} → ${error ?? "valid"}`, () => {
      const got = validateChoice(type, choice, choicesCount);
      if (error === undefined) assert.equal(got, undefined);
      else assert.match(got ?? "(valid)", error);
    });
  }

  it("throws for a proposal no vote could be valid for", () => {
    assert.throws(() => validateChoice("single-choice", 1, 0), /at least one choice, not 0/);
    assert.throws(() => validateChoice("single-choice", 1, 2.5), RangeError);
    assert.throws(() => validateChoice("basic", 1, 4), /basic proposal has 3 choices .* or 2, not 4/);
    assert.throws(() => validateChoice("copeland" as VotingType, [1], 3), /unknown voting type "copeland"/);
  });
});
