/**
 * Single choice (and basic, which is single choice among For, Against, Abstain): each vote names one choice.
 *
 *   scores[i]              = Σ power(v)    over votes v with choice i + 1
 *   scoresByStrategy[i][s] = Σ power_s(v)  over the same votes
 *
 * As Snapshot's singleChoice.ts; the only difference is that an invalid choice throws instead of being skipped.
 */
import { checkChoiceNumber, isChoiceNumber } from "./choice-numbers.ts";
import { invalidVote } from "./invalid-vote.ts";
import type { Ballot } from "./types.ts";

export const validateSingleChoice = checkChoiceNumber;

export function countSingleChoice(
  votes: readonly Ballot[],
  choicesCount: number,
  strategiesCount: number,
  balance: Float64Array,
  scores: Float64Array,
  byStrategy: Float64Array,
): void {
  for (let v = 0; v < votes.length; v++) {
    const vote = votes[v] as Ballot;
    const c = vote.choice;
    if (!isChoiceNumber(c, choicesCount)) throw invalidVote(v, checkChoiceNumber(c, choicesCount) as string);
    const i = c - 1;
    scores[i] = (scores[i] as number) + (balance[v] as number);
    const power = vote.power;
    const row = i * strategiesCount;
    for (let s = 0; s < strategiesCount; s++) {
      byStrategy[row + s] = (byStrategy[row + s] as number) + (power[s] as number);
    }
  }
}
