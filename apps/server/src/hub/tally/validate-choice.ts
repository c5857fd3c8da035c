import { validateApproval } from "./approval.ts";
import { validateRanking } from "./ranked-choice.ts";
import { validateSingleChoice } from "./single-choice.ts";
import type { VotingType } from "./types.ts";
import { validateWeights } from "./weighted.ts";

/**
 * Why a vote's choice is invalid for a proposal of this type with `choicesCount` choices, or undefined if it is
 * valid. Choice numbers are 1-based integers (JS numbers, not strings):
 * - single-choice, basic: one choice number (basic proposals have 3 choices, For, Against, Abstain, or 2 when a
 *   Snapshot space hides Abstain);
 * - approval: an array of distinct choice numbers, possibly empty (as in Snapshot);
 * - ranked-choice: a non-empty array of distinct choice numbers, most preferred first; it may leave choices out;
 * - weighted, quadratic: an object of weights, `{"1": 2, "3": 1}` (see weights.ts for the exact rules).
 * Throws a RangeError for a proposal that cannot exist (no choices, a basic one with other than 2 or 3).
 * @example
 * import { validateChoice } from "./index.ts";
 * validateChoice("approval", [1, 1], 3); // "choice 1 is listed twice"
 */
export function validateChoice(type: VotingType, choice: unknown, choicesCount: number): string | undefined {
  checkProposal(type, choicesCount);
  switch (type) {
    case "single-choice":
    case "basic":
      return validateSingleChoice(choice, choicesCount);
    case "approval":
      return validateApproval(choice, choicesCount);
    case "ranked-choice":
      return validateRanking(choice, choicesCount);
    case "weighted":
    case "quadratic":
      return validateWeights(choice, choicesCount);
  }
}

/** Refuses a proposal shape no vote could be valid for: an unknown type, no choices, a basic one not 2 or 3. */
export function checkProposal(type: VotingType, choicesCount: number): void {
  if (!Number.isInteger(choicesCount) || choicesCount < 1) {
    throw new RangeError(`a proposal has at least one choice, not ${choicesCount}`);
  }
  if (type === "basic" && choicesCount !== 2 && choicesCount !== 3) {
    throw new RangeError(`a basic proposal has 3 choices (For, Against, Abstain) or 2, not ${choicesCount}`);
  }
  if (!VOTING_TYPES.includes(type)) throw new RangeError(`unknown voting type ${JSON.stringify(type)}`);
}

export const VOTING_TYPES: readonly VotingType[] = [
  "single-choice",
  "approval",
  "weighted",
  "quadratic",
  "ranked-choice",
  "basic",
];
