import { HubError } from "./errors.ts";
import type { Hub } from "./hub.ts";
import { combinedScores, type SpaceSettings } from "./spaces.ts";
import type { ProposalRow } from "./store.ts";
import { tally, type VotingType } from "./tally/index.ts";

/** Where a proposal is in its life, at `now` (unix seconds). */
export function proposalState(p: ProposalRow, now: number): "pending" | "active" | "closed" | "cancelled" {
  if (p.cancelled) return "cancelled";
  if (now < p.start) return "pending";
  return now < p.end ? "active" : "closed";
}

export type Results = {
  proposal: string;
  state: ReturnType<typeof proposalState>;
  type: string;
  choices: string[];
  votes: number;
  scores: number[];
  scoresByStrategy: number[][];
  scoresTotal: number;
  combined?: number[];
  weights?: number[];
  quorum: number;
  quorumReached: boolean;
};

/** A proposal's results as its space counts them (the venture space's 60/40 vote adds `combined`). */
export async function resultsOf(hub: Hub, p: ProposalRow, now: number): Promise<Results> {
  const space = hub.spaces.get(p.space) as SpaceSettings;
  const ballots = await hub.store.ballots(p.id);
  const r = tally(p.type as VotingType, p.choices.length, ballots);
  const combined = combinedScores(space, r.scoresByStrategy);
  return {
    proposal: p.id,
    state: proposalState(p, now),
    type: p.type,
    choices: p.choices,
    votes: ballots.length,
    scores: r.scores,
    scoresByStrategy: r.scoresByStrategy,
    scoresTotal: r.scoresTotal,
    ...(combined && space.combine ? { combined, weights: space.combine } : {}),
    quorum: space.quorum,
    quorumReached: r.scoresTotal >= space.quorum,
  };
}

/**
 * Whether a closed proposal passed, the rule its payload executes by: quorum reached, and the first choice ("For",
 * "Yes") ahead — of Against for a basic vote (abstentions count toward quorum only), of every other choice otherwise
 * (on the combined scores for a combined space). A tie does not pass.
 */
export function passed(r: Results): { passed: boolean; why: string } {
  if (r.state !== "closed") return { passed: false, why: `the proposal is ${r.state}` };
  if (!r.quorumReached) return { passed: false, why: `quorum not reached (${r.scoresTotal} of ${r.quorum})` };
  const scores = r.combined ?? r.scores;
  const first = scores[0] ?? 0;
  const rivals = r.type === "basic" ? scores.slice(1, 2) : scores.slice(1);
  const best = Math.max(0, ...rivals);
  if (first > best) return { passed: true, why: `"${r.choices[0]}" won (${first} to ${best})` };
  return { passed: false, why: `"${r.choices[0]}" did not win (${first} to ${best})` };
}

/** The proposal, or a 404. */
export async function proposalOr404(hub: Hub, id: string): Promise<ProposalRow> {
  const p = await hub.store.proposal(id);
  if (!p) throw new HubError("UNKNOWN_PROPOSAL", `no proposal ${id}`);
  return p;
}
