import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type Deployment, usageChannelsAbi } from "@aidao/sdk";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Account, Chain, PublicClient, Transport, WalletClient } from "viem";
import { bindDeployment, type Durability, openSqlite } from "./db/sqlite.ts";
import { Catalogue } from "./gateway/catalogue.ts";
import { GatewayError } from "./gateway/errors.ts";
import { ExactFacilitator } from "./gateway/exact.ts";
import { Gateway } from "./gateway/gateway.ts";
import { ChannelLedger } from "./gateway/ledger.ts";
import { Redeemer } from "./gateway/redeemer.ts";
import { errorResponse, gatewayRoutes } from "./gateway/routes.ts";
import { StakerPriority } from "./gateway/stakers.ts";
import { GatewayStore, type WriterMode } from "./gateway/store.ts";
import { VoucherVerifier, VoucherVerifierPool } from "./gateway/voucherVerifier.ts";
import { type BuiltinModel, echoModel, faceDetectionModel } from "./models/builtins.ts";
import { FaceDetector } from "./models/faceDetection.ts";

export type ServerMode = "gateway";

export type ServerConfig = {
  mode: ServerMode;
  publicClient: PublicClient;
  deployment: Deployment;
  /** Where the database lives (`<dataDir>/server.sqlite`). */
  dataDir: string;
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
  builtins?: Array<"echo" | "face-detection">;
  concurrency?: Record<string, number>;
  maxQueue?: number;
  maxWaitMs?: number;
  maxBodyBytes?: number;
  failpoint?: "afterCharge";
  /** Where commits run (default: inline on two cores or fewer, where a thread hop costs more than an fsync). */
  writer?: WriterMode;
  /** Threads that check voucher signatures (default: the cores but one; 0 checks them on the event loop). */
  verifierThreads?: number;
  log?: (message: string) => void;
};

export type RunningServer = {
  url: string;
  port: number;
  app: Hono;
  gateway: Gateway;
  ledger: ChannelLedger;
  store: GatewayStore;
  redeemer: Redeemer | undefined;
  /** Stops accepting, finishes in-flight requests, stops the redeemer, flushes and closes the database. */
  close(): Promise<void>;
};

/** Builds and starts the server. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const { publicClient, deployment } = config;
  const chainId = deployment.chainId;
  const usageChannels = deployment.contracts.UsageChannels.address;
  const path = join(config.dataDir, "server.sqlite");
  const db = openSqlite(path, config.durability);
  bindDeployment(db, `${chainId}:${usageChannels.toLowerCase()}`);
  const store = new GatewayStore(
    db,
    path,
    config.durability,
    config.writer ?? (availableParallelism() <= 2 ? "inline" : "thread"),
  );
  const verifier = new VoucherVerifier(chainId, usageChannels);
  const threads = config.verifierThreads ?? Math.max(1, availableParallelism() - 1);
  const pool = threads > 0 ? new VoucherVerifierPool(verifier, threads) : undefined;
  const ledger = new ChannelLedger({ client: publicClient, usageChannels, store, verifier, pool });

  const wanted = new Set(config.builtins ?? ["echo", "face-detection"]);
  const builtins: BuiltinModel[] = [];
  if (wanted.has("echo")) builtins.push(echoModel);
  if (wanted.has("face-detection")) builtins.push(faceDetectionModel(await FaceDetector.load()));

  const catalogue = new Catalogue({
    client: publicClient,
    modelRegistry: deployment.contracts.ModelRegistry.address,
    builtins: builtins.map((b) => b.name),
  });
  const stakers = new StakerPriority({
    client: publicClient,
    staking: deployment.contracts.Staking.address,
    threshold: config.priorityStake ?? 1_000n * 10n ** 18n,
  });
  const gateway = new Gateway({
    chainId,
    usageChannels,
    catalogue,
    ledger,
    stakers,
    builtins,
    concurrency: config.concurrency ?? { "face-detection": 1 },
    ...(config.maxQueue !== undefined ? { maxQueue: config.maxQueue } : {}),
    ...(config.maxWaitMs !== undefined ? { maxWaitMs: config.maxWaitMs } : {}),
    failpoint: config.failpoint,
    // x402 `exact` payments are settled on chain by this server: only with a wallet to pay the gas.
    exact: config.redeemWallet
      ? new ExactFacilitator({ client: publicClient, wallet: config.redeemWallet, chainId, usageChannels })
      : undefined,
  });

  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) =>
    errorResponse(c, new GatewayError("UNKNOWN_MODEL", `no route ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  let ready = false;
  app.get("/healthz", (c) => c.json({ ok: true, mode: config.mode }));
  app.get("/readyz", (c) => (ready ? c.json({ ready: true }) : c.json({ ready: false }, 503)));
  gatewayRoutes(app, {
    gateway,
    store,
    ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
  });

  let redeemer: Redeemer | undefined;
  if (config.redeemWallet) {
    const grace = await publicClient.readContract({
      address: usageChannels,
      abi: usageChannelsAbi,
      functionName: "GRACE",
    });
    redeemer = new Redeemer({
      ledger,
      store,
      wallet: config.redeemWallet,
      usageChannels,
      graceSeconds: grace,
      ...config.redeem,
      ...(config.log ? { log: config.log } : {}),
    });
    redeemer.start();
  }

  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host ?? "127.0.0.1", port: config.port ?? 0 }, (info) =>
      resolve({ server: s, port: info.port }),
    );
  });
  await catalogue.reload();
  ready = true;
  const url = `http://${config.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    port,
    app,
    gateway,
    ledger,
    store,
    redeemer,
    async close() {
      ready = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redeemer?.stop();
      await store.close();
      await pool?.close();
      db.close();
    },
  };
}
