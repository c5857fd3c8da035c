import type { Address, Hash } from "viem";
import { aidaoGovernorAbi } from "../generated/abis.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

/** 0 = against, 1 = for, 2 = abstain (OpenZeppelin GovernorCountingSimple). */
export type Support = 0 | 1 | 2;
export type CastVoteParameters = { governor: Address; proposalId: bigint; support: Support; reason?: string };
export type CastVoteReturnType = Hash;

/**
 * Votes on an active proposal with the caller's votes at the proposal's snapshot.
 *
 * @example
 * import { castVote } from "@aidao/sdk";
 * const hash = await castVote(walletClient, { governor, proposalId, support: 1, reason: "ship it" });
 */
export function castVote(client: SignerClient, params: CastVoteParameters): Promise<CastVoteReturnType> {
  const { governor, proposalId, support, reason } = params;
  return reason === undefined
    ? writeChecked(client, {
        address: governor,
        abi: aidaoGovernorAbi,
        functionName: "castVote",
        args: [proposalId, support],
      })
    : writeChecked(client, {
        address: governor,
        abi: aidaoGovernorAbi,
        functionName: "castVoteWithReason",
        args: [proposalId, support, reason],
      });
}
