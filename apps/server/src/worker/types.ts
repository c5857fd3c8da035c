// The worker's nouns, shared by its parts (artifact store, contributions, job queue and executors, built-in jobs,
// rewards). The AI value chain: contributors submit artifacts → jobs train and evaluate → governance promotes a new
// version → the gateway serves it → revenue and accepted contributions become rewards per epoch.
import type { Address, Hex } from "viem";

/** A content hash: sha256 of the bytes, lowercase hex without 0x (also the artifact's id and file name). */
export type ContentHash = string;

/** Where artifacts live, by content hash (the filesystem by default; an S3-compatible bucket as an option). */
export interface ArtifactStore {
  /** Stores the bytes (idempotent: the same bytes give the same hash and are stored once). */
  put(bytes: Uint8Array, mediaType: string): Promise<{ hash: ContentHash; size: number }>;
  /** The bytes, or undefined when the store does not have them. Implementations verify the hash on read. */
  get(hash: ContentHash): Promise<Uint8Array | undefined>;
  has(hash: ContentHash): Promise<boolean>;
  /** A human-readable location (a path or a URL), for logs and docs. */
  readonly location: string;
}

/** What a contribution is: a piece of the model's value chain. Roles are the ModelRegistry's ContributorRole names. */
export type ContributionKind = "data" | "model" | "code";
export type ContributionStatus = "submitted" | "accepted" | "rejected";

export type Contribution = {
  id: number;
  daoId: bigint;
  modelId: bigint;
  contributor: Address;
  /** ModelRegistry ContributorRole name (e.g. "Data", "Model", "Code", "Operator"). */
  role: string;
  kind: ContributionKind;
  artifact: ContentHash;
  mediaType: string;
  /** A labelled data example's label (e.g. whose face a photo shows); null otherwise. */
  label: string | null;
  licence: string;
  /** The contributor's EIP-712 signature over the submission (who contributed what is provable). */
  signature: Hex;
  status: ContributionStatus;
  createdAt: number;
  acceptedAt: number | null;
};

export type JobState = "queued" | "running" | "succeeded" | "failed" | "cancelled";

/** A training or evaluation job, queued per DAO. */
export type Job = {
  id: number;
  daoId: bigint;
  modelId: bigint;
  /** The job type: a registered handler's name (e.g. "face-recognition.train"). */
  kind: string;
  submitter: Address;
  /** The submitter's staked AIDAO (wei) when queued: the white paper's priority for token owners. */
  stake: bigint;
  params: Record<string, unknown>;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  timeLimitMs: number;
  /** The result: an artifact (e.g. the trained model) and its metrics. */
  resultArtifact: ContentHash | null;
  metrics: Record<string, number> | null;
  error: string | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
};

/** What a job handler gets: its job, the store, and a log. It must stop promptly when `signal` aborts. */
export type JobContext = {
  job: Job;
  store: ArtifactStore;
  /** The accepted contributions of the job's model (its training data and artifacts). */
  contributions: Contribution[];
  log(line: string): void;
  signal: AbortSignal;
};

/** What a job produces: an artifact (stored by the handler) and metrics. */
export type JobResult = { artifact: ContentHash; metrics: Record<string, number> };

/**
 * A job type. Handlers are modules (so an executor can load them in another process or machine by `module` path):
 * the module's export `handler` implements it.
 */
export interface JobHandler {
  readonly kind: string;
  run(ctx: JobContext): Promise<JobResult>;
}

/**
 * Runs jobs: in this process (the default), in separate OS processes, or on a cluster (Kubernetes Jobs, Ray) — see
 * docs/worker.md. An executor gets everything the job needs and returns its result or throws its error.
 */
export interface Executor {
  readonly name: string;
  run(ctx: JobContext, handlerModule: string): Promise<JobResult>;
  close(): Promise<void>;
}
