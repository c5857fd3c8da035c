/**
 * Ranked choice, counted by instant runoff as Snapshot's rankedChoice.ts does. A vote ranks choices, most preferred
 * first; its power goes to its highest-ranked choice still running. The candidates are the choices ranked by at
 * least one vote (a choice nobody ranked never runs, and scores 0). Each round:
 *
 *   count[c]   = Σ power(v) over votes whose highest-ranked running choice is c
 *   active     = Σ count[c]                      (votes that ranked only eliminated choices no longer count)
 *   stop if max count > active / 2, or fewer than 3 candidates run;
 *   otherwise eliminate the candidate with the smallest count (a tie eliminates the lowest choice number, as
 *   Snapshot's scan in choice order does), and move each of its votes to that vote's next running choice.
 *
 *   scores[i]              = count[i] in the last round (0 if eliminated or never ranked)
 *   scoresByStrategy[i][s] = the same sum over power_s(v)
 *
 * So scores add up to the power of the votes still active in the last round, which is less than scoresTotal when
 * some votes ranked only eliminated choices. Unlike Snapshot, which requires every choice ranked, a ranking may be
 * partial (a non-empty array of distinct choice numbers); on full rankings the results are Snapshot's. Counts are
 * float sums, so as in Snapshot an exact tie or majority threshold may depend on the order votes are summed in
 * when powers are not integers.
 *
 * Cost: O(Σ ranking lengths + rounds · choices). Each vote keeps a pointer to its current choice and sits in the
 * linked list of that choice's votes, so eliminating a choice touches only that choice's votes.
 */
import { checkChoiceNumbers } from "./choice-numbers.ts";
import { invalidVote } from "./invalid-vote.ts";
import type { Ballot } from "./types.ts";

export function validateRanking(choice: unknown, choicesCount: number): string | undefined {
  return checkRanking(choice, choicesCount, new Int32Array(choicesCount), 1);
}

function checkRanking(choice: unknown, choicesCount: number, seen: Int32Array, stamp: number): string | undefined {
  const wrong = checkChoiceNumbers(choice, choicesCount, seen, stamp);
  if (wrong !== undefined) return wrong;
  return (choice as readonly number[]).length === 0 ? "the ranking is empty" : undefined;
}

const NONE = -1;

export function countRankedChoice(
  votes: readonly Ballot[],
  choicesCount: number,
  strategiesCount: number,
  balance: Float64Array,
  scores: Float64Array,
  byStrategy: Float64Array,
): void {
  const n = votes.length;
  const S = strategiesCount;
  const count = scores; // the running counts are the scores once the last round is reached
  const countBy = byStrategy;
  const ranked = new Uint8Array(choicesCount); // 1 for a choice some vote ranks
  const eliminated = new Uint8Array(choicesCount);
  const head = new Int32Array(choicesCount).fill(NONE); // first vote whose current choice is c
  const next = new Int32Array(n); // the next vote in the same choice's list
  const at = new Int32Array(n); // the position, in its ranking, of the vote's current choice
  const seen = new Int32Array(choicesCount);

  for (let v = 0; v < n; v++) {
    const vote = votes[v] as Ballot;
    const wrong = checkRanking(vote.choice, choicesCount, seen, v + 1);
    if (wrong !== undefined) throw invalidVote(v, wrong);
    const ranking = vote.choice as readonly number[];
    for (let k = 0; k < ranking.length; k++) ranked[(ranking[k] as number) - 1] = 1;
    add(v, (ranking[0] as number) - 1);
  }

  for (;;) {
    let running = 0;
    let active = 0;
    let top = -Infinity;
    let bottom = NONE;
    for (let c = 0; c < choicesCount; c++) {
      if (ranked[c] === 0 || eliminated[c] === 1) continue;
      const x = count[c] as number;
      running++;
      active += x;
      if (x > top) top = x;
      if (bottom === NONE || x < (count[bottom] as number)) bottom = c;
    }
    if (top > active / 2 || running < 3) return;
    eliminated[bottom] = 1;
    let v = head[bottom] as number;
    head[bottom] = NONE;
    count[bottom] = 0;
    countBy.fill(0, bottom * S, bottom * S + S);
    while (v !== NONE) {
      const following = next[v] as number;
      const ranking = (votes[v] as Ballot).choice as readonly number[];
      let k = (at[v] as number) + 1;
      while (k < ranking.length && eliminated[(ranking[k] as number) - 1] === 1) k++;
      at[v] = k;
      // A vote with no running choice left is exhausted: it leaves every list and count.
      if (k < ranking.length) add(v, (ranking[k] as number) - 1);
      v = following;
    }
  }

  /** Puts vote v in choice c's list and adds its power to c's counts. */
  function add(v: number, c: number): void {
    next[v] = head[c] as number;
    head[c] = v;
    count[c] = (count[c] as number) + (balance[v] as number);
    const power = (votes[v] as Ballot).power;
    const row = c * S;
    for (let s = 0; s < S; s++) countBy[row + s] = (countBy[row + s] as number) + (power[s] as number);
  }
}
