import type { Address, Hash, Hex } from "viem";
import { getChainId, readContract, signTypedData } from "viem/actions";
import { ballotTypes, governorDomain } from "../eip712.ts";
import { aidaoGovernorAbi } from "../generated/abis.ts";
import type { Support } from "./castVote.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type SignBallotParameters = { governor: Address; proposalId: bigint; support: Support };
export type SignBallotReturnType = { voter: Address; signature: Hex };

/**
 * Signs an EIP-712 `Ballot` for the governor with the voter's current nonce; anyone can then submit it.
 *
 * @example
 * import { signBallot, castVoteBySig } from "@aidao/sdk";
 * const ballot = await signBallot(voterClient, { governor, proposalId, support: 1 });
 * await castVoteBySig(relayerClient, { governor, proposalId, support: 1, ...ballot });
 */
export async function signBallot(client: SignerClient, params: SignBallotParameters): Promise<SignBallotReturnType> {
  const voter = client.account.address;
  const nonce = await readContract(client, {
    address: params.governor,
    abi: aidaoGovernorAbi,
    functionName: "nonces",
    args: [voter],
  });
  const chainId = client.chain?.id ?? (await getChainId(client));
  const signature = await signTypedData(client, {
    account: client.account,
    domain: governorDomain(chainId, params.governor),
    types: ballotTypes,
    primaryType: "Ballot",
    message: { proposalId: params.proposalId, support: params.support, voter, nonce },
  });
  return { voter, signature };
}

export type CastVoteBySigParameters = SignBallotParameters & SignBallotReturnType;
export type CastVoteBySigReturnType = Hash;

/**
 * Submits a signed ballot (see {signBallot}); the sender pays the gas, the voter's votes count.
 *
 * @example
 * import { castVoteBySig } from "@aidao/sdk";
 * await castVoteBySig(relayerClient, { governor, proposalId, support: 1, voter, signature });
 */
export function castVoteBySig(client: SignerClient, params: CastVoteBySigParameters): Promise<CastVoteBySigReturnType> {
  return writeChecked(client, {
    address: params.governor,
    abi: aidaoGovernorAbi,
    functionName: "castVoteBySig",
    args: [params.proposalId, params.support, params.voter, params.signature],
  });
}
