import {
  addModelVersion,
  type ContributorRoleName,
  childGovernorAbi,
  daoRegistryAbi,
  type GovernanceCall,
  modelRegistryAbi,
  proposalId,
  proposePromotion,
  registerModel,
  type StageName,
  setContributorsCall,
  setEndpointCall,
  setModelStage,
  writeChecked,
} from "@aidao/sdk";
import { type Address, type Hex, isHex, zeroAddress } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { address, id, tokens } from "../parse.ts";

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);
const need = (o: Options, k: string) =>
  str(o, k) ??
  (() => {
    throw new UsageError(`--${k} is required`);
  })();

export const modelOptions = {
  dao: { type: "string" },
  model: { type: "string" },
  version: { type: "string" },
  name: { type: "string" },
  uri: { type: "string" },
  hash: { type: "string" },
  framework: { type: "string" },
  license: { type: "string" },
  metrics: { type: "string" },
  stage: { type: "string" },
  description: { type: "string" },
  url: { type: "string" },
  unit: { type: "string" },
  price: { type: "string" },
  token: { type: "string" },
  set: { type: "string" },
} as const;

const STAGES = ["Draft", "Staging", "Production", "Deprecated", "Archived"] as const;
const ROLES = ["Data", "Model", "Code", "Ops", "Other"] as const;

export async function modelRegister(ctx: Context, o: Options): Promise<string> {
  const r = await registerModel(ctx.signer(), {
    modelRegistry: ctx.deployment.contracts.ModelRegistry.address,
    daoId: id(str(o, "dao"), "dao"),
    name: need(o, "name"),
    metadataURI: str(o, "uri") ?? "",
  });
  return `registered model ${r.modelId} in ${r.hash}`;
}

export async function modelVersion(ctx: Context, o: Options): Promise<string> {
  const hash = need(o, "hash");
  if (!isHex(hash) || hash.length !== 66)
    throw new UsageError("--hash must be the artifact's 32-byte content hash (0x + 64 hex)");
  const r = await addModelVersion(ctx.signer(), {
    modelRegistry: ctx.deployment.contracts.ModelRegistry.address,
    modelId: id(str(o, "model"), "model"),
    contentHash: hash as Hex,
    uri: need(o, "uri"),
    framework: str(o, "framework") ?? "",
    license: str(o, "license") ?? "",
    metricsURI: str(o, "metrics") ?? "",
  });
  return `added version ${r.versionId} (Draft) in ${r.hash}`;
}

function stage(o: Options, fallback?: StageName): StageName {
  const s = str(o, "stage") ?? fallback;
  if (!s || !STAGES.includes(s as StageName)) throw new UsageError(`--stage must be one of ${STAGES.join(", ")}`);
  return s as StageName;
}

export async function modelStage(ctx: Context, o: Options): Promise<string> {
  const hash = await ctx.confirm(
    setModelStage(ctx.signer(), {
      modelRegistry: ctx.deployment.contracts.ModelRegistry.address,
      modelId: id(str(o, "model"), "model"),
      versionId: id(str(o, "version"), "version"),
      stage: stage(o),
    }),
  );
  return `moved to ${stage(o)} in ${hash}`;
}

/** The owning DAO's governor (or, for an off-chain DAO, its Safe) of a model. */
async function governanceOf(
  ctx: Context,
  modelId: bigint,
): Promise<{ governor: Address; safe: Address; daoId: bigint }> {
  const model = await ctx.publicClient.readContract({
    address: ctx.deployment.contracts.ModelRegistry.address,
    abi: modelRegistryAbi,
    functionName: "model",
    args: [modelId],
  });
  const dao = await ctx.publicClient.readContract({
    address: ctx.deployment.contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "dao",
    args: [model.daoId],
  });
  return { governor: dao.governor, safe: dao.safe, daoId: model.daoId };
}

/** Proposes governed calls in the model's DAO, or prints them for its Safe when it decides off-chain. */
async function governed(
  ctx: Context,
  modelId: bigint,
  calls: GovernanceCall[],
  description: string,
  stageMove?: { versionId: bigint; stage: StageName },
) {
  const { governor, safe, daoId } = await governanceOf(ctx, modelId);
  if (governor === zeroAddress) {
    const lines = calls.map((c) => `  to ${c.target}\n  value ${c.value}\n  data ${c.data}`);
    return `DAO ${daoId} decides off-chain: have its Safe ${safe} execute\n${lines.join("\n")}`;
  }
  const models = ctx.deployment.contracts.ModelRegistry.address;
  const signer = ctx.signer();
  if (stageMove) {
    const r = await proposePromotion(signer, {
      governor,
      modelRegistry: models,
      modelId,
      versionId: stageMove.versionId,
      stage: stageMove.stage,
      also: calls,
      description,
    });
    await ctx.confirm(r.hash);
    return `proposed ${r.proposalId} in DAO ${daoId}'s governor ${governor} (${r.hash})`;
  }
  const p = {
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value),
    calldatas: calls.map((c) => c.data),
  };
  const hash = await ctx.confirm(
    writeChecked(signer, {
      address: governor,
      abi: childGovernorAbi,
      functionName: "propose",
      args: [p.targets, p.values, p.calldatas, description],
    }),
  );
  return `proposed ${proposalId(p, description)} in DAO ${daoId}'s governor ${governor} (${hash})`;
}

export async function modelPromote(ctx: Context, o: Options): Promise<string> {
  const modelId = id(str(o, "model"), "model");
  const versionId = id(str(o, "version"), "version");
  const to = stage(o, "Production");
  return governed(ctx, modelId, [], str(o, "description") ?? `Move model ${modelId} version ${versionId} to ${to}`, {
    versionId,
    stage: to,
  });
}

export async function modelEndpoint(ctx: Context, o: Options): Promise<string> {
  const modelId = id(str(o, "model"), "model");
  const versionId = id(str(o, "version"), "version");
  const call = setEndpointCall(ctx.deployment.contracts.ModelRegistry.address, modelId, versionId, {
    url: need(o, "url"),
    unit: need(o, "unit"),
    paymentToken: str(o, "token") ? address(str(o, "token"), "token") : ctx.deployment.contracts.AIDAOToken.address,
    unitPrice: tokens(str(o, "price"), "price"),
    active: true,
  });
  return governed(ctx, modelId, [call], str(o, "description") ?? `Open an endpoint for model ${modelId} v${versionId}`);
}

export async function modelContributors(ctx: Context, o: Options): Promise<string> {
  const modelId = id(str(o, "model"), "model");
  const contributors = need(o, "set")
    .split(",")
    .map((item) => {
      const [account, role, share] = item.split(":");
      if (!ROLES.includes(role as ContributorRoleName))
        throw new UsageError(`--set: role must be one of ${ROLES.join(", ")} in "${item}"`);
      const bps = Number(share);
      if (!Number.isInteger(bps) || bps < 0 || bps > 10_000)
        throw new UsageError(`--set: share must be 0..10000 bps in "${item}"`);
      return { account: address(account, "set"), role: role as ContributorRoleName, shareBps: bps };
    });
  let call: GovernanceCall;
  try {
    call = setContributorsCall(ctx.deployment.contracts.ModelRegistry.address, modelId, contributors);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return governed(ctx, modelId, [call], str(o, "description") ?? `Set model ${modelId}'s contributors`);
}
