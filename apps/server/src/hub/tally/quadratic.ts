/**
 * Quadratic: weights as in weighted voting, but a choice's strength is the square of the sum of the square roots of
 * what each vote gives it, so many small votes outweigh one large vote of the same total. As Snapshot's
 * quadratic.ts:
 *
 *   share(v, i)  = w_i(v) / Σ_j w_j(v)
 *   q[i]         = ( Σ_v √(share(v, i) · power(v)) )²
 *   scores[i]    = q[i] / Σ_j q[j] · T                 (0 for every choice when Σ_j q[j] = 0)
 *
 *   q_s[i]                 = ( Σ_v √(share(v, i) · power_s(v)) )²        per strategy, on that strategy's power
 *   scoresByStrategy[i][s] = q_s[i] / Σ_{j,t} q_t[j] · T
 *
 * where T is the power cast. Rescaling to T keeps the scores in units of power, so quorum still means what it says.
 * Note that with several strategies Σ_s scoresByStrategy[i][s] is not scores[i] (a square of sums is not a sum of
 * squares); only both totals are T. That is Snapshot's definition, kept so that results match it.
 *
 * √(share · power) is computed as √share · √power: one square root per strategy per vote, plus one per choice the
 * vote weighs. What makes weights invalid is in weights.ts; an invalid vote throws instead of being skipped.
 */
import { invalidVote } from "./invalid-vote.ts";
import type { Ballot } from "./types.ts";
import { newWeights, readWeights } from "./weights.ts";

export function countQuadratic(
  votes: readonly Ballot[],
  choicesCount: number,
  strategiesCount: number,
  balance: Float64Array,
  scores: Float64Array,
  byStrategy: Float64Array,
): void {
  const weights = newWeights(choicesCount);
  const { index, share } = weights;
  const rootPower = new Float64Array(strategiesCount);
  let total = 0;
  // First Σ_v √(...) per choice (and per choice and strategy) into the outputs, then square and rescale in place.
  for (let v = 0; v < votes.length; v++) {
    const vote = votes[v] as Ballot;
    const wrong = readWeights(vote.choice, choicesCount, weights);
    if (wrong !== undefined) throw invalidVote(v, wrong);
    const b = balance[v] as number;
    total += b;
    const rootBalance = Math.sqrt(b);
    const power = vote.power;
    for (let s = 0; s < strategiesCount; s++) rootPower[s] = Math.sqrt(power[s] as number);
    for (let k = 0; k < weights.length; k++) {
      const i = index[k] as number;
      const rootShare = Math.sqrt(share[k] as number);
      scores[i] = (scores[i] as number) + rootShare * rootBalance;
      const row = i * strategiesCount;
      for (let s = 0; s < strategiesCount; s++) {
        byStrategy[row + s] = (byStrategy[row + s] as number) + rootShare * (rootPower[s] as number);
      }
    }
  }
  squareAndRescale(scores, total);
  squareAndRescale(byStrategy, total);
}

/** x[i] ← x[i]² / Σ_j x[j]² · total, or 0 when the squares sum to 0. */
function squareAndRescale(x: Float64Array, total: number): void {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const square = (x[i] as number) ** 2;
    x[i] = square;
    sum += square;
  }
  for (let i = 0; i < x.length; i++) x[i] = sum > 0 ? ((x[i] as number) / sum) * total : 0;
}
