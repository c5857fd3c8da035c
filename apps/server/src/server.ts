import { hostname } from "node:os";
import { join } from "node:path";
import type { Deployment, EndpointInput } from "@aidao/sdk";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Account, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { bindDeployment, openDatabase } from "./db/open.ts";
import type { Durability } from "./db/sqlite.ts";
import { GatewayError } from "./gateway/errors.ts";
import { type GatewayParts, mountGateway } from "./gateway/mount.ts";
import { errorResponse } from "./gateway/routes.ts";
import type { WriterMode } from "./gateway/store.ts";
import { blockAt, CHAIN_RETRY_AFTER_SECONDS, chainUnavailable } from "./http/chainUnavailable.ts";
import { HubError } from "./hub/errors.ts";
import type { Executions } from "./hub/execution.ts";
import type { Hub, HubLimits } from "./hub/hub.ts";
import { mountHub } from "./hub/mount.ts";
import { hubErrorResponse, isHubPath } from "./hub/routes.ts";
import type { Indexer, IndexerOptions } from "./indexer/indexer.ts";
import { mountIndexer } from "./indexer/mount.ts";
import { mountWeb, type WebOptions } from "./web/mount.ts";
import { mountWorker } from "./worker/mount.ts";
import type { Worker } from "./worker/worker.ts";

/** How often an RPC outage is logged while it lasts. */
const OUTAGE_NOTICE_MS = 10_000;

export type ServerMode = "gateway" | "hub" | "indexer" | "worker" | "all";

export type ServerConfig = {
  mode: ServerMode;
  publicClient: PublicClient;
  deployment: Deployment;
  /** Where the embedded database lives (`<dataDir>/server.sqlite`), unless `databaseUrl` is given. */
  dataDir: string;
  /** A PostgreSQL database (`DATABASE_URL`): used instead of the embedded SQLite file. */
  databaseUrl?: string | undefined;
  durability?: Durability;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Signs redemptions; without it the gateway charges but does not collect (another process may). */
  redeemWallet?: WalletClient<Transport, Chain, Account> | undefined;
  redeem?: { minAmount?: bigint; maxAgeMs?: number; intervalMs?: number; batchSize?: number };
  /** Stake (in AIDAO wei) from which a customer is served first under load. */
  priorityStake?: bigint;
  /** Built-in models to load (default: echo and face-detection). */
  builtins?: Array<"echo" | "face-detection" | "face-recognition">;
  concurrency?: Record<string, number>;
  maxQueue?: number;
  maxWaitMs?: number;
  maxBodyBytes?: number;
  failpoint?: "afterCharge";
  /** Where commits run (default: inline on two cores or fewer, where a thread hop costs more than an fsync). */
  writer?: WriterMode;
  /** Threads that check voucher signatures (default: the cores but one; 0 checks them on the event loop). */
  verifierThreads?: number;
  /** Signs the hub's receipts (default: a key generated on first start, kept in the database). */
  hubKey?: Hex;
  /** The hub's limits (default: Snapshot's sequencer's). */
  hubLimits?: Partial<HubLimits>;
  /** The indexer's options (range size, confirmations, polling). */
  indexer?: Omit<IndexerOptions, "db" | "publicClient" | "deployment">;
  /**
   * This replica's name among replicas on one PostgreSQL (default: host and data directory). Each running replica
   * needs its own; a restarted replica keeps its name and resumes its channels at once.
   */
  replicaId?: string;
  /** How long a replica's lease on a channel lasts, in ms (default 15 s); another replica takes it over after that. */
  leaseMs?: number;
  /**
   * When the database was written for a chain that was since reset (a local chain deleted and recreated): refuse to
   * start (default) or empty it and rebuild from the chain (`npm start`, `--reset-database`).
   */
  onChainReset?: "refuse" | "reset";
  /** The hub's clock in unix seconds (default: this machine's): for replays and tests that need time to pass. */
  hubClock?: () => number;
  /** Messages per minute per IP the hub accepts (default 100). */
  requestsPerMinute?: number;
  /** The worker's artifact store: a directory, or s3://bucket/prefix?endpoint=URL (default <dataDir>/artifacts). */
  artifacts?: string | undefined;
  /** Where the worker runs jobs: in this process (default) or one OS process per job. */
  executor?: "in-process" | "process";
  /** Jobs the worker runs at once (default 1). */
  workerConcurrency?: number;
  /** Extra job kinds → handler module paths (the built-in ones are always there). */
  jobHandlers?: Record<string, string>;
  /** Largest contribution the worker accepts, in bytes (default 25 MiB). */
  maxContributionBytes?: number;
  /**
   * Publishes what training jobs of `kinds` produce: a new version of the job's model, proposed for Staging (with an
   * endpoint on it) through the model's DAO's governance. The wallet must be a maintainer of the model's DAO and hold
   * its proposal threshold; without a publisher, results stay in the store and the job's record.
   */
  publisher?:
    | {
        wallet: WalletClient<Transport, Chain, Account>;
        kinds: string[];
        artifactBaseUrl?: string;
        endpoint?: EndpointInput;
      }
    | undefined;
  /** Serves the web app (mode all): what it tells the browser. */
  web?: WebOptions | undefined;
  log?: (message: string) => void;
};

export type RunningServer<M extends ServerMode = ServerMode> = {
  url: string;
  port: number;
  app: Hono;
  /** Stops accepting, finishes in-flight requests, stops background work, flushes and closes the database. */
  close(): Promise<void>;
} & (M extends "gateway" | "all" ? GatewayParts : unknown) &
  (M extends "hub" | "all" ? { hub: Hub; executions: Executions } : unknown) &
  (M extends "indexer" | "all" ? { indexer: Indexer } : unknown) &
  (M extends "worker" | "all" ? { worker: Worker } : unknown);

/** Builds and starts the server in its mode: each mode mounts its routes on one app, over one database. */
export async function startServer<M extends ServerMode>(config: ServerConfig & { mode: M }): Promise<RunningServer<M>> {
  const { deployment } = config;
  const chainId = deployment.chainId;
  const path = join(config.dataDir, "server.sqlite");
  const db = await openDatabase({
    path,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.durability ? { durability: config.durability } : {}),
  });
  try {
    // The chain is named by the block the protocol's token was deployed in: a reset chain has another one there.
    const anchorBlock = BigInt(deployment.contracts.AIDAOToken.block);
    // Only a chain without that block is another chain: an RPC endpoint that does not answer stops the start here,
    // rather than passing for a reset chain (whose data would be refused, or cleared with --on-chain-reset).
    const blockHash = async (n: bigint) => (await blockAt(config.publicClient, n))?.hash ?? null;
    const anchor = `${anchorBlock}:${(await blockHash(anchorBlock)) ?? "missing"}`;
    await bindDeployment(
      db,
      { identity: `${chainId}:${deployment.contracts.UsageChannels.address.toLowerCase()}`, anchor },
      async (stored) => {
        const [number, hash] = stored.split(":");
        return (await blockHash(BigInt(number ?? 0))) === hash;
      },
      config.onChainReset ?? "refuse",
      config.log,
    );
  } catch (error) {
    await db.close();
    throw error;
  }

  const app = new Hono();
  // An outage is told to the operator once per OUTAGE_NOTICE_MS while it lasts (each answer tells its own client).
  let outageNoticeAt = 0;
  let outageAnswers = 0;
  app.onError((error, c) => {
    if (error instanceof HubError) return hubErrorResponse(c, error);
    // The chain's RPC not answering is the node's failure, not a bug here: 503 with a retry, in each API's own shape.
    const down = chainUnavailable(error);
    if (down) {
      outageAnswers++;
      if (Date.now() - outageNoticeAt >= OUTAGE_NOTICE_MS) {
        (config.log ?? console.error)(`${down} (${outageAnswers} requests answered 503 CHAIN_UNAVAILABLE)`);
        outageNoticeAt = Date.now();
        outageAnswers = 0;
      }
      return isHubPath(c.req.path)
        ? hubErrorResponse(c, new HubError("CHAIN_UNAVAILABLE", down, {}, CHAIN_RETRY_AFTER_SECONDS))
        : errorResponse(c, new GatewayError("CHAIN_UNAVAILABLE", down, {}, CHAIN_RETRY_AFTER_SECONDS));
    }
    return errorResponse(c, error);
  });
  app.notFound((c) =>
    errorResponse(c, new GatewayError("UNKNOWN_MODEL", `no route ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  let ready = false;
  let closing = false;
  let closed: Promise<void> | undefined;
  // While shutting down, every answer closes its connection: a keep-alive client cannot hold the server open with
  // request after request; it reconnects, and finds another replica (or nothing).
  app.use(async (c, next) => {
    await next();
    if (closing) c.header("Connection", "close");
  });
  app.get("/healthz", (c) => c.json({ ok: true, mode: config.mode }));
  app.get("/readyz", (c) => (ready ? c.json({ ready: true }) : c.json({ ready: false }, 503)));

  // Replicas on one PostgreSQL tell each other apart by name: stable across restarts, so a restarted replica resumes
  // its leases at once (SQLite: one process, no leases).
  const replicaId = config.replicaId ?? `${hostname()}:${config.dataDir}`;
  const withGateway = config.mode === "gateway" || config.mode === "all";
  const withHub = config.mode === "hub" || config.mode === "all";
  const withIndexer = config.mode === "indexer" || config.mode === "all";
  const withWorker = config.mode === "worker" || config.mode === "all";
  const gateway = withGateway ? await mountGateway(app, db, path, { ...config, replicaId }) : undefined;
  const hub = withHub ? await mountHub(app, db, config) : undefined;
  // Mounted last: its routes live under /api beside the hub's /api/msg and /api/hub.
  const indexer = withIndexer
    ? mountIndexer(app, db, {
        publicClient: config.publicClient,
        deployment,
        indexer: {
          ...(db.dialect === "postgres" ? { lease: { owner: replicaId } } : {}),
          ...config.indexer,
        },
        ...(config.log ? { log: config.log } : {}),
      })
    : undefined;

  const worker = withWorker ? mountWorker(app, db, { ...config, replicaId }) : undefined;

  // Last: its page fallback answers every path no route above took.
  if (config.web && config.mode === "all") mountWeb(app, deployment, config.web);

  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host ?? "127.0.0.1", port: config.port ?? 0 }, (info) =>
      resolve({ server: s, port: info.port }),
    );
  });
  await gateway?.start();
  worker?.start();
  ready = true;
  const url = `http://${config.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    port,
    app,
    ...(gateway?.parts ?? {}),
    ...(hub ? { hub: hub.hub, executions: hub.executions } : {}),
    ...(indexer ? { indexer: indexer.indexer } : {}),
    ...(worker ? { worker: worker.worker } : {}),
    close() {
      closed ??= shutdown();
      return closed;
    },
  } as RunningServer<M>;

  /** Stops accepting, finishes in-flight requests, stops background work, flushes and closes the database (once). */
  async function shutdown(): Promise<void> {
    ready = false;
    closing = true;
    await indexer?.close(); // ends its event streams, which would keep the HTTP server from closing
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive connections close now; busy ones after their answer (above), or after a grace period.
      const http = server as unknown as { closeIdleConnections?(): void; closeAllConnections?(): void };
      http.closeIdleConnections?.();
      setTimeout(() => http.closeAllConnections?.(), 10_000).unref();
    });
    await gateway?.close();
    await hub?.close();
    await worker?.close();
    await db.close();
  }
}
