import type { Address, Hash } from "viem";
import { aidaoGovernorAbi } from "../generated/abis.ts";
import { type ProposalCalls, proposalId } from "./proposal.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type ProposeParameters = ProposalCalls & { governor: Address; description: string };
export type ProposeReturnType = { hash: Hash; proposalId: bigint };

/**
 * Creates an on-chain proposal; the caller needs at least the proposal threshold of matured staked votes.
 *
 * @example
 * import { propose } from "@aidao/sdk";
 * const { proposalId } = await propose(walletClient, { governor, targets, values, calldatas, description });
 */
export async function propose(client: SignerClient, params: ProposeParameters): Promise<ProposeReturnType> {
  const { governor, targets, values, calldatas, description } = params;
  const hash = await writeChecked(client, {
    address: governor,
    abi: aidaoGovernorAbi,
    functionName: "propose",
    args: [targets, values, calldatas, description],
  });
  return { hash, proposalId: proposalId(params, description) };
}
