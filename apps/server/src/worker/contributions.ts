// Contributions: data files and model/code artifacts that people submit to an AI DAO's model. Each is stored by content
// hash, signed by its contributor (EIP-712: who contributed what, under which licence, is provable by anyone), and
// recorded here as `submitted`. It joins the model's value chain through the DAO's governance: a proposal makes the
// `setContributorsCall` this file builds, and once the chain's ModelRegistry lists the contributor for the model,
// `syncAcceptance` marks the contribution `accepted`.
import {
  ContributorRole,
  type ContributorRoleName,
  type GovernanceCall,
  modelRegistryAbi,
  setContributorsCall,
} from "@aidao/sdk";
import { type Address, getAddress, type Hex, isAddress, isHex, type PublicClient, verifyTypedData } from "viem";
import type { Database, SqlValue } from "../db/database.ts";
import { sha256Hex } from "./artifacts/hash.ts";
import type { ArtifactStore, ContentHash, Contribution, ContributionKind, ContributionStatus } from "./types.ts";
import { WorkerError } from "./workerError.ts";

/** The EIP-712 message a contributor signs: the artifact (by hash) and the terms it is contributed under. */
export const contributionTypes = {
  Contribution: [
    { name: "daoId", type: "uint256" },
    { name: "modelId", type: "uint256" },
    { name: "contributor", type: "address" },
    { name: "role", type: "string" },
    { name: "kind", type: "string" },
    { name: "artifact", type: "bytes32" },
    { name: "mediaType", type: "string" },
    { name: "label", type: "string" },
    { name: "licence", type: "string" },
  ],
} as const;

/** Signed on the chain that holds the model's registry: a signature for one chain or registry is void on another. */
export function contributionDomain(chainId: number, modelRegistry: Address) {
  return { name: "AIDAO Contributions", version: "1", chainId, verifyingContract: modelRegistry } as const;
}

/** What a contributor submits (the bytes go to the artifact store; `artifact` is their sha256, which they sign). */
export type ContributionInput = {
  daoId: bigint;
  modelId: bigint;
  contributor: Address;
  role: ContributorRoleName;
  kind: ContributionKind;
  mediaType: string;
  /** The label of a labelled data example ("" or null when there is none). */
  label: string | null;
  licence: string;
  signature: Hex;
};

/** The typed-data message for `input` and its artifact hash (what the contributor signs, e.g. with viem's signTypedData). */
export function contributionMessage(input: Omit<ContributionInput, "signature">, artifact: ContentHash) {
  return {
    daoId: input.daoId,
    modelId: input.modelId,
    contributor: input.contributor,
    role: input.role,
    kind: input.kind,
    artifact: `0x${artifact}` as Hex,
    mediaType: input.mediaType,
    label: input.label ?? "",
    licence: input.licence,
  };
}

export const ROLES = Object.keys(ContributorRole) as ContributorRoleName[];
export const KINDS: readonly ContributionKind[] = ["data", "model", "code"];
/** The kind a role's artifact has when the submitter does not say (Ops and Other contribute code or config). */
export const KIND_OF_ROLE: Record<ContributorRoleName, ContributionKind> = {
  Data: "data",
  Model: "model",
  Code: "code",
  Ops: "code",
  Other: "code",
};

const MAX_TEXT = 200;
const LICENCE = /^[A-Za-z0-9.+\-() ]{1,100}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** Checks the fields a contributor controls; throws BAD_INPUT naming the field. */
export function validateContribution(input: Omit<ContributionInput, "signature"> & { signature?: string }): void {
  const bad = (field: string, message: string, value: unknown) => {
    throw new WorkerError("BAD_INPUT", `${field}: ${message}`, { field, value: String(value) });
  };
  if (input.daoId <= 0n) bad("daoId", "must be a positive integer", input.daoId);
  if (input.modelId <= 0n) bad("modelId", "must be a positive integer", input.modelId);
  if (!isAddress(input.contributor, { strict: false })) bad("contributor", "must be an address", input.contributor);
  if (!ROLES.includes(input.role)) bad("role", `must be one of ${ROLES.join(", ")}`, input.role);
  if (!KINDS.includes(input.kind)) bad("kind", `must be one of ${KINDS.join(", ")}`, input.kind);
  if (!MEDIA_TYPE.test(input.mediaType) || input.mediaType.length > MAX_TEXT)
    bad("mediaType", "must be a media type like image/jpeg", input.mediaType);
  if (!LICENCE.test(input.licence)) bad("licence", "must be a licence name or SPDX id like CC-BY-4.0", input.licence);
  if (input.label !== null && (input.label.length > MAX_TEXT || hasControlCharacter(input.label)))
    bad("label", `must be at most ${MAX_TEXT} printable characters`, input.label);
  if (input.signature !== undefined && !(isHex(input.signature) && input.signature.length >= 132))
    bad("signature", "must be a 0x-hex EIP-712 signature", input.signature);
}

/** Labels are shown to people and written into logs: no line breaks or other control characters. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  return false;
}

export type ContributionChain = { client: PublicClient; chainId: number; modelRegistry: Address };

/**
 * Records a contribution: checks its fields, that the model exists and belongs to the DAO, and the contributor's
 * signature over the artifact's hash; then stores the bytes and the record (`submitted`). The same contributor
 * submitting the same bytes to the same model twice is refused (DUPLICATE_CONTRIBUTION) and changes nothing.
 */
export async function submitContribution(
  db: Database,
  store: ArtifactStore,
  chain: ContributionChain,
  input: ContributionInput,
  bytes: Uint8Array,
  now = Date.now(),
): Promise<Contribution> {
  validateContribution(input);
  if (bytes.length === 0) throw new WorkerError("BAD_INPUT", "the artifact is empty", { field: "file" });
  const artifact = sha256Hex(bytes);
  const contributor = getAddress(input.contributor);
  const message = contributionMessage({ ...input, contributor }, artifact);
  const valid = await verifyTypedData({
    address: contributor,
    domain: contributionDomain(chain.chainId, chain.modelRegistry),
    types: contributionTypes,
    primaryType: "Contribution",
    message,
    signature: input.signature,
  }).catch(() => false);
  if (!valid) {
    throw new WorkerError("BAD_SIGNATURE", `the signature is not ${contributor}'s over this contribution`, {
      contributor,
      artifact,
    });
  }
  const daoId = await modelDao(chain, input.modelId);
  if (daoId !== input.daoId) {
    throw new WorkerError("WRONG_DAO", `model ${input.modelId} belongs to DAO ${daoId}, not ${input.daoId}`, {
      modelId: input.modelId.toString(),
      daoId: daoId.toString(),
    });
  }
  const existing = await db.get<{ id: number }>(
    "SELECT id FROM worker_contributions WHERE model_id = ? AND contributor = ? AND artifact = ?",
    [input.modelId.toString(), contributor, artifact],
  );
  if (existing) {
    throw new WorkerError("DUPLICATE_CONTRIBUTION", `contribution ${existing.id} already holds these bytes`, {
      id: existing.id,
      artifact,
    });
  }
  const put = await store.put(bytes, input.mediaType);
  if (put.hash !== artifact) throw new WorkerError("STORE_FAILED", "the artifact store returned another hash", put);
  const label = input.label === "" ? null : input.label;
  // ON CONFLICT: a concurrent identical submission wins the race; this one then reports the duplicate.
  const changed = await db.run(
    `INSERT INTO worker_contributions
       (dao_id, model_id, contributor, role, kind, artifact, media_type, label, licence, signature, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?)
     ON CONFLICT (model_id, contributor, artifact) DO NOTHING`,
    [
      input.daoId.toString(),
      input.modelId.toString(),
      contributor,
      input.role,
      input.kind,
      artifact,
      input.mediaType,
      label,
      input.licence,
      input.signature,
      now,
    ],
  );
  const row = await db.get<ContributionRow>(
    "SELECT * FROM worker_contributions WHERE model_id = ? AND contributor = ? AND artifact = ?",
    [input.modelId.toString(), contributor, artifact],
  );
  if (!row) throw new WorkerError("STORE_FAILED", "the contribution was not recorded");
  if (changed === 0)
    throw new WorkerError("DUPLICATE_CONTRIBUTION", `contribution ${row.id} already holds these bytes`);
  return fromRow(row);
}

/** The DAO that owns `modelId` on chain (UNKNOWN_MODEL if the registry has no such model). */
async function modelDao(chain: ContributionChain, modelId: bigint): Promise<bigint> {
  try {
    const model = await chain.client.readContract({
      address: chain.modelRegistry,
      abi: modelRegistryAbi,
      functionName: "model",
      args: [modelId],
    });
    return model.daoId;
  } catch (error) {
    if (/ModelRegistryUnknownModel|revert/i.test(String((error as Error).message)))
      throw new WorkerError("UNKNOWN_MODEL", `model ${modelId} is not in the registry`, {
        modelId: modelId.toString(),
      });
    throw new WorkerError("CHAIN_UNAVAILABLE", `cannot read model ${modelId}: ${(error as Error).message}`);
  }
}

export type ContributionFilter = {
  daoId?: bigint;
  modelId?: bigint;
  contributor?: Address;
  status?: ContributionStatus;
  /** Created at or after (unix ms). */
  since?: number;
  /** Created before (unix ms). */
  until?: number;
};

/** The contributions that match `filter`, oldest first (what jobs train on, and what rewards count). */
export async function listContributions(db: Database, filter: ContributionFilter = {}): Promise<Contribution[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.daoId !== undefined) where.push("dao_id = ?") && params.push(filter.daoId.toString());
  if (filter.modelId !== undefined) where.push("model_id = ?") && params.push(filter.modelId.toString());
  if (filter.contributor !== undefined) where.push("contributor = ?") && params.push(getAddress(filter.contributor));
  if (filter.status !== undefined) where.push("status = ?") && params.push(filter.status);
  if (filter.since !== undefined) where.push("created_at >= ?") && params.push(filter.since);
  if (filter.until !== undefined) where.push("created_at < ?") && params.push(filter.until);
  const rows = await db.all<ContributionRow>(
    `SELECT * FROM worker_contributions ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`,
    params,
  );
  return rows.map(fromRow);
}

/** Contribution `id` (UNKNOWN_CONTRIBUTION if there is none). */
export async function getContribution(db: Database, id: number): Promise<Contribution> {
  const row = await db.get<ContributionRow>("SELECT * FROM worker_contributions WHERE id = ?", [id]);
  if (!row) throw new WorkerError("UNKNOWN_CONTRIBUTION", `no contribution ${id}`, { id });
  return fromRow(row);
}

/**
 * Reads the model's value chain on chain and marks its submitted contributions accepted whose contributor the
 * ModelRegistry now lists (in the role they contributed under): the DAO's governance accepted them. Returns the ids
 * it accepted. `acceptedAt` is the chain time of the block the list was read at (default), the clock reward epochs
 * are windowed by: this machine's clock may lag the chain's (a local chain moved by `travel`, a skewed host), which
 * would stamp the acceptance into an epoch already past.
 */
export async function syncAcceptance(
  db: Database,
  chain: Pick<ContributionChain, "client" | "modelRegistry">,
  modelId: bigint,
  now?: number,
): Promise<number[]> {
  const block = await chain.client.getBlock({ blockTag: "latest" });
  const listed = await chain.client.readContract({
    address: chain.modelRegistry,
    abi: modelRegistryAbi,
    functionName: "contributors",
    args: [modelId],
    blockNumber: block.number,
  });
  const at = now ?? Number(block.timestamp) * 1000;
  const onChain = new Set(listed.map((c) => `${getAddress(c.account)}:${ROLES[c.role]}`));
  const pending = await listContributions(db, { modelId, status: "submitted" });
  const accepted: number[] = [];
  for (const c of pending) {
    if (!onChain.has(`${c.contributor}:${c.role}`)) continue;
    await db.run("UPDATE worker_contributions SET status = 'accepted', accepted_at = ? WHERE id = ? AND status = ?", [
      at,
      c.id,
      "submitted",
    ]);
    accepted.push(c.id);
  }
  return accepted;
}

/** Marks a submitted contribution rejected (its DAO declined it); an accepted one stays accepted. */
export async function rejectContribution(db: Database, id: number): Promise<Contribution> {
  const c = await getContribution(db, id);
  if (c.status !== "submitted")
    throw new WorkerError("BAD_INPUT", `contribution ${id} is ${c.status}, not submitted`, { id, status: c.status });
  await db.run("UPDATE worker_contributions SET status = 'rejected' WHERE id = ? AND status = 'submitted'", [id]);
  return getContribution(db, id);
}

/**
 * The governance call that adds the given contributors to the model's value chain, keeping the ones already listed
 * (an existing account and role keeps its place and takes the new share). A DAO proposal (or Safe transaction) makes
 * it; `syncAcceptance` then sees the contributors listed and accepts their contributions.
 */
export async function valueChainCall(
  chain: Pick<ContributionChain, "client" | "modelRegistry">,
  modelId: bigint,
  additions: Array<{ account: Address; role: ContributorRoleName; shareBps: number }>,
): Promise<GovernanceCall> {
  const listed = await chain.client.readContract({
    address: chain.modelRegistry,
    abi: modelRegistryAbi,
    functionName: "contributors",
    args: [modelId],
  });
  const merged = new Map<string, { account: Address; role: ContributorRoleName; shareBps: number }>();
  for (const c of listed) {
    const role = ROLES[c.role] ?? "Other";
    merged.set(`${getAddress(c.account)}:${role}`, {
      account: getAddress(c.account),
      role,
      shareBps: Number(c.shareBps),
    });
  }
  for (const a of additions) {
    if (!Number.isInteger(a.shareBps) || a.shareBps < 0 || a.shareBps > 10_000)
      throw new WorkerError("BAD_INPUT", `shareBps: ${a.shareBps} is not 0..10000`, { account: a.account });
    merged.set(`${getAddress(a.account)}:${a.role}`, { ...a, account: getAddress(a.account) });
  }
  try {
    return setContributorsCall(chain.modelRegistry, modelId, [...merged.values()]);
  } catch (error) {
    throw new WorkerError("BAD_INPUT", (error as Error).message, { modelId: modelId.toString() });
  }
}

type ContributionRow = {
  id: number | string;
  dao_id: string;
  model_id: string;
  contributor: string;
  role: string;
  kind: string;
  artifact: string;
  media_type: string;
  label: string | null;
  licence: string;
  signature: string;
  status: string;
  created_at: number | string;
  accepted_at: number | string | null;
};

function fromRow(r: ContributionRow): Contribution {
  return {
    id: Number(r.id),
    daoId: BigInt(r.dao_id),
    modelId: BigInt(r.model_id),
    contributor: r.contributor as Address,
    role: r.role,
    kind: r.kind as ContributionKind,
    artifact: r.artifact,
    mediaType: r.media_type,
    label: r.label,
    licence: r.licence,
    signature: r.signature as Hex,
    status: r.status as ContributionStatus,
    createdAt: Number(r.created_at),
    acceptedAt: r.accepted_at === null ? null : Number(r.accepted_at),
  };
}
