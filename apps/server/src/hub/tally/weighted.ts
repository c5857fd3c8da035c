/**
 * Weighted: each vote splits its power among choices in proportion to its weights, `{"1": w1, "3": w3, ...}`.
 *
 *   share(v, i)            = w_i(v) / Σ_j w_j(v)
 *   scores[i]              = Σ_v share(v, i) · power(v)
 *   scoresByStrategy[i][s] = Σ_v share(v, i) · power_s(v)
 *
 * So scores add up to the power cast. Snapshot's weighted.ts then rescales both arrays so that they sum to the
 * power of the valid votes; that is the identity (each vote's shares sum to 1) up to rounding, so it is not done.
 * What makes weights invalid is in weights.ts; an invalid vote throws instead of being skipped.
 */
import { invalidVote } from "./invalid-vote.ts";
import type { Ballot } from "./types.ts";
import { newWeights, readWeights } from "./weights.ts";

export function validateWeights(choice: unknown, choicesCount: number): string | undefined {
  return readWeights(choice, choicesCount, newWeights(choicesCount));
}

export function countWeighted(
  votes: readonly Ballot[],
  choicesCount: number,
  strategiesCount: number,
  balance: Float64Array,
  scores: Float64Array,
  byStrategy: Float64Array,
): void {
  const weights = newWeights(choicesCount);
  const { index, share } = weights;
  for (let v = 0; v < votes.length; v++) {
    const vote = votes[v] as Ballot;
    const wrong = readWeights(vote.choice, choicesCount, weights);
    if (wrong !== undefined) throw invalidVote(v, wrong);
    const b = balance[v] as number;
    const power = vote.power;
    for (let k = 0; k < weights.length; k++) {
      const i = index[k] as number;
      const part = share[k] as number;
      scores[i] = (scores[i] as number) + part * b;
      const row = i * strategiesCount;
      for (let s = 0; s < strategiesCount; s++) {
        byStrategy[row + s] = (byStrategy[row + s] as number) + part * (power[s] as number);
      }
    }
  }
}
