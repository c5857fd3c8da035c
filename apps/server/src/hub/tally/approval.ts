/**
 * Approval: each vote names the set of choices it approves, and each gets the vote's full power.
 *
 *   scores[i]              = Σ power(v)    over votes v whose set contains i + 1
 *   scoresByStrategy[i][s] = Σ power_s(v)  over the same votes
 *
 * So scores add up to more than the power cast when voters approve several choices. As Snapshot's approval.ts,
 * including that an empty set is a valid vote (it approves nothing, but its power counts in scoresTotal, so toward
 * quorum). The set is an array of distinct choice numbers; an invalid one throws instead of being skipped.
 */
import { checkChoiceNumbers } from "./choice-numbers.ts";
import { invalidVote } from "./invalid-vote.ts";
import type { Ballot } from "./types.ts";

export function validateApproval(choice: unknown, choicesCount: number): string | undefined {
  return checkChoiceNumbers(choice, choicesCount, new Int32Array(choicesCount), 1);
}

export function countApproval(
  votes: readonly Ballot[],
  choicesCount: number,
  strategiesCount: number,
  balance: Float64Array,
  scores: Float64Array,
  byStrategy: Float64Array,
): void {
  const seen = new Int32Array(choicesCount);
  for (let v = 0; v < votes.length; v++) {
    const vote = votes[v] as Ballot;
    const wrong = checkChoiceNumbers(vote.choice, choicesCount, seen, v + 1);
    if (wrong !== undefined) throw invalidVote(v, wrong);
    const approved = vote.choice as readonly number[];
    const b = balance[v] as number;
    const power = vote.power;
    for (let k = 0; k < approved.length; k++) {
      const i = (approved[k] as number) - 1;
      scores[i] = (scores[i] as number) + b;
      const row = i * strategiesCount;
      for (let s = 0; s < strategiesCount; s++) {
        byStrategy[row + s] = (byStrategy[row + s] as number) + (power[s] as number);
      }
    }
  }
}
