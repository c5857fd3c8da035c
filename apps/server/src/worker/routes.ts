// The worker's HTTP API under /api/worker. Every input is validated here (typed WorkerErrors with stable codes); the
// rules live in the Worker. Bigints travel as decimal strings.
//
//   POST /api/worker/contributions           multipart (file + fields) or the raw bytes with x-aidao-* headers
//   GET  /api/worker/contributions           ?dao&model&contributor&status&since&until
//   GET  /api/worker/artifacts/:hash         the bytes
//   POST /api/worker/jobs                    { request: JobRequest (decimal strings), signature }
//   GET  /api/worker/jobs                    ?dao&model&state&submitter&limit
//   GET  /api/worker/jobs/:id                the job and its log (?after=seq)
//   POST /api/worker/jobs/:id/cancel|retry   { submitter, issuedAt, signature }
import type { Context, Hono } from "hono";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { isContentHash } from "./artifacts/hash.ts";
import { type ContributionInput, KIND_OF_ROLE, KINDS, ROLES } from "./contributions.ts";
import { getJob, listJobs, readLogs } from "./jobs/queue.ts";
import type { JobRequest } from "./jobs/requests.ts";
import type { Contribution, ContributionKind, ContributionStatus, Job, JobState } from "./types.ts";
import type { Worker } from "./worker.ts";
import { WorkerError } from "./workerError.ts";

/** Largest contribution accepted by default (bytes): a photo or a small model; bigger artifacts go through S3. */
export const DEFAULT_MAX_CONTRIBUTION_BYTES = 25 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024;

export type WorkerRouteOptions = { worker: Worker; maxContributionBytes?: number };

/** The answer for a WorkerError (its status, code, message and details); anything else is a 500 without internals. */
export function workerErrorResponse(c: Context, error: unknown): Response {
  if (error instanceof WorkerError) {
    return c.json(
      { error: { code: error.code, message: error.message, retryable: error.retryable, details: error.details } },
      error.status as 400,
    );
  }
  console.error("worker:", error);
  return c.json({ error: { code: "INTERNAL", message: "internal error", retryable: true } }, 500);
}

export function workerRoutes(app: Hono, options: WorkerRouteOptions): void {
  const { worker } = options;
  const maxBytes = options.maxContributionBytes ?? DEFAULT_MAX_CONTRIBUTION_BYTES;
  const handle =
    (fn: (c: Context) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      try {
        return await fn(c);
      } catch (error) {
        return workerErrorResponse(c, error);
      }
    };

  app.post(
    "/api/worker/contributions",
    handle(async (c) => {
      const declared = Number(c.req.header("content-length") ?? 0);
      if (declared > maxBytes + 64 * 1024) throw tooLarge(declared, maxBytes);
      const type = c.req.header("content-type") ?? "";
      let fields: Record<string, string>;
      let bytes: Uint8Array;
      let mediaType: string;
      if (type.startsWith("multipart/form-data")) {
        const form = await c.req.formData().catch(() => {
          throw new WorkerError("BAD_INPUT", "the multipart body does not parse");
        });
        const file = form.get("file");
        if (!file || typeof file === "string")
          throw new WorkerError("BAD_INPUT", "file: the multipart body needs a file part named file", {
            field: "file",
          });
        bytes = new Uint8Array(await file.arrayBuffer());
        mediaType = form.get("mediaType")?.toString() || file.type || "application/octet-stream";
        fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<
          string,
          string
        >;
      } else {
        bytes = new Uint8Array(await c.req.arrayBuffer());
        mediaType = type.split(";")[0]?.trim() || "application/octet-stream";
        const header = (name: string) => c.req.header(`x-aidao-${name}`);
        fields = {};
        for (const name of ["dao", "model", "contributor", "role", "kind", "licence", "label", "signature"]) {
          const value = header(name);
          if (value !== undefined) fields[name] = name === "label" ? decodeURIComponent(value) : value;
        }
      }
      if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
      const contribution = await worker.contribute(contributionInput(fields, mediaType), bytes);
      return c.json({ contribution: contributionJson(contribution) }, 201);
    }),
  );

  app.get(
    "/api/worker/contributions",
    handle(async (c) => {
      const q = c.req.query();
      const status = q.status;
      if (status !== undefined && !["submitted", "accepted", "rejected"].includes(status))
        throw new WorkerError("BAD_INPUT", "status: must be submitted, accepted or rejected", { field: "status" });
      const list = await worker.contributions({
        ...(q.dao !== undefined ? { daoId: uint("dao", q.dao) } : {}),
        ...(q.model !== undefined ? { modelId: uint("model", q.model) } : {}),
        ...(q.contributor !== undefined ? { contributor: address("contributor", q.contributor) } : {}),
        ...(status !== undefined ? { status: status as ContributionStatus } : {}),
        ...(q.since !== undefined ? { since: Number(uint("since", q.since)) } : {}),
        ...(q.until !== undefined ? { until: Number(uint("until", q.until)) } : {}),
      });
      return c.json({ contributions: list.map(contributionJson) });
    }),
  );

  app.get(
    "/api/worker/artifacts/:hash",
    handle(async (c) => {
      const hash = c.req.param("hash") ?? "";
      if (!isContentHash(hash))
        throw new WorkerError("BAD_INPUT", "hash: must be 64 lowercase hex digits (sha256)", { field: "hash" });
      const bytes = await worker.store.get(hash);
      if (!bytes) throw new WorkerError("UNKNOWN_ARTIFACT", `no artifact ${hash}`, { hash });
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": "application/octet-stream",
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${hash}"`,
      });
    }),
  );

  app.post(
    "/api/worker/jobs",
    handle(async (c) => {
      const body = await json(c);
      const r = (body.request ?? {}) as Record<string, unknown>;
      const request: JobRequest = {
        daoId: uint("daoId", r.daoId),
        modelId: uint("modelId", r.modelId),
        kind: text("kind", r.kind),
        params: text("params", r.params ?? "{}"),
        submitter: address("submitter", r.submitter),
        maxAttempts: uint("maxAttempts", r.maxAttempts ?? "1"),
        timeLimitMs: uint("timeLimitMs", r.timeLimitMs ?? "3600000"),
        issuedAt: uint("issuedAt", r.issuedAt),
      };
      const job = await worker.submitJob(request, text("signature", body.signature) as Hex);
      return c.json({ job: jobJson(job) }, 201);
    }),
  );

  app.get(
    "/api/worker/jobs",
    handle(async (c) => {
      const q = c.req.query();
      const state = q.state;
      if (state !== undefined && !["queued", "running", "succeeded", "failed", "cancelled"].includes(state))
        throw new WorkerError("BAD_INPUT", "state: must be queued, running, succeeded, failed or cancelled", {
          field: "state",
        });
      const limit = q.limit === undefined ? 100 : Number(uint("limit", q.limit));
      if (limit < 1 || limit > 1_000) throw new WorkerError("BAD_INPUT", "limit: must be 1..1000", { field: "limit" });
      const jobs = await listJobs(worker.db, {
        ...(q.dao !== undefined ? { daoId: uint("dao", q.dao) } : {}),
        ...(q.model !== undefined ? { modelId: uint("model", q.model) } : {}),
        ...(q.submitter !== undefined ? { submitter: address("submitter", q.submitter) } : {}),
        ...(state !== undefined ? { state: state as JobState } : {}),
        limit,
      });
      return c.json({ jobs: jobs.map(jobJson), kinds: worker.handlers.kinds() });
    }),
  );

  app.get(
    "/api/worker/jobs/:id",
    handle(async (c) => {
      const id = Number(uint("id", c.req.param("id")));
      const after = Number(uint("after", c.req.query("after") ?? "0"));
      const job = await getJob(worker.db, id);
      return c.json({ job: jobJson(job), logs: await readLogs(worker.db, id, after) });
    }),
  );

  for (const action of ["cancel", "retry"] as const) {
    app.post(
      `/api/worker/jobs/:id/${action}`,
      handle(async (c) => {
        const body = await json(c);
        const job = await worker.act(
          {
            jobId: uint("id", c.req.param("id")),
            action,
            submitter: address("submitter", body.submitter),
            issuedAt: uint("issuedAt", body.issuedAt),
          },
          text("signature", body.signature) as Hex,
        );
        return c.json({ job: jobJson(job) });
      }),
    );
  }
}

function tooLarge(size: number, max: number): WorkerError {
  return new WorkerError("BODY_TOO_LARGE", `the artifact is ${size} bytes; this worker takes at most ${max}`, {
    size,
    max,
  });
}

async function json(c: Context): Promise<Record<string, unknown>> {
  const raw = await c.req.text();
  if (raw.length > MAX_JSON_BYTES) throw tooLarge(raw.length, MAX_JSON_BYTES);
  try {
    const body = JSON.parse(raw) as unknown;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error();
    return body as Record<string, unknown>;
  } catch {
    throw new WorkerError("BAD_INPUT", "the body must be a JSON object");
  }
}

function uint(field: string, value: unknown): bigint {
  if (
    (typeof value === "string" && /^\d{1,78}$/.test(value)) ||
    (typeof value === "number" && Number.isSafeInteger(value) && value >= 0)
  )
    return BigInt(value);
  throw new WorkerError("BAD_INPUT", `${field}: must be a non-negative integer`, { field, value: String(value) });
}

function text(field: string, value: unknown): string {
  if (typeof value === "string" && value.length > 0) return value;
  throw new WorkerError("BAD_INPUT", `${field}: must be a non-empty string`, { field });
}

function address(field: string, value: unknown): Address {
  if (typeof value === "string" && isAddress(value, { strict: false })) return getAddress(value);
  throw new WorkerError("BAD_INPUT", `${field}: must be an address`, { field, value: String(value) });
}

/** A contribution's fields as sent (form fields or x-aidao-* headers). */
function contributionInput(f: Record<string, string>, mediaType: string): ContributionInput {
  const role = f.role as ContributionInput["role"];
  if (!ROLES.includes(role))
    throw new WorkerError("BAD_INPUT", `role: must be one of ${ROLES.join(", ")}`, { field: "role", value: f.role });
  const kind = (f.kind ?? KIND_OF_ROLE[role]) as ContributionKind;
  if (!KINDS.includes(kind))
    throw new WorkerError("BAD_INPUT", `kind: must be one of ${KINDS.join(", ")}`, { field: "kind" });
  return {
    daoId: uint("dao", f.dao),
    modelId: uint("model", f.model),
    contributor: address("contributor", f.contributor),
    role,
    kind,
    mediaType,
    label: f.label === undefined || f.label === "" ? null : f.label,
    licence: text("licence", f.licence),
    signature: text("signature", f.signature) as Hex,
  };
}

export function contributionJson(c: Contribution) {
  return { ...c, daoId: c.daoId.toString(), modelId: c.modelId.toString() };
}

export function jobJson(j: Job) {
  return { ...j, daoId: j.daoId.toString(), modelId: j.modelId.toString(), stake: j.stake.toString() };
}
