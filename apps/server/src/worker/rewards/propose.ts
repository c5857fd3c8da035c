// Posting an epoch is governance's: RewardsDistributor.postEpoch(root, total, uri) is onlyOwner, and its owner is the
// main DAO's timelock. So an epoch becomes a proposal to the main DAO's AIDAOGovernor with that one call; once voted,
// queued and executed, its leaves are claimable.
import { type GovernanceCall, propose, rewardsDistributorAbi, type SignerClient } from "@aidao/sdk";
import { type Address, encodeFunctionData, type Hash, type PublicClient } from "viem";
import { WorkerError } from "../workerError.ts";
import type { ComputedEpoch } from "./epoch.ts";

/** The call the timelock makes to post the epoch. */
export function postEpochCall(distributor: Address, e: Pick<ComputedEpoch, "root" | "result" | "uri">): GovernanceCall {
  return {
    target: distributor,
    value: 0n,
    data: encodeFunctionData({
      abi: rewardsDistributorAbi,
      functionName: "postEpoch",
      args: [e.root, e.result.total, e.uri],
    }),
  };
}

/** The proposal's description: a title, the numbers, and how to recompute them. */
export function epochDescription(e: ComputedEpoch): string {
  const p = e.params;
  return [
    `# Rewards epoch ${e.epoch}: blocks ${p.fromBlock}–${p.toBlock}`,
    "",
    `Posts the Merkle root ${e.root} of ${e.result.leaves.length} contributor rewards totalling ${e.result.total} AIDAO wei ` +
      `(usage pool ${e.result.pools.usage.spent}, contributions pool ${e.result.pools.contributions.spent}) to the RewardsDistributor.`,
    "",
    `Recompute: aidao rewards epoch compute --epoch ${e.epoch} --from-block ${p.fromBlock} --to-block ${p.toBlock}` +
      `${p.worker ? ` --worker ${p.worker}` : ""} (configuration in the URI: ${e.uri}); once posted, aidao rewards epoch verify --epoch ${e.epoch}.`,
  ].join("\n");
}

/**
 * Checks the epoch can be posted as `e.epoch` now (the next id, funded), then proposes it to the main DAO. The
 * signer needs the proposal threshold of matured staked votes.
 */
export async function proposeEpoch(
  client: PublicClient,
  signer: SignerClient,
  args: { governor: Address; rewardsDistributor: Address; epoch: ComputedEpoch; description?: string },
): Promise<{ hash: Hash; proposalId: bigint; call: GovernanceCall; description: string }> {
  const e = args.epoch;
  if (!e.tree || e.result.total === 0n) {
    throw new WorkerError("BAD_INPUT", `epoch ${e.epoch} distributes nothing (no revenue, no accepted contributions)`, {
      epoch: e.epoch.toString(),
    });
  }
  const read = { address: args.rewardsDistributor, abi: rewardsDistributorAbi } as const;
  const [count, funded, allocated] = await Promise.all([
    client.readContract({ ...read, functionName: "epochCount" }),
    client.readContract({ ...read, functionName: "funded" }),
    client.readContract({ ...read, functionName: "totalAllocated" }),
  ]);
  if (e.epoch !== count) {
    throw new WorkerError("BAD_INPUT", `the next epoch to post is ${count}, not ${e.epoch}`, {
      epoch: e.epoch.toString(),
      next: count.toString(),
    });
  }
  if (e.result.total > funded - allocated) {
    throw new WorkerError(
      "BAD_INPUT",
      `epoch ${e.epoch} needs ${e.result.total}; ${funded - allocated} is unallocated`,
      {
        total: e.result.total.toString(),
        available: (funded - allocated).toString(),
      },
    );
  }
  const call = postEpochCall(args.rewardsDistributor, e);
  const description = args.description ?? epochDescription(e);
  const { hash, proposalId } = await propose(signer, {
    governor: args.governor,
    targets: [call.target],
    values: [call.value],
    calldatas: [call.data],
    description,
  });
  return { hash, proposalId, call, description };
}
