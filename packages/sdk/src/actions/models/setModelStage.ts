import type { Address, Hash } from "viem";
import { modelRegistryAbi } from "../../generated/abis.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";
import { Stage, type StageName } from "./modelCalls.ts";

export type SetModelStageParameters = { modelRegistry: Address; modelId: bigint; versionId: bigint; stage: StageName };
export type SetModelStageReturnType = Hash;

/**
 * Moves a model version between stages directly: maintainers may move Draft ⇄ Staging; the governed moves
 * (to Production, Deprecated, Archived) need the DAO's executor — use {proposePromotion} for on-chain DAOs.
 *
 * @example
 * import { setModelStage } from "@aidao/sdk";
 * await setModelStage(maintainer, { modelRegistry, modelId, versionId: 1n, stage: "Staging" });
 */
export function setModelStage(client: SignerClient, p: SetModelStageParameters): Promise<SetModelStageReturnType> {
  return writeChecked(client, {
    address: p.modelRegistry,
    abi: modelRegistryAbi,
    functionName: "setStage",
    args: [p.modelId, p.versionId, Stage[p.stage]],
  });
}
