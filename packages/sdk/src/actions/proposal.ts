import { type Address, encodeAbiParameters, type Hex, keccak256, toHex } from "viem";

/** The calls a proposal makes through the timelock. */
export type ProposalCalls = { targets: Address[]; values: bigint[]; calldatas: Hex[] };

/** The description hash the governor keys a proposal by. */
export const descriptionHash = (description: string): Hex => keccak256(toHex(description));

/** The proposal id, computed exactly as OpenZeppelin's `Governor.hashProposal`. */
export function proposalId(calls: ProposalCalls, description: string): bigint {
  return BigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
        [calls.targets, calls.values, calls.calldatas, descriptionHash(description)],
      ),
    ),
  );
}
