import { type Address, decodeEventLog, type Hash, type Hex } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import { BaseError } from "../../errors.ts";
import { modelRegistryAbi } from "../../generated/abis.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";

export type RegisterModelParameters = { modelRegistry: Address; daoId: bigint; name: string; metadataURI: string };
export type RegisterModelReturnType = { hash: Hash; modelId: bigint };

/**
 * Registers a model owned by a DAO (its executor or one of its maintainers may) and returns its id.
 *
 * @example
 * import { registerModel } from "@aidao/sdk";
 * const { modelId } = await registerModel(maintainer, { modelRegistry, daoId, name: "face-detector", metadataURI });
 */
export async function registerModel(
  client: SignerClient,
  p: RegisterModelParameters,
): Promise<RegisterModelReturnType> {
  const hash = await writeChecked(client, {
    address: p.modelRegistry,
    abi: modelRegistryAbi,
    functionName: "registerModel",
    args: [p.daoId, p.name, p.metadataURI],
  });
  return { hash, modelId: await idFrom(client, hash, "ModelRegistered", "modelId") };
}

export type AddModelVersionParameters = {
  modelRegistry: Address;
  modelId: bigint;
  contentHash: Hex;
  uri: string;
  framework: string;
  license: string;
  metricsURI: string;
};
export type AddModelVersionReturnType = { hash: Hash; versionId: bigint };

/**
 * Adds a version (artifact content hash, URI, framework, license, metrics) to a model; it starts as Draft.
 *
 * @example
 * import { addModelVersion } from "@aidao/sdk";
 * const { versionId } = await addModelVersion(maintainer, { modelRegistry, modelId, contentHash, uri, framework: "tfjs", license: "MIT", metricsURI });
 */
export async function addModelVersion(
  client: SignerClient,
  p: AddModelVersionParameters,
): Promise<AddModelVersionReturnType> {
  const { modelRegistry, modelId, ...input } = p;
  const hash = await writeChecked(client, {
    address: modelRegistry,
    abi: modelRegistryAbi,
    functionName: "addVersion",
    args: [modelId, input],
  });
  return { hash, versionId: await idFrom(client, hash, "VersionAdded", "versionId") };
}

async function idFrom(client: SignerClient, hash: Hash, eventName: string, field: string): Promise<bigint> {
  const receipt = await waitForTransactionReceipt(client, { hash });
  for (const log of receipt.logs) {
    try {
      const event = decodeEventLog({ abi: modelRegistryAbi, data: log.data, topics: log.topics });
      if (event.eventName === eventName) return (event.args as Record<string, bigint>)[field] as bigint;
    } catch {}
  }
  throw new BaseError(`${eventName} missing from transaction ${hash}`);
}
