// The worker: the artifact store, contributions, and the job queue with its runner, over one database and the chain.
// Routes (routes.ts) and the CLI speak to this class; it checks what the chain says (a model's DAO, a submitter's
// stake, a model's value chain) and leaves the rest to its parts.
import { modelRegistryAbi, stakingAbi } from "@aidao/sdk";
import { type Address, getAddress, type Hex, type PublicClient } from "viem";
import type { Database } from "../db/database.ts";
import {
  type ContributionFilter,
  type ContributionInput,
  listContributions,
  submitContribution,
  syncAcceptance,
} from "./contributions.ts";
import { JobHandlers } from "./jobs/handlers.ts";
import type { PriorityOptions } from "./jobs/priority.ts";
import { cancelJob, enqueue, getJob, openJobsOf, retryJob } from "./jobs/queue.ts";
import { type JobAction, type JobRequest, jobDomain, verifyJobAction, verifyJobRequest } from "./jobs/requests.ts";
import { JobRunner, type JobRunnerOptions } from "./jobs/runner.ts";
import type { ArtifactStore, Contribution, Executor, Job } from "./types.ts";
import { WorkerError } from "./workerError.ts";

export type WorkerOptions = {
  db: Database;
  store: ArtifactStore;
  executor: Executor;
  client: PublicClient;
  chainId: number;
  modelRegistry: Address;
  staking: Address;
  /** Kind → handler module path (default: DEFAULT_HANDLERS). */
  handlers?: JobHandlers;
  /** This replica's name (job leases). */
  owner: string;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  priority?: PriorityOptions;
  /** Jobs one submitter may have queued or running per DAO (default 20). */
  maxOpenJobsPerSubmitter?: number;
  /** How often submitted contributions are checked against the chain's value chains (ms, default 30 s; 0: never). */
  acceptanceIntervalMs?: number;
  /** Runs after a job succeeded (JobRunnerOptions.onSucceeded): e.g. publishing a trained model. */
  onSucceeded?: JobRunnerOptions["onSucceeded"];
  log?: (message: string) => void;
};

export class Worker {
  readonly db: Database;
  readonly store: ArtifactStore;
  readonly handlers: JobHandlers;
  readonly runner: JobRunner;
  private readonly o: WorkerOptions;
  private acceptanceTimer: NodeJS.Timeout | undefined;

  constructor(options: WorkerOptions) {
    this.o = options;
    this.db = options.db;
    this.store = options.store;
    this.handlers = options.handlers ?? new JobHandlers();
    this.runner = new JobRunner({
      db: options.db,
      store: options.store,
      executor: options.executor,
      handlers: this.handlers,
      owner: options.owner,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      ...(options.priority ? { priority: options.priority } : {}),
      ...(options.onSucceeded ? { onSucceeded: options.onSucceeded } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** The chain the worker's signatures are bound to. */
  get chain() {
    return { client: this.o.client, chainId: this.o.chainId, modelRegistry: this.o.modelRegistry };
  }

  get jobDomain() {
    return jobDomain(this.o.chainId, this.o.modelRegistry);
  }

  start(): void {
    this.runner.start();
    const every = this.o.acceptanceIntervalMs ?? 30_000;
    if (every > 0) {
      const tick = async () => {
        await this.syncAcceptance().catch((e) => this.o.log?.(`worker: acceptance sync failed: ${e.message}`));
        this.acceptanceTimer = setTimeout(tick, every);
        this.acceptanceTimer.unref?.();
      };
      this.acceptanceTimer = setTimeout(tick, 0);
      this.acceptanceTimer.unref?.();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.acceptanceTimer);
    await this.runner.stop();
    await this.o.executor.close();
  }

  contribute(input: ContributionInput, bytes: Uint8Array): Promise<Contribution> {
    return submitContribution(this.db, this.store, this.chain, input, bytes);
  }

  contributions(filter: ContributionFilter = {}): Promise<Contribution[]> {
    return listContributions(this.db, filter);
  }

  /** Marks accepted the submitted contributions whose contributor the chain now lists (one model, or all). */
  async syncAcceptance(modelId?: bigint): Promise<number[]> {
    const models =
      modelId !== undefined
        ? [modelId]
        : [...new Set((await listContributions(this.db, { status: "submitted" })).map((c) => c.modelId))];
    const accepted: number[] = [];
    for (const m of models) accepted.push(...(await syncAcceptance(this.db, this.chain, m)));
    return accepted;
  }

  /**
   * Queues a signed job request: the signature, the kind, the model's DAO and the submitter's open jobs are checked;
   * its priority is the submitter's stake on chain now.
   */
  async submitJob(request: JobRequest, signature: Hex): Promise<Job> {
    const params = await verifyJobRequest(this.jobDomain, request, signature);
    this.handlers.moduleOf(request.kind); // UNKNOWN_JOB_KIND before any chain read
    const submitter = getAddress(request.submitter);
    const [model, stake] = await Promise.all([
      this.read("model", () =>
        this.o.client.readContract({
          address: this.o.modelRegistry,
          abi: modelRegistryAbi,
          functionName: "model",
          args: [request.modelId],
        }),
      ),
      this.read("stake", () =>
        this.o.client.readContract({
          address: this.o.staking,
          abi: stakingAbi,
          functionName: "stakedBalanceOf",
          args: [submitter],
        }),
      ),
    ]);
    if (model.daoId !== request.daoId)
      throw new WorkerError(
        "WRONG_DAO",
        `model ${request.modelId} belongs to DAO ${model.daoId}, not ${request.daoId}`,
      );
    const cap = this.o.maxOpenJobsPerSubmitter ?? 20;
    if ((await openJobsOf(this.db, request.daoId, submitter)) >= cap)
      throw new WorkerError(
        "BAD_INPUT",
        `${submitter} already has ${cap} jobs queued or running in DAO ${request.daoId}`,
        {
          submitter,
        },
      );
    return enqueue(this.db, {
      daoId: request.daoId,
      modelId: request.modelId,
      kind: request.kind,
      submitter,
      stake,
      params,
      maxAttempts: Number(request.maxAttempts),
      timeLimitMs: Number(request.timeLimitMs),
      signature,
    });
  }

  /** Cancels or retries a job at its submitter's signed request. */
  async act(action: JobAction, signature: Hex): Promise<Job> {
    await verifyJobAction(this.jobDomain, action, signature);
    const id = Number(action.jobId);
    const job = await getJob(this.db, id);
    if (getAddress(job.submitter) !== getAddress(action.submitter))
      throw new WorkerError("BAD_SIGNATURE", `only job ${id}'s submitter ${job.submitter} may ${action.action} it`, {
        id,
      });
    return action.action === "cancel" ? cancelJob(this.db, id) : retryJob(this.db, id);
  }

  private async read<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const message = (error as Error).message;
      if (/ModelRegistryUnknownModel/.test(message) || (what === "model" && /revert/i.test(message)))
        throw new WorkerError("UNKNOWN_MODEL", "the model is not in the registry");
      throw new WorkerError("CHAIN_UNAVAILABLE", `cannot read the ${what} on chain: ${message}`);
    }
  }
}

// What clients (the CLI, the web app, other tools) sign and hash: one source for the worker's typed data.
export { sha256Hex } from "./artifacts/hash.ts";
export {
  contributionDomain,
  contributionMessage,
  contributionTypes,
  KIND_OF_ROLE,
  listContributions,
  ROLES,
} from "./contributions.ts";
export { jobActionTypes, jobDomain, jobRequestTypes, signJobRequest } from "./jobs/requests.ts";
export { WorkerError } from "./workerError.ts";
