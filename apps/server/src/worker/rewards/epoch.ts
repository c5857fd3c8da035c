// An epoch from end to end: its inputs (public data) → the formula → OpenZeppelin's standard Merkle tree of
// (address account, uint256 amount), exactly the leaves RewardsDistributor.claim proves
// (keccak256(bytes.concat(keccak256(abi.encode(account, amount))))). The epoch's URI on chain records everything
// the formula took besides public data (block range, configuration, where the contributions list is published), so
// `verifyEpoch` recomputes the root from the chain and that list alone.
import { rewardsDistributorAbi } from "@aidao/sdk";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, getAddress, type Hex, type PublicClient, zeroHash } from "viem";
import type { ContributionKind } from "../types.ts";
import { WorkerError } from "../workerError.ts";
import {
  computeRewards,
  DEFAULT_CONFIG,
  type RewardConfig,
  type RewardInputs,
  type RewardResult,
  validateConfig,
} from "./formula.ts";
import {
  type ChainAddresses,
  type ContributionSource,
  contributionsFromWorker,
  type EpochWindow,
  epochWindow,
  readInputs,
} from "./inputs.ts";

/** What an epoch is computed from, besides public data: recorded in its URI on chain. */
export type EpochParams = {
  fromBlock: bigint;
  toBlock: bigint;
  config: RewardConfig;
  /** The worker that publishes the accepted contributions (its base URL); none: no contributions counted. */
  worker: string | undefined;
};

export type ComputedEpoch = {
  /** The id the epoch is computed for (RewardsDistributor numbers epochs 0, 1, 2, … as they are posted). */
  epoch: bigint;
  params: EpochParams;
  window: EpochWindow;
  inputs: RewardInputs;
  result: RewardResult;
  /** Undefined when nothing is to be distributed (no revenue and no contributions in the window). */
  tree: StandardMerkleTree<[string, string]> | undefined;
  root: Hex;
  uri: string;
};

export const LEAF_ENCODING = ["address", "uint256"] as const;
const SCHEME = "aidao-rewards:v1";

/** The URI an epoch posts: `aidao-rewards:v1?from=…&to=…&budget=…&usageBps=…&data=…&model=…&code=…[&token.0x…=w][&worker=URL]`. */
export function epochUri(p: EpochParams): string {
  const q = new URLSearchParams();
  q.set("from", p.fromBlock.toString());
  q.set("to", p.toBlock.toString());
  q.set("budget", p.config.budget.toString());
  q.set("usageBps", p.config.usageBps.toString());
  for (const kind of ["data", "model", "code"] as const) q.set(kind, p.config.kindWeights[kind].toString());
  for (const token of Object.keys(p.config.tokenWeights).sort()) {
    q.set(`token.${token}`, (p.config.tokenWeights[token] as bigint).toString());
  }
  if (p.worker) q.set("worker", p.worker);
  return `${SCHEME}?${q.toString()}`;
}

/** Reads an epoch's URI back into its parameters; throws BAD_INPUT for a URI this formula did not write. */
export function parseEpochUri(uri: string): EpochParams {
  const bad = (why: string): never => {
    throw new WorkerError("BAD_INPUT", `"${uri}" is not an ${SCHEME} epoch URI: ${why}`, { uri });
  };
  if (!uri.startsWith(`${SCHEME}?`)) bad(`it does not start with ${SCHEME}?`);
  const q = new URLSearchParams(uri.slice(SCHEME.length + 1));
  const int = (name: string) => {
    const v = q.get(name);
    return v !== null && /^\d+$/.test(v) ? BigInt(v) : bad(`${name} is missing or not a whole number`);
  };
  const kindWeights = {} as Record<ContributionKind, bigint>;
  for (const kind of ["data", "model", "code"] as const) kindWeights[kind] = int(kind);
  const tokenWeights: Record<string, bigint> = {};
  for (const [name] of q) if (name.startsWith("token.")) tokenWeights[name.slice(6)] = int(name);
  const config: RewardConfig = {
    budget: int("budget"),
    usageBps: Number(int("usageBps")),
    kindWeights,
    tokenWeights,
  };
  validateConfig(config);
  return { fromBlock: int("from"), toBlock: int("to"), config, worker: q.get("worker") ?? undefined };
}

/** Builds the epoch's tree from the formula's result (the leaves in the formula's order: by address). */
export function buildTree(result: RewardResult): StandardMerkleTree<[string, string]> | undefined {
  if (result.leaves.length === 0) return undefined;
  return StandardMerkleTree.of(
    result.leaves.map((l) => [l.account, l.amount.toString()] as [string, string]),
    [...LEAF_ENCODING],
  );
}

/** Computes an epoch from public data (or the worker's own database, through `contributions`). */
export async function computeEpoch(args: {
  client: PublicClient;
  addresses: ChainAddresses;
  epoch: bigint;
  fromBlock: bigint;
  toBlock: bigint;
  config?: RewardConfig;
  /** Where the contributions list is published (recorded in the URI); also read from unless `contributions`. */
  worker?: string | undefined;
  contributions?: ContributionSource;
}): Promise<ComputedEpoch> {
  const config = args.config ?? DEFAULT_CONFIG;
  validateConfig(config);
  const params: EpochParams = { fromBlock: args.fromBlock, toBlock: args.toBlock, config, worker: args.worker };
  const window = await epochWindow(args.client, args.fromBlock, args.toBlock);
  const source = args.contributions ?? (args.worker ? contributionsFromWorker(args.worker) : async () => []);
  const inputs = await readInputs(args.client, args.addresses, window, source);
  const result = computeRewards(inputs, config);
  const tree = buildTree(result);
  return {
    epoch: args.epoch,
    params,
    window,
    inputs,
    result,
    tree,
    root: (tree?.root as Hex) ?? zeroHash,
    uri: epochUri(params),
  };
}

/** An account's claim in a computed epoch: what `aidao rewards claim --claim FILE` reads. */
export function claimOf(e: ComputedEpoch, account: Address) {
  if (!e.tree) return undefined;
  for (const [i, [a, amount]] of e.tree.entries()) {
    if (getAddress(a) === getAddress(account)) {
      return { epoch: e.epoch, account: getAddress(a), amount: BigInt(amount), proof: e.tree.getProof(i) as Hex[] };
    }
  }
  return undefined;
}

const str = (v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/** The epoch as a JSON document: everything needed to check it (inputs, result, tree) and every claim. */
export function epochDocument(e: ComputedEpoch) {
  return {
    format: "aidao-rewards-epoch-v1",
    epoch: e.epoch.toString(),
    fromBlock: e.params.fromBlock.toString(),
    toBlock: e.params.toBlock.toString(),
    window: e.window,
    uri: e.uri,
    root: e.root,
    total: e.result.total.toString(),
    pools: JSON.parse(JSON.stringify(e.result.pools, (_, v) => str(v))),
    claims: (e.tree ? [...e.tree.entries()] : []).map(([i, [account, amount]]) => ({
      account,
      amount,
      proof: e.tree?.getProof(i) ?? [],
    })),
    inputs: JSON.parse(JSON.stringify(e.inputs, (_, v) => str(v))),
    tree: e.tree?.dump() ?? null,
  };
}

export type OnChainEpoch = { root: Hex; total: bigint; start: bigint; uri: string };

/** Epoch `epoch` as RewardsDistributor holds it (BAD_INPUT when it was not posted). */
export async function readPostedEpoch(
  client: PublicClient,
  distributor: Address,
  epoch: bigint,
): Promise<OnChainEpoch> {
  const count = await client.readContract({
    address: distributor,
    abi: rewardsDistributorAbi,
    functionName: "epochCount",
  });
  if (epoch >= count) {
    throw new WorkerError("BAD_INPUT", `epoch ${epoch} was not posted (${count} posted)`, { epoch: epoch.toString() });
  }
  const e = await client.readContract({
    address: distributor,
    abi: rewardsDistributorAbi,
    functionName: "epoch",
    args: [epoch],
  });
  return { root: e.root, total: e.total, start: BigInt(e.start), uri: e.uri };
}

export type Verification = {
  epoch: bigint;
  match: boolean;
  onChain: OnChainEpoch;
  recomputed: ComputedEpoch;
  /** The first difference, in words (undefined on a match). */
  difference: string | undefined;
};

/**
 * Recomputes posted epoch `epoch` from public data: the block range and configuration from its URI on chain, the
 * revenue and contributor shares from the chain, the contributions from the worker its URI names (or `worker`), and
 * compares the root and total with the chain's. With the epoch's published tree (`published`, a
 * `StandardMerkleTree.dump()`), a mismatch names the first leaf that differs.
 */
export async function verifyEpoch(args: {
  client: PublicClient;
  addresses: ChainAddresses & { rewardsDistributor: Address };
  epoch: bigint;
  worker?: string;
  contributions?: ContributionSource;
  published?: unknown;
}): Promise<Verification> {
  const onChain = await readPostedEpoch(args.client, args.addresses.rewardsDistributor, args.epoch);
  const params = parseEpochUri(onChain.uri);
  const recomputed = await computeEpoch({
    client: args.client,
    addresses: args.addresses,
    epoch: args.epoch,
    fromBlock: params.fromBlock,
    toBlock: params.toBlock,
    config: params.config,
    worker: args.worker ?? params.worker,
    ...(args.contributions ? { contributions: args.contributions } : {}),
  });
  const match = recomputed.root === onChain.root && recomputed.result.total === onChain.total;
  let difference: string | undefined;
  if (!match) {
    const leafDiff = args.published === undefined ? undefined : firstLeafDifference(args.published, recomputed);
    difference =
      leafDiff ??
      (recomputed.result.total !== onChain.total
        ? `total: on chain ${onChain.total}, recomputed ${recomputed.result.total}`
        : `root: on chain ${onChain.root}, recomputed ${recomputed.root} (same total ${onChain.total})`);
  }
  return { epoch: args.epoch, match, onChain, recomputed, difference };
}

/** The first account (by address) whose amount differs between a published tree dump and the recomputed leaves. */
export function firstLeafDifference(published: unknown, recomputed: ComputedEpoch): string | undefined {
  let tree: StandardMerkleTree<[string, string]>;
  try {
    tree = StandardMerkleTree.load(published as never);
    tree.validate();
  } catch (error) {
    throw new WorkerError("BAD_INPUT", `the published tree is not a valid standard tree: ${(error as Error).message}`);
  }
  const theirs = new Map<string, bigint>();
  for (const [, [a, amount]] of tree.entries()) theirs.set(getAddress(a).toLowerCase(), BigInt(amount));
  const ours = new Map(recomputed.result.leaves.map((l) => [l.account.toLowerCase(), l.amount]));
  const accounts = [...new Set([...theirs.keys(), ...ours.keys()])].sort();
  for (const a of accounts) {
    const t = theirs.get(a);
    const o = ours.get(a);
    if (t !== o) {
      return `${getAddress(a)}: published ${t ?? "no leaf"}, recomputed ${o ?? "no leaf"}`;
    }
  }
  return undefined;
}
