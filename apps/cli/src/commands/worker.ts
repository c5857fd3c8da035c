// `aidao contribute` and `aidao jobs …`: the worker's API (/api/worker on the server) from the command line. Every
// write is signed here with the user's key (EIP-712): a contribution by its contributor, a job by its submitter.
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { ContributorRoleName } from "@aidao/sdk";
import {
  contributionDomain,
  contributionMessage,
  contributionTypes,
  jobActionTypes,
  jobDomain,
  KIND_OF_ROLE,
  sha256Hex,
  signJobRequest,
} from "@aidao/server";
import { formatEther } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { duration, id, integer } from "../parse.ts";

type Options = Record<string, string | boolean | undefined>;
type Handler = (ctx: Context, o: Options, positionals: string[]) => Promise<string>;

const server = { server: { type: "string" }, json: { type: "boolean" } } as const;

const baseUrl = (o: Options) =>
  String(o.server ?? process.env.AIDAO_SERVER ?? "http://127.0.0.1:8787").replace(/\/$/, "");

const ROLE_NAMES = ["Data", "Model", "Code", "Ops", "Other"] as const;
const MEDIA_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".json": "application/json",
  ".csv": "text/csv",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".onnx": "application/onnx",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".tar": "application/x-tar",
  ".ts": "text/plain",
  ".py": "text/x-python",
};

/** Calls the worker; its typed errors become one line (code and message), a refused connection says where. */
async function call(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new UsageError(`cannot reach the worker at ${new URL(url).origin} (aidao server --mode worker, or --server)`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = body.error as { code?: string; message?: string } | undefined;
    throw new UsageError(`${error?.code ?? response.status}: ${error?.message ?? response.statusText}`);
  }
  return body;
}

const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

/** `aidao contribute --dao N --model M --file F --role Data --licence CC-BY-4.0 [--label L]` */
const contribute: Handler = async (ctx, o) => {
  const daoId = id(o.dao as string | undefined, "dao");
  const modelId = id(o.model as string | undefined, "model");
  const file = o.file as string | undefined;
  if (!file) throw new UsageError("--file is required");
  const role = (o.role as string | undefined) ?? "Data";
  if (!ROLE_NAMES.includes(role as ContributorRoleName))
    throw new UsageError(`--role must be one of ${ROLE_NAMES.join(", ")}`);
  const licence = o.licence as string | undefined;
  if (!licence) throw new UsageError("--licence is required (an SPDX id or licence name, e.g. CC-BY-4.0)");
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`--file ${file}: no such file`);
  const bytes = new Uint8Array(await readFile(file));
  const kind = (o.kind as string | undefined) ?? KIND_OF_ROLE[role as ContributorRoleName];
  const mediaType =
    (o["media-type"] as string | undefined) ?? MEDIA_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
  const wallet = ctx.signer();
  const fields = {
    daoId,
    modelId,
    contributor: wallet.account.address,
    role: role as ContributorRoleName,
    kind: kind as "data" | "model" | "code",
    mediaType,
    label: (o.label as string | undefined) ?? null,
    licence,
  };
  const signature = await wallet.signTypedData({
    domain: contributionDomain(ctx.deployment.chainId, ctx.deployment.contracts.ModelRegistry.address),
    types: contributionTypes,
    primaryType: "Contribution",
    message: contributionMessage(fields, sha256Hex(bytes)),
  });
  const form = new FormData();
  form.set("file", new Blob([bytes], { type: mediaType }), basename(file));
  form.set("dao", daoId.toString());
  form.set("model", modelId.toString());
  form.set("contributor", fields.contributor);
  form.set("role", role);
  form.set("kind", kind);
  form.set("mediaType", mediaType);
  form.set("licence", licence);
  if (fields.label) form.set("label", fields.label);
  form.set("signature", signature);
  const { contribution } = (await call(`${baseUrl(o)}/api/worker/contributions`, { method: "POST", body: form })) as {
    contribution: Record<string, unknown>;
  };
  if (o.json) return JSON.stringify(contribution, null, 2);
  return [
    `contribution ${contribution.id} submitted to model ${modelId} of DAO ${daoId}`,
    `  artifact  ${contribution.artifact} (${bytes.length} bytes, ${mediaType})`,
    `  role      ${role}, licence ${licence}${fields.label ? `, label "${fields.label}"` : ""}`,
    "  accepted once the DAO's governance adds you to the model's value chain (ModelRegistry.setContributors)",
  ].join("\n");
};

type JobJson = {
  id: number;
  daoId: string;
  modelId: string;
  kind: string;
  submitter: string;
  stake: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  resultArtifact: string | null;
  metrics: Record<string, number> | null;
  error: string | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
};

const jobLine = (j: JobJson) =>
  `${String(j.id).padStart(5)}  ${j.state.padEnd(9)}  dao ${j.daoId} model ${j.modelId}  ${j.kind.padEnd(16)}  ` +
  `stake ${formatEther(BigInt(j.stake))}  by ${j.submitter}`;

const jobDetail = (j: JobJson) =>
  [
    jobLine(j),
    `  attempts ${j.attempts}/${j.maxAttempts}, queued ${new Date(j.queuedAt).toISOString()}` +
      (j.finishedAt ? `, finished ${new Date(j.finishedAt).toISOString()}` : ""),
    ...(j.resultArtifact ? [`  result   ${j.resultArtifact}`] : []),
    ...(j.metrics
      ? [
          `  metrics  ${Object.entries(j.metrics)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}`,
        ]
      : []),
    ...(j.error ? [`  error    ${j.error}`] : []),
  ].join("\n");

const jobsList: Handler = async (_ctx, o) => {
  const q = new URLSearchParams();
  if (o.dao) q.set("dao", id(o.dao as string, "dao").toString());
  if (o.model) q.set("model", id(o.model as string, "model").toString());
  if (o.state) q.set("state", String(o.state));
  if (o.submitter) q.set("submitter", String(o.submitter));
  q.set("limit", String(integer(o.limit as string | undefined, "limit", 50, 1, 1000)));
  const { jobs, kinds } = (await call(`${baseUrl(o)}/api/worker/jobs?${q}`)) as { jobs: JobJson[]; kinds: string[] };
  if (o.json) return JSON.stringify({ jobs, kinds }, null, 2);
  if (jobs.length === 0) return `no jobs (kinds this worker runs: ${kinds.join(", ")})`;
  return jobs.map(jobLine).join("\n");
};

const jobShow: Handler = async (_ctx, o) => {
  const jobId = id(o.id as string | undefined, "id");
  const body = (await call(`${baseUrl(o)}/api/worker/jobs/${jobId}`)) as {
    job: JobJson;
    logs: Array<{ seq: number; at: number; line: string }>;
  };
  if (o.json) return JSON.stringify(body, null, 2);
  return `${jobDetail(body.job)}\n  log      ${body.logs.length} lines (aidao jobs logs --id ${jobId})`;
};

const jobLogs: Handler = async (_ctx, o) => {
  const jobId = id(o.id as string | undefined, "id");
  const after = integer(o.after as string | undefined, "after", 0, 0, Number.MAX_SAFE_INTEGER);
  const { logs } = (await call(`${baseUrl(o)}/api/worker/jobs/${jobId}?after=${after}`)) as {
    logs: Array<{ seq: number; at: number; line: string }>;
  };
  if (o.json) return JSON.stringify(logs, null, 2);
  return logs.map((l) => `${new Date(l.at).toISOString()}  ${l.line}`).join("\n") || "(no log lines yet)";
};

const jobSubmit: Handler = async (ctx, o) => {
  const daoId = id(o.dao as string | undefined, "dao");
  const modelId = id(o.model as string | undefined, "model");
  const kind = o.kind as string | undefined;
  if (!kind) throw new UsageError("--kind is required (aidao jobs list shows the kinds the worker runs)");
  const params = (o.params as string | undefined) ?? "{}";
  try {
    const parsed = JSON.parse(params);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
  } catch {
    throw new UsageError(`--params must be a JSON object, e.g. '{"split":0.2}'`);
  }
  const wallet = ctx.signer();
  const request = {
    daoId,
    modelId,
    kind,
    params,
    submitter: wallet.account.address,
    maxAttempts: BigInt(integer(o["max-attempts"] as string | undefined, "max-attempts", 1, 1, 10)),
    timeLimitMs: BigInt(duration(o["time-limit"] as string | undefined, "time-limit", 3600) * 1000),
    issuedAt: nowSeconds(),
  };
  const body = await signJobRequest(
    wallet,
    { chainId: ctx.deployment.chainId, modelRegistry: ctx.deployment.contracts.ModelRegistry.address },
    request,
  );
  const { job } = (await call(`${baseUrl(o)}/api/worker/jobs`, { method: "POST", body: JSON.stringify(body) })) as {
    job: JobJson;
  };
  if (o.json) return JSON.stringify(job, null, 2);
  return `job ${job.id} queued in DAO ${daoId} at your stake of ${formatEther(BigInt(job.stake))} AIDAO\n${jobDetail(job)}`;
};

const jobAction =
  (action: "cancel" | "retry"): Handler =>
  async (ctx, o) => {
    const jobId = id(o.id as string | undefined, "id");
    const wallet = ctx.signer();
    const message = { jobId, action, submitter: wallet.account.address, issuedAt: nowSeconds() };
    const signature = await wallet.signTypedData({
      domain: jobDomain(ctx.deployment.chainId, ctx.deployment.contracts.ModelRegistry.address),
      types: jobActionTypes,
      primaryType: "JobAction",
      message,
    });
    const { job } = (await call(`${baseUrl(o)}/api/worker/jobs/${jobId}/${action}`, {
      method: "POST",
      body: JSON.stringify({ submitter: message.submitter, issuedAt: message.issuedAt.toString(), signature }),
    })) as { job: JobJson };
    if (o.json) return JSON.stringify(job, null, 2);
    return `job ${job.id} ${action === "cancel" ? "cancelled" : "queued again"}\n${jobDetail(job)}`;
  };

const jobOptions = {
  ...server,
  id: { type: "string" },
  dao: { type: "string" },
  model: { type: "string" },
  state: { type: "string" },
  submitter: { type: "string" },
  limit: { type: "string" },
  after: { type: "string" },
  kind: { type: "string" },
  params: { type: "string" },
  "max-attempts": { type: "string" },
  "time-limit": { type: "string" },
} as const;

export const workerCommands: Record<
  string,
  { run: Handler; options: Record<string, { type: "string" | "boolean" }>; usage: string }
> = {
  contribute: {
    run: contribute,
    options: {
      ...server,
      dao: { type: "string" },
      model: { type: "string" },
      file: { type: "string" },
      role: { type: "string" },
      kind: { type: "string" },
      licence: { type: "string" },
      label: { type: "string" },
      "media-type": { type: "string" },
    },
    usage:
      "contribute --dao N --model M --file F --role Data|Model|Code|Ops|Other --licence CC-BY-4.0 [--label L] [--server URL] [--json]\n" +
      "    (signs the file's sha256 and terms; the worker stores it by hash; the DAO's governance accepts it on chain)",
  },
  "jobs list": {
    run: jobsList,
    options: jobOptions,
    usage: "jobs list [--dao N] [--model M] [--state queued|running|succeeded|failed|cancelled] [--limit 50] [--json]",
  },
  "jobs show": {
    run: jobShow,
    options: jobOptions,
    usage: "jobs show --id N [--json]   (state, result, metrics, error)",
  },
  "jobs submit": {
    run: jobSubmit,
    options: jobOptions,
    usage:
      "jobs submit --dao N --model M --kind K [--params JSON] [--max-attempts 1] [--time-limit 1h] [--json]\n" +
      "    (queued at your staked AIDAO: more stake runs sooner; every 4th dispatch goes to the longest-waiting job)",
  },
  "jobs cancel": { run: jobAction("cancel"), options: jobOptions, usage: "jobs cancel --id N [--json]" },
  "jobs retry": { run: jobAction("retry"), options: jobOptions, usage: "jobs retry --id N [--json]" },
  "jobs logs": { run: jobLogs, options: jobOptions, usage: "jobs logs --id N [--after SEQ] [--json]" },
};
