import type { Hono } from "hono";
import type { Database } from "../db/database.ts";
import type { ServerConfig } from "../server.ts";
import { openArtifactStore } from "./artifacts/openStore.ts";
import { BUILTIN_HANDLERS } from "./jobs/builtin/index.ts";
import { DEFAULT_HANDLERS, JobHandlers } from "./jobs/handlers.ts";
import { InProcessExecutor } from "./jobs/inProcessExecutor.ts";
import { ProcessExecutor } from "./jobs/processExecutor.ts";
import { publishJobResult } from "./publish.ts";
import { workerRoutes } from "./routes.ts";
import { Worker } from "./worker.ts";

/** Builds the worker on `app` (its routes under /api/worker); `start` begins running jobs. */
export function mountWorker(
  app: Hono,
  db: Database,
  config: ServerConfig,
): { worker: Worker; start(): void; close(): Promise<void> } {
  const { deployment } = config;
  const store = openArtifactStore(config.artifacts, config.dataDir);
  const handlers = new JobHandlers({ ...DEFAULT_HANDLERS, ...BUILTIN_HANDLERS, ...config.jobHandlers });
  const publisher = config.publisher;
  const worker = new Worker({
    db,
    store,
    executor: config.executor === "process" ? new ProcessExecutor() : new InProcessExecutor(),
    client: config.publicClient,
    chainId: deployment.chainId,
    modelRegistry: deployment.contracts.ModelRegistry.address,
    staking: deployment.contracts.Staking.address,
    handlers,
    owner: config.replicaId ?? "worker",
    ...(config.workerConcurrency !== undefined ? { concurrency: config.workerConcurrency } : {}),
    // A trained model becomes a new version of its model, proposed for Staging through its DAO's governance.
    ...(publisher
      ? {
          onSucceeded: async (job, result, log) => {
            if (!publisher.kinds.includes(job.kind)) return;
            const published = await publishJobResult({
              wallet: publisher.wallet,
              publicClient: config.publicClient,
              modelRegistry: deployment.contracts.ModelRegistry.address,
              daoRegistry: deployment.contracts.DAORegistry.address,
              store,
              job,
              result,
              ...(publisher.artifactBaseUrl ? { artifactBaseUrl: publisher.artifactBaseUrl } : {}),
              ...(publisher.endpoint ? { endpoint: publisher.endpoint } : {}),
            });
            log(`published as version ${published.versionId}; proposed for Staging: ${published.description}`);
          },
        }
      : {}),
    ...(config.log ? { log: config.log } : {}),
  });
  workerRoutes(app, {
    worker,
    ...(config.maxContributionBytes !== undefined ? { maxContributionBytes: config.maxContributionBytes } : {}),
  });
  return {
    worker,
    start: () => worker.start(),
    close: () => worker.close(),
  };
}
