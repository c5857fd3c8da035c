import { formatUnits } from "viem";

/** The two electorates' raw tallies of one venture proposal (VentureGovernor.proposalTally). */
export type Tally = {
  investorFor: bigint;
  investorAgainst: bigint;
  investorAbstain: bigint;
  holderFor: bigint;
  holderAgainst: bigint;
  holderAbstain: bigint;
};

/** One electorate, normalised to its own votes cast as the white paper defines. */
export type Side = {
  name: string;
  /** Its share of the vote, in percent (60 investors, 40 stakers by default). */
  weight: number;
  for: bigint;
  against: bigint;
  abstain: bigint;
  /** for / (for + against) in percent; null when nobody voted for or against on this side. */
  forShare: number | null;
  /** What the side adds to the combined result, in points of 100. */
  forPoints: number;
  againstPoints: number;
  quorum: bigint;
  /** for + abstain reached the side's quorum (quorum percent of its supply at the snapshot). */
  quorumReached: boolean;
};

export type Combined = { investors: Side; holders: Side; forPoints: number; againstPoints: number; passing: boolean };

const SCALE = 10n ** 18n;

// Mirrors VentureGovernor._side: the for side rounds down, so an exact tie never passes.
function side(name: string, weight: number, f: bigint, a: bigint, abstain: bigint, quorum: bigint): Side {
  const cast = f + a;
  const points = BigInt(weight) * SCALE;
  const forRaw = cast === 0n ? 0n : (points * f) / cast;
  const againstRaw = cast === 0n ? 0n : points - forRaw;
  return {
    name,
    weight,
    for: f,
    against: a,
    abstain,
    forShare: cast === 0n ? null : Number((f * 10_000n) / cast) / 100,
    forPoints: Number(formatUnits(forRaw, 18)),
    againstPoints: Number(formatUnits(againstRaw, 18)),
    quorum,
    quorumReached: f + abstain >= quorum,
  };
}

/** Both sides and the combined 60/40 result; it passes when combined for > against and each side reached quorum. */
export function combine(
  t: Tally,
  weights: { investors: number; holders: number },
  quorums: { investors: bigint; holders: bigint },
): Combined {
  const investors = side(
    "Venture investors",
    weights.investors,
    t.investorFor,
    t.investorAgainst,
    t.investorAbstain,
    quorums.investors,
  );
  const holders = side(
    "AIDAO stakers",
    weights.holders,
    t.holderFor,
    t.holderAgainst,
    t.holderAbstain,
    quorums.holders,
  );
  const forPoints = investors.forPoints + holders.forPoints;
  const againstPoints = investors.againstPoints + holders.againstPoints;
  return {
    investors,
    holders,
    forPoints,
    againstPoints,
    passing: forPoints > againstPoints && investors.quorumReached && holders.quorumReached,
  };
}

/** OpenZeppelin's ProposalState names, by number. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
