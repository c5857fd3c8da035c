/** Snapshot's voting types that the hub counts (Copeland is not offered). */
export type VotingType = "single-choice" | "approval" | "weighted" | "quadratic" | "ranked-choice" | "basic";

/**
 * A counted vote: its choice as the voter signed it (shape depends on the voting type, see `validateChoice`) and
 * its voting power per strategy. Powers are JS numbers (whole tokens as floats, as Snapshot's), finite and ≥ 0;
 * the vote's total power is their sum.
 */
export type Ballot = { choice: unknown; power: readonly number[] };

/**
 * A proposal's results in Snapshot's shape: `scores[i]` for choice i + 1, `scoresByStrategy[i][s]` its part from
 * strategy s, and `scoresTotal` the power of every vote cast (a turnout, for quorum).
 */
export type TallyResult = { scores: number[]; scoresByStrategy: number[][]; scoresTotal: number };

/**
 * A voting type's counter: adds the votes into `scores` (length choicesCount) and `byStrategy` (choice-major,
 * `byStrategy[i * strategiesCount + s]`), both zeroed by the caller. `balance[v]` is vote v's total power. Throws a
 * TypeError naming the vote if a choice is invalid: votes are validated when cast, so one here is a bug upstream.
 */
export type Counter = (
  votes: readonly Ballot[],
  choicesCount: number,
  strategiesCount: number,
  balance: Float64Array,
  scores: Float64Array,
  byStrategy: Float64Array,
) => void;
