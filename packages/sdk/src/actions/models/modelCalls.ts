import { type Address, encodeFunctionData, type Hex } from "viem";
import { modelRegistryAbi } from "../../generated/abis.ts";

/** Model lifecycle stages, as `IModelRegistry.Stage` numbers them. */
export const Stage = { Draft: 0, Staging: 1, Production: 2, Deprecated: 3, Archived: 4 } as const;
export type StageName = keyof typeof Stage;

/** Contributor roles in a model's value chain, as `IModelRegistry.Role` numbers them. */
export const ContributorRole = { Data: 0, Model: 1, Code: 2, Ops: 3, Other: 4 } as const;
export type ContributorRoleName = keyof typeof ContributorRole;

export type EndpointInput = { url: string; unit: string; paymentToken: Address; unitPrice: bigint; active: boolean };
export type ContributorInput = { account: Address; role: ContributorRoleName; shareBps: number };

/** A call for a DAO's governance to make (a proposal action or a Safe transaction). */
export type GovernanceCall = { target: Address; value: bigint; data: Hex };

const call = (modelRegistry: Address, data: Hex): GovernanceCall => ({ target: modelRegistry, value: 0n, data });

/** The call that moves a model version to `stage` (Production and deprecation need the DAO's governance). */
export function setStageCall(
  modelRegistry: Address,
  modelId: bigint,
  versionId: bigint,
  stage: StageName,
): GovernanceCall {
  return call(
    modelRegistry,
    encodeFunctionData({ abi: modelRegistryAbi, functionName: "setStage", args: [modelId, versionId, Stage[stage]] }),
  );
}

/** The call that opens a priced service endpoint on a model version (governance only: prices are money). */
export function setEndpointCall(
  modelRegistry: Address,
  modelId: bigint,
  versionId: bigint,
  endpoint: EndpointInput,
): GovernanceCall {
  if (!endpoint.url || !endpoint.unit) throw new Error('An endpoint needs a URL and a unit name (e.g. "face")');
  if (endpoint.unitPrice <= 0n) throw new Error("An endpoint's unit price must be positive");
  return call(
    modelRegistry,
    encodeFunctionData({ abi: modelRegistryAbi, functionName: "setEndpoint", args: [modelId, versionId, endpoint] }),
  );
}

/** The call that replaces a model's value chain (contributors and their revenue shares; governance only). */
export function setContributorsCall(
  modelRegistry: Address,
  modelId: bigint,
  contributors: ContributorInput[],
): GovernanceCall {
  const total = contributors.reduce((sum, c) => sum + c.shareBps, 0);
  if (total > 10_000) throw new Error(`Contributor shares add up to ${total} bps, more than 10000`);
  return call(
    modelRegistry,
    encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "setContributors",
      args: [
        modelId,
        contributors.map((c) => ({ account: c.account, role: ContributorRole[c.role], shareBps: c.shareBps })),
      ],
    }),
  );
}
