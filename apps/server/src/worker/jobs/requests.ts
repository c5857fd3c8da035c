// What a job's submitter signs (EIP-712): queuing a job ranks it by the submitter's stake, so who submitted it must
// be proven, not claimed; and only the submitter cancels or retries it. Signatures are fresh (issuedAt within
// FRESH_SECONDS of the worker's clock) and a request is queued once (the queue keeps signatures unique).
import {
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  type Transport,
  verifyTypedData,
  type WalletClient,
} from "viem";
import { WorkerError } from "../workerError.ts";

export const jobRequestTypes = {
  JobRequest: [
    { name: "daoId", type: "uint256" },
    { name: "modelId", type: "uint256" },
    { name: "kind", type: "string" },
    { name: "params", type: "string" },
    { name: "submitter", type: "address" },
    { name: "maxAttempts", type: "uint256" },
    { name: "timeLimitMs", type: "uint256" },
    { name: "issuedAt", type: "uint256" },
  ],
} as const;

export const jobActionTypes = {
  JobAction: [
    { name: "jobId", type: "uint256" },
    { name: "action", type: "string" },
    { name: "submitter", type: "address" },
    { name: "issuedAt", type: "uint256" },
  ],
} as const;

/** Signed on the protocol's chain, naming its ModelRegistry: a signature for another deployment is void here. */
export function jobDomain(chainId: number, modelRegistry: Address) {
  return { name: "AIDAO Jobs", version: "1", chainId, verifyingContract: modelRegistry } as const;
}

/** How old (or how far in the future) a signed request may be, in seconds. */
export const FRESH_SECONDS = 600;
export const MAX_TIME_LIMIT_MS = 24 * 3_600_000;
export const MAX_ATTEMPTS = 10;
export const MAX_PARAMS_CHARS = 16_384;

/** A job request as sent: `params` is the JSON text the submitter signed. */
export type JobRequest = {
  daoId: bigint;
  modelId: bigint;
  kind: string;
  params: string;
  submitter: Address;
  maxAttempts: bigint;
  timeLimitMs: bigint;
  issuedAt: bigint;
};

/**
 * Signs `request` as its submitter and returns the body `POST /api/worker/jobs` takes (numbers as decimal strings):
 * what the CLI's `jobs submit` and npm start's demo send.
 */
export async function signJobRequest(
  signer: WalletClient<Transport, Chain | undefined, Account>,
  deployment: { chainId: number; modelRegistry: Address },
  request: JobRequest,
): Promise<{ request: Record<string, string>; signature: Hex }> {
  const signature = await signer.signTypedData({
    domain: jobDomain(deployment.chainId, deployment.modelRegistry),
    types: jobRequestTypes,
    primaryType: "JobRequest",
    message: request,
  });
  return {
    request: Object.fromEntries(Object.entries(request).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
    signature,
  };
}

export type JobAction = { jobId: bigint; action: "cancel" | "retry"; submitter: Address; issuedAt: bigint };

type Domain = ReturnType<typeof jobDomain>;

/** Checks a job request's fields, freshness and signature; returns its parsed params. */
export async function verifyJobRequest(
  domain: Domain,
  request: JobRequest,
  signature: Hex,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Record<string, unknown>> {
  const bad = (field: string, message: string, value: unknown) => {
    throw new WorkerError("BAD_INPUT", `${field}: ${message}`, { field, value: String(value) });
  };
  if (request.daoId <= 0n) bad("daoId", "must be a positive integer", request.daoId);
  if (request.modelId <= 0n) bad("modelId", "must be a positive integer", request.modelId);
  if (!/^[a-z0-9][a-z0-9.-]{0,63}$/.test(request.kind)) bad("kind", "must be a job kind like checksum", request.kind);
  if (!isAddress(request.submitter, { strict: false })) bad("submitter", "must be an address", request.submitter);
  if (request.maxAttempts < 1n || request.maxAttempts > BigInt(MAX_ATTEMPTS))
    bad("maxAttempts", `must be 1..${MAX_ATTEMPTS}`, request.maxAttempts);
  if (request.timeLimitMs < 1_000n || request.timeLimitMs > BigInt(MAX_TIME_LIMIT_MS))
    bad("timeLimitMs", `must be 1000..${MAX_TIME_LIMIT_MS}`, request.timeLimitMs);
  if (request.params.length > MAX_PARAMS_CHARS) bad("params", `must be at most ${MAX_PARAMS_CHARS} characters`, "…");
  let params: unknown;
  try {
    params = JSON.parse(request.params);
  } catch {
    bad("params", "must be JSON", request.params.slice(0, 100));
  }
  if (typeof params !== "object" || params === null || Array.isArray(params))
    bad("params", "must be a JSON object", request.params.slice(0, 100));
  await checkSignature(
    domain,
    { types: jobRequestTypes, primaryType: "JobRequest", message: request },
    request.submitter,
    signature,
    request.issuedAt,
    nowSeconds,
  );
  return params as Record<string, unknown>;
}

/** Checks a cancel or retry request's freshness and signature (the caller checks the signer submitted the job). */
export async function verifyJobAction(
  domain: Domain,
  action: JobAction,
  signature: Hex,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<void> {
  if (!isAddress(action.submitter, { strict: false }))
    throw new WorkerError("BAD_INPUT", "submitter: must be an address", { field: "submitter" });
  await checkSignature(
    domain,
    { types: jobActionTypes, primaryType: "JobAction", message: action },
    action.submitter,
    signature,
    action.issuedAt,
    nowSeconds,
  );
}

async function checkSignature(
  domain: Domain,
  // biome-ignore lint/suspicious/noExplicitAny: the two typed-data shapes above
  typed: { types: any; primaryType: string; message: any },
  signer: Address,
  signature: Hex,
  issuedAt: bigint,
  nowSeconds: number,
): Promise<void> {
  if (!isHex(signature) || signature.length < 132)
    throw new WorkerError("BAD_INPUT", "signature: must be a 0x-hex EIP-712 signature", { field: "signature" });
  if (issuedAt < BigInt(nowSeconds - FRESH_SECONDS) || issuedAt > BigInt(nowSeconds + FRESH_SECONDS))
    throw new WorkerError(
      "BAD_SIGNATURE",
      `the request was signed at ${issuedAt}, not within ${FRESH_SECONDS} s of now`,
      {
        issuedAt: issuedAt.toString(),
        now: nowSeconds,
      },
    );
  const valid = await verifyTypedData({
    address: getAddress(signer),
    domain,
    ...typed,
    message: { ...typed.message, submitter: getAddress(signer) },
    signature,
  }).catch(() => false);
  if (!valid) throw new WorkerError("BAD_SIGNATURE", `the signature is not ${signer}'s over this request`, { signer });
}
