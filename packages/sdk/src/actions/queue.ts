import type { Address, Hash } from "viem";
import { aidaoGovernorAbi } from "../generated/abis.ts";
import { descriptionHash, type ProposalCalls } from "./proposal.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type QueueParameters = ProposalCalls & { governor: Address; description: string };
export type QueueReturnType = Hash;

/**
 * Queues a succeeded proposal in the timelock; it becomes executable after the timelock delay.
 *
 * @example
 * import { queue } from "@aidao/sdk";
 * await queue(walletClient, { governor, targets, values, calldatas, description });
 */
export function queue(client: SignerClient, params: QueueParameters): Promise<QueueReturnType> {
  return writeChecked(client, {
    address: params.governor,
    abi: aidaoGovernorAbi,
    functionName: "queue",
    args: [params.targets, params.values, params.calldatas, descriptionHash(params.description)],
  });
}
