import type { Address, Hash } from "viem";
import { childGovernorAbi } from "../../generated/abis.ts";
import { proposalId } from "../proposal.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";
import { type GovernanceCall, type StageName, setStageCall } from "./modelCalls.ts";

export type ProposePromotionParameters = {
  /** The owning DAO's Governor. */
  governor: Address;
  modelRegistry: Address;
  modelId: bigint;
  versionId: bigint;
  /** Production by default; also Deprecated or Archived. */
  stage?: StageName;
  /** More calls to make in the same proposal, e.g. `setEndpointCall(...)`. */
  also?: GovernanceCall[];
  description: string;
};
export type ProposePromotionReturnType = { hash: Hash; proposalId: bigint };

/**
 * Proposes, in the owning AI DAO's governance, to move a model version to Production (or another governed stage).
 *
 * @example
 * import { proposePromotion, setEndpointCall } from "@aidao/sdk";
 * await proposePromotion(holder, { governor, modelRegistry, modelId, versionId: 1n, description: "Ship face v1" });
 */
export async function proposePromotion(
  client: SignerClient,
  p: ProposePromotionParameters,
): Promise<ProposePromotionReturnType> {
  const calls = [setStageCall(p.modelRegistry, p.modelId, p.versionId, p.stage ?? "Production"), ...(p.also ?? [])];
  const proposal = {
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value),
    calldatas: calls.map((c) => c.data),
  };
  const hash = await writeChecked(client, {
    address: p.governor,
    abi: childGovernorAbi,
    functionName: "propose",
    args: [proposal.targets, proposal.values, proposal.calldatas, p.description],
  });
  return { hash, proposalId: proposalId(proposal, p.description) };
}
