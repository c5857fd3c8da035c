import { countApproval } from "./approval.ts";
import { invalidVote, show } from "./invalid-vote.ts";
import { countQuadratic } from "./quadratic.ts";
import { countRankedChoice } from "./ranked-choice.ts";
import { countSingleChoice } from "./single-choice.ts";
import type { Ballot, Counter, TallyResult, VotingType } from "./types.ts";
import { checkProposal } from "./validate-choice.ts";
import { countWeighted } from "./weighted.ts";

const COUNTERS: Record<VotingType, Counter> = {
  "single-choice": countSingleChoice,
  basic: countSingleChoice,
  approval: countApproval,
  weighted: countWeighted,
  quadratic: countQuadratic,
  "ranked-choice": countRankedChoice,
};

/**
 * A proposal's results, as Snapshot computes them for its voting type (each type's file gives the formula).
 * `scoresTotal` is the power of all votes cast; `strategiesCount` defaults to the first vote's (0 with no votes, when
 * every `scoresByStrategy[i]` is then empty). Every vote must be valid (`validateChoice`), with `strategiesCount`
 * powers, each a finite number ≥ 0; otherwise this throws a TypeError naming the vote, rather than skip it as
 * Snapshot does, since an invalid stored vote is a bug to fix, not a vote to drop silently. Runs in time linear in
 * the votes' total size and allocates a few typed arrays, none per vote.
 * @example
 * import { tally } from "./index.ts";
 * tally("single-choice", 2, [{ choice: 1, power: [10] }, { choice: 2, power: [5] }]);
 * // { scores: [10, 5], scoresByStrategy: [[10], [5]], scoresTotal: 15 }
 */
export function tally(
  type: VotingType,
  choicesCount: number,
  votes: readonly Ballot[],
  strategiesCount: number = votes[0]?.power.length ?? 0,
): TallyResult {
  checkProposal(type, choicesCount);
  const balance = balances(votes, strategiesCount);
  const scores = new Float64Array(choicesCount);
  const byStrategy = new Float64Array(choicesCount * strategiesCount);
  COUNTERS[type](votes, choicesCount, strategiesCount, balance, scores, byStrategy);
  let scoresTotal = 0;
  for (let v = 0; v < balance.length; v++) scoresTotal += balance[v] as number;
  const scoresByStrategy: number[][] = [];
  for (let i = 0; i < choicesCount; i++) {
    scoresByStrategy.push(Array.from(byStrategy.subarray(i * strategiesCount, (i + 1) * strategiesCount)));
  }
  return { scores: Array.from(scores), scoresByStrategy, scoresTotal };
}

/** Each vote's total power (Snapshot's `balance`), after checking its powers. */
function balances(votes: readonly Ballot[], strategiesCount: number): Float64Array {
  const balance = new Float64Array(votes.length);
  for (let v = 0; v < votes.length; v++) {
    const power = (votes[v] as Ballot).power;
    if (!Array.isArray(power) || power.length !== strategiesCount) {
      throw invalidVote(v, `its power must be an array of ${strategiesCount} numbers, one per strategy`);
    }
    let sum = 0;
    for (let s = 0; s < strategiesCount; s++) {
      const p: unknown = power[s];
      if (typeof p !== "number" || !(p >= 0 && p < Infinity)) {
        throw invalidVote(v, `its power from strategy ${s} must be a finite number ≥ 0, not ${show(p)}`);
      }
      sum += p;
    }
    balance[v] = sum;
  }
  return balance;
}
