import { type Deployment, daoRegistryAbi } from "@aidao/sdk";
import { type Address, getAddress, type PublicClient, parseAbi, zeroAddress } from "viem";
import { refusedAs } from "../http/chainUnavailable.ts";
import { VOTING_TYPES, type VotingType } from "./tally/index.ts";

/** How a space weighs votes, and who may do what in it. Powers are in whole tokens (floats, as Snapshot's). */
export type SpaceSettings = {
  id: string;
  name: string;
  about?: string;
  /** The Safe that executes the space's passed proposals' payloads (none: proposals carry no payload). */
  safe?: Address;
  /** The space's contract (its governor): the `verifyingContract` of messages in AIDAO's domain. */
  contract: Address;
  strategies: Strategy[];
  /**
   * When set, results combine the strategies as separate electorates (the venture DAO's 60/40 vote): each side's
   * scores are normalised to that side's votes cast, then weighted (a side nobody voted on adds nothing).
   */
  combine?: number[];
  votingTypes: VotingType[];
  /** Seconds between a proposal's creation and its start, and its length (inclusive bounds). */
  delay: { min: number; max: number };
  period: { min: number; max: number };
  /** The power an author needs at the snapshot to propose (proposal validation). */
  proposalThreshold: number;
  /** The power that must vote for a result to count. */
  quorum: number;
  admins: Address[];
  moderators: Address[];
};

/** Where voting power comes from: an ERC-5805 votes source read at the proposal's snapshot. */
export type Strategy = { name: "erc5805-votes"; label: string; address: Address; decimals: number };

const safeAbi = parseAbi(["function getOwners() view returns (address[])"]);
const votes = (label: string, address: Address): Strategy => ({
  name: "erc5805-votes",
  label,
  address: getAddress(address),
  decimals: 18,
});
const defaults = {
  votingTypes: [...VOTING_TYPES],
  delay: { min: 0, max: 30 * 86_400 },
  period: { min: 3_600, max: 30 * 86_400 },
  proposalThreshold: 1,
  quorum: 0,
  moderators: [] as Address[],
};

/**
 * The owners of a Safe (its signers: a space's admins), or none if it is not a Safe. A chain that did not answer is
 * thrown, not taken for "no admins": the space would keep that for the life of the process.
 */
async function owners(client: PublicClient, safe: Address): Promise<Address[]> {
  if (safe === zeroAddress) return [];
  const list = await client
    .readContract({ address: safe, abi: safeAbi, functionName: "getOwners" })
    .catch(refusedAs<readonly Address[]>([]));
  return list.map((o) => getAddress(o));
}

/**
 * The spaces of a deployment, derived from the chain:
 * - `aidao`, the main DAO: power = matured staked AIDAO (delegated), as its governor counts it; admins = the
 *   protocol Safe's owners;
 * - `venture`, the venture DAO: venture receipt value and staked AIDAO as two electorates combined 60/40;
 * - `dao-<id>` for every AI DAO with a token: power = its token's votes; admins = its Safe's owners.
 */
export async function spacesOf(deployment: Deployment, client: PublicClient): Promise<Map<string, SpaceSettings>> {
  const c = deployment.contracts;
  const staked = votes("staked AIDAO", c.Staking.address);
  const spaces: SpaceSettings[] = [
    {
      ...defaults,
      id: "aidao",
      name: "AIDAO",
      contract: getAddress(c.AIDAOGovernor.address),
      strategies: [staked],
      safe: getAddress(c.Safe.address),
      admins: await owners(client, c.Safe.address),
    },
    {
      ...defaults,
      id: "venture",
      name: "AIDAO Venture",
      contract: getAddress(c.VentureGovernor.address),
      strategies: [votes("venture receipts", c.VentureReceipts.address), staked],
      combine: [0.6, 0.4],
      admins: [],
    },
  ];
  const count = await client.readContract({
    address: c.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "daoCount",
  });
  for (let id = 2n; id <= count; id++) {
    const space = await daoSpace(client, c.DAORegistry.address, id);
    if (space) spaces.push(space);
  }
  return new Map(spaces.map((s) => [s.id, s]));
}

/** The space of AI DAO `id`, if it has a token to vote with. */
export async function daoSpace(
  client: PublicClient,
  registry: Address,
  id: bigint,
): Promise<SpaceSettings | undefined> {
  const dao = await client.readContract({ address: registry, abi: daoRegistryAbi, functionName: "dao", args: [id] });
  if (dao.token === zeroAddress) return undefined;
  return {
    ...defaults,
    id: `dao-${id}`,
    name: `AI DAO ${id}`,
    contract: getAddress(dao.governor === zeroAddress ? dao.treasury : dao.governor),
    strategies: [votes("DAO token", dao.token)],
    ...(dao.safe === zeroAddress ? {} : { safe: getAddress(dao.safe) }),
    admins: await owners(client, dao.safe),
  };
}

/**
 * Results as the space counts them: the tally's scores, or for a combined space, Σ over sides of weight × the side's
 * score / the side's votes cast.
 */
export function combinedScores(space: SpaceSettings, scoresByStrategy: number[][]): number[] | undefined {
  const weights = space.combine;
  if (!weights) return undefined;
  const sideTotals = weights.map((_, s) => scoresByStrategy.reduce((sum, perChoice) => sum + (perChoice[s] ?? 0), 0));
  return scoresByStrategy.map((perChoice) =>
    weights.reduce((sum, w, s) => {
      const total = sideTotals[s] as number;
      return total > 0 ? sum + (w * (perChoice[s] ?? 0)) / total : sum;
    }, 0),
  );
}
