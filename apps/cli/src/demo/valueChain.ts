// The demo's AI value chain, through the worker's HTTP API (/api/worker) as any client signs and posts to it (see
// commands/worker.ts): the Face model's data contributor submits labelled photos, the worker accepts them once the
// chain lists the contributor, and the model's maintainer queues a training job. The job runs in the background: the
// seeding never waits for it (npm start stays ready in seconds); when it succeeds, the server's publisher adds the
// trained version and proposes it for Staging in the Face DAO.
// The worker's demo dataset builder (face-api's sample photos, one identity per face, in several variations).
import {
  buildDemoDataset,
  contributionDomain,
  contributionMessage,
  contributionTypes,
  DEMO_PHOTOS,
  FaceDetector,
  sha256Hex,
  signJobRequest,
  type Variation,
} from "@aidao/server";
import type { Address } from "viem";
import type { Wallet } from "./accounts.ts";

/** The job the demo queues: the worker's built-in face-recognition training. */
export const TRAINING_KIND = "face-recognition.train";
/**
 * What the contributor sends: the 3 faces of face-api's first sample photo, each in 4 variations — 12 photos, of which
 * the job holds out one per person. Small on purpose: the job describes each photo (about 0.4 s each on a small
 * machine), and building the set detects faces in one photo (1 to 2 s of the seeding).
 */
const PHOTOS = [DEMO_PHOTOS[0] as string];
const VARIATIONS: Variation[] = ["original", "mirrored", "brighter", "darker"];
/** face-api's sample photos ship under its MIT licence. */
const LICENCE = "MIT";

/** A contribution as the worker lists it. */
export type ContributionJson = { id: number; label: string | null; artifact: string; status: string };
/** A job as the worker lists it. */
export type JobJson = { id: number; kind: string; state: string; submitter: Address; stake: string };

type Chain = { chainId: number; modelRegistry: Address };

/** Calls the worker; its typed errors become one line (code and message). */
async function workerCall<T>(url: URL, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
  if (!response.ok) {
    const e = body.error;
    throw new Error(
      `the worker refused ${init?.method ?? "GET"} ${url.pathname}: ${e?.code ?? response.status}: ${e?.message ?? ""}`,
    );
  }
  return body;
}

/**
 * The contributor signs each labelled photo (its sha256, its label and the terms, EIP-712) and posts it to the
 * worker, which stores it by hash as `submitted`. Returns the contributions in the order sent.
 */
export async function contributePhotos(p: {
  serverUrl: string;
  chain: Chain;
  contributor: Wallet;
  daoId: bigint;
  modelId: bigint;
}): Promise<ContributionJson[]> {
  const detector = await FaceDetector.load();
  const photos = await buildDemoDataset({ detector, photos: PHOTOS, variations: VARIATIONS });
  const domain = contributionDomain(p.chain.chainId, p.chain.modelRegistry);
  const out: ContributionJson[] = [];
  for (const photo of photos) {
    const fields = {
      daoId: p.daoId,
      modelId: p.modelId,
      contributor: p.contributor.account.address,
      role: "Data" as const,
      kind: "data" as const,
      mediaType: photo.mediaType,
      label: photo.label,
      licence: LICENCE,
    };
    const signature = await p.contributor.signTypedData({
      domain,
      types: contributionTypes,
      primaryType: "Contribution",
      message: contributionMessage(fields, sha256Hex(photo.bytes)),
    });
    const form = new FormData();
    form.set(
      "file",
      new Blob([photo.bytes as Uint8Array<ArrayBuffer>], { type: photo.mediaType }),
      `${photo.label}-${photo.variation}.jpg`,
    );
    for (const [name, value] of Object.entries({
      dao: p.daoId.toString(),
      model: p.modelId.toString(),
      contributor: fields.contributor,
      role: fields.role,
      kind: fields.kind,
      mediaType: fields.mediaType,
      licence: fields.licence,
      label: fields.label,
      signature,
    }))
      form.set(name, value);
    const { contribution } = await workerCall<{ contribution: ContributionJson }>(
      new URL("/api/worker/contributions", p.serverUrl),
      { method: "POST", body: form },
    );
    out.push(contribution);
  }
  return out;
}

/** The worker's list of the model's contributions by `contributor`. */
export async function contributionsOf(serverUrl: string, modelId: bigint, contributor: Address) {
  const url = new URL("/api/worker/contributions", serverUrl);
  url.searchParams.set("model", modelId.toString());
  url.searchParams.set("contributor", contributor);
  return (await workerCall<{ contributions: ContributionJson[] }>(url)).contributions;
}

/**
 * Waits until the worker has accepted `ids` (it marks a contribution accepted once the chain's ModelRegistry lists its
 * contributor for the model). `accept` has the worker check the chain now; without it, the worker's own periodic
 * check (every 30 s) does, and this waits for it up to `timeoutMs`.
 */
export async function whenAccepted(p: {
  serverUrl: string;
  modelId: bigint;
  contributor: Address;
  ids: number[];
  accept?: (() => Promise<unknown>) | undefined;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  onWait?: () => void;
}): Promise<ContributionJson[]> {
  if (p.accept) await p.accept();
  else p.onWait?.();
  const deadline = Date.now() + (p.timeoutMs ?? 45_000);
  const wanted = new Set(p.ids);
  for (;;) {
    const mine = (await contributionsOf(p.serverUrl, p.modelId, p.contributor)).filter((c) => wanted.has(c.id));
    const pending = mine.filter((c) => c.status !== "accepted");
    if (mine.length === wanted.size && pending.length === 0) return mine;
    const rejected = pending.find((c) => c.status === "rejected");
    if (rejected) throw new Error(`the worker rejected contribution ${rejected.id}`);
    if (Date.now() > deadline || p.signal?.aborted)
      throw new Error(
        `${pending.length} of ${wanted.size} contributions are still not accepted (is the contributor listed for model ${p.modelId} on chain?)`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The submitter signs a training job request (EIP-712) and queues it; the worker ranks it by their staked AIDAO. */
export async function submitTraining(p: {
  serverUrl: string;
  chain: Chain;
  submitter: Wallet;
  daoId: bigint;
  modelId: bigint;
}): Promise<JobJson> {
  const request = {
    daoId: p.daoId,
    modelId: p.modelId,
    kind: TRAINING_KIND,
    params: "{}",
    submitter: p.submitter.account.address,
    // A second attempt if npm start is stopped while it trains: the next start runs it again.
    maxAttempts: 2n,
    timeLimitMs: 600_000n,
    // The worker checks freshness against its own clock (this machine's), not the demo chain's moved clock.
    issuedAt: BigInt(Math.floor(Date.now() / 1000)),
  };
  const body = await signJobRequest(p.submitter, p.chain, request);
  const { job } = await workerCall<{ job: JobJson }>(new URL("/api/worker/jobs", p.serverUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return job;
}
