// After a successful training job: register its artifact as a new version of the job's model (Draft, with the
// metrics stored beside it) and propose, in the owning DAO's governance, to move it to Staging — optionally opening a
// priced endpoint on it in the same proposal, so that once governance passes it the gateway serves it.
import {
  addModelVersion,
  childGovernorAbi,
  daoRegistryAbi,
  type EndpointInput,
  type GovernanceCall,
  modelRegistryAbi,
  proposalId,
  proposePromotion,
  setEndpointCall,
  setStageCall,
} from "@aidao/sdk";
import { type Address, type Hash, type Hex, type PublicClient, zeroAddress } from "viem";
import type { ArtifactStore, Job, JobResult } from "./types.ts";
import { WorkerError } from "./workerError.ts";

export type PublishParameters = {
  /** A maintainer of the model's DAO (adds the version) with the proposal threshold in its governance. */
  wallet: Parameters<typeof addModelVersion>[0];
  publicClient: PublicClient;
  modelRegistry: Address;
  daoRegistry: Address;
  store: ArtifactStore;
  job: Pick<Job, "id" | "modelId" | "kind">;
  result: JobResult;
  /** Where the artifacts are served (the worker's `/api/worker/artifacts/`); default: `sha256:<hash>` URIs. */
  artifactBaseUrl?: string;
  framework?: string;
  license?: string;
  /** An endpoint to open on the new version in the same proposal (e.g. `aidao:face-recognition#max=10`). */
  endpoint?: EndpointInput;
};

export type PublishReturnType = {
  versionId: bigint;
  metricsHash: string;
  metricsURI: string;
  /** The proposal's calls and description (what a governor's queue and execute need). */
  calls: GovernanceCall[];
  description: string;
  /** The on-chain proposal; or, for a DAO that decides off-chain, the calls its Safe must execute. */
  proposal:
    | {
        governor: Address;
        proposalId: bigint /** undefined when an earlier attempt proposed it */;
        hash: Hash | undefined;
      }
    | { safe: Address; calls: GovernanceCall[] };
};

/** Registers the job's result as a model version and proposes its promotion to Staging (a retry reuses the version). */
export async function publishJobResult(p: PublishParameters): Promise<PublishReturnType> {
  const uri = (hash: string) =>
    p.artifactBaseUrl ? `${p.artifactBaseUrl.replace(/\/?$/, "/")}${hash}` : `sha256:${hash}`;
  const metrics = new TextEncoder().encode(
    `${JSON.stringify({ job: p.job.id, kind: p.job.kind, artifact: p.result.artifact, metrics: p.result.metrics })}\n`,
  );
  const { hash: metricsHash } = await p.store.put(metrics, "application/json");
  const contentHash = `0x${p.result.artifact}` as Hex;
  const read = <T>(address: Address, abi: unknown, functionName: string, args: unknown[]) =>
    p.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
  // A retried publication finds the version it already added (the registry indexes versions by content hash).
  let versionId = await read<bigint>(p.modelRegistry, modelRegistryAbi, "versionByContentHash", [
    p.job.modelId,
    contentHash,
  ]);
  if (versionId === 0n) {
    versionId = (
      await addModelVersion(p.wallet, {
        modelRegistry: p.modelRegistry,
        modelId: p.job.modelId,
        contentHash,
        uri: uri(p.result.artifact),
        framework: p.framework ?? p.job.kind,
        license: p.license ?? "",
        metricsURI: uri(metricsHash),
      })
    ).versionId;
  }
  const model = await read<{ daoId: bigint }>(p.modelRegistry, modelRegistryAbi, "model", [p.job.modelId]);
  const dao = await read<{ governor: Address; safe: Address }>(p.daoRegistry, daoRegistryAbi, "dao", [model.daoId]);
  const also = p.endpoint ? [setEndpointCall(p.modelRegistry, p.job.modelId, versionId, p.endpoint)] : [];
  const summary = Object.entries(p.result.metrics)
    .map(([k, v]) => `${k}=${Math.round(v * 10_000) / 10_000}`)
    .join(", ");
  const description = `Stage model ${p.job.modelId} version ${versionId} (job ${p.job.id}, ${p.job.kind}): ${summary}. Metrics: ${uri(metricsHash)}`;
  const calls = [setStageCall(p.modelRegistry, p.job.modelId, versionId, "Staging"), ...also];
  const published = { versionId, metricsHash, metricsURI: uri(metricsHash), calls, description };
  if (dao.governor === zeroAddress) {
    if (dao.safe === zeroAddress)
      throw new WorkerError("WRONG_DAO", `DAO ${model.daoId} has neither a governor nor a Safe`, {
        daoId: model.daoId,
      });
    return { ...published, proposal: { safe: dao.safe, calls } };
  }
  // A retry after the proposal went through finds it (same calls, same description) instead of reverting.
  const id = proposalId(
    { targets: calls.map((c) => c.target), values: calls.map((c) => c.value), calldatas: calls.map((c) => c.data) },
    description,
  );
  const snapshot = await read<bigint>(dao.governor, childGovernorAbi, "proposalSnapshot", [id]);
  if (snapshot !== 0n) return { ...published, proposal: { governor: dao.governor, proposalId: id, hash: undefined } };
  const r = await proposePromotion(p.wallet, {
    governor: dao.governor,
    modelRegistry: p.modelRegistry,
    modelId: p.job.modelId,
    versionId,
    stage: "Staging",
    also,
    description,
  });
  return { ...published, proposal: { governor: dao.governor, proposalId: r.proposalId, hash: r.hash } };
}
