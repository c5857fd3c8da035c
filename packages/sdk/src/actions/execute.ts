import type { Address, Hash } from "viem";
import { aidaoGovernorAbi } from "../generated/abis.ts";
import { descriptionHash, type ProposalCalls } from "./proposal.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type ExecuteParameters = ProposalCalls & { governor: Address; description: string };
export type ExecuteReturnType = Hash;

/**
 * Executes a queued proposal once its timelock delay has passed; `value` is the sum of the calls' ETH.
 *
 * @example
 * import { execute } from "@aidao/sdk";
 * await execute(walletClient, { governor, targets, values, calldatas, description });
 */
export function execute(client: SignerClient, params: ExecuteParameters): Promise<ExecuteReturnType> {
  return writeChecked(client, {
    address: params.governor,
    abi: aidaoGovernorAbi,
    functionName: "execute",
    args: [params.targets, params.values, params.calldatas, descriptionHash(params.description)],
    value: params.values.reduce((a, b) => a + b, 0n),
  });
}
