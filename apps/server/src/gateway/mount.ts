import { availableParallelism } from "node:os";
import { modelRegistryAbi, usageChannelsAbi } from "@aidao/sdk";
import type { Hono } from "hono";
import type { Database } from "../db/database.ts";
import { type BuiltinModel, echoModel, faceDetectionModel, faceRecognitionModel } from "../models/builtins.ts";
import { ClassifierSource } from "../models/classifiers.ts";
import { FaceDetector } from "../models/faceDetection.ts";
import { FaceRecognizer } from "../models/faceRecognition.ts";
import type { ServerConfig } from "../server.ts";
import { openArtifactStore } from "../worker/artifacts/openStore.ts";
import { Catalogue } from "./catalogue.ts";
import { ExactFacilitator } from "./exact.ts";
import { Gateway } from "./gateway.ts";
import { ChannelLedger } from "./ledger.ts";
import { Redeemer } from "./redeemer.ts";
import { gatewayRoutes } from "./routes.ts";
import { StakerPriority } from "./stakers.ts";
import { GatewayStore } from "./store.ts";
import { VoucherVerifier, VoucherVerifierPool } from "./voucherVerifier.ts";

/** The gateway's parts, for tests and tools. */
export type GatewayParts = {
  gateway: Gateway;
  ledger: ChannelLedger;
  store: GatewayStore;
  redeemer: Redeemer | undefined;
};

/** Builds the metered gateway on `app` (its routes under /v1 and /facilitator); `start` begins serving. */
export async function mountGateway(
  app: Hono,
  db: Database,
  path: string,
  config: ServerConfig,
): Promise<{ parts: GatewayParts; start(): Promise<void>; close(): Promise<void> }> {
  const { publicClient, deployment } = config;
  const chainId = deployment.chainId;
  const usageChannels = deployment.contracts.UsageChannels.address;
  const store = new GatewayStore(
    db,
    path,
    config.durability,
    config.writer ?? (availableParallelism() <= 2 ? "inline" : "thread"),
  );
  const verifier = new VoucherVerifier(chainId, usageChannels);
  const threads = config.verifierThreads ?? Math.max(1, availableParallelism() - 1);
  const pool = threads > 0 ? new VoucherVerifierPool(verifier, threads) : undefined;
  // On PostgreSQL several replicas may serve: each channel is served under a lease (on SQLite, one process serves).
  const leases =
    db.dialect === "postgres"
      ? {
          db,
          owner: config.replicaId ?? "gateway",
          ...(config.leaseMs !== undefined ? { ttlMs: config.leaseMs } : {}),
        }
      : undefined;
  const ledger = new ChannelLedger({ client: publicClient, usageChannels, store, verifier, pool, leases });

  const wanted = new Set<string>(config.builtins ?? ["echo", "face-detection", "face-recognition"]);
  const builtins: BuiltinModel[] = [];
  if (wanted.has("echo")) builtins.push(echoModel);
  if (wanted.has("face-detection")) builtins.push(faceDetectionModel(await FaceDetector.load()));
  if (wanted.has("face-recognition")) {
    // The classifiers the worker trained, from the same artifact store, by the content hash of the served version.
    const modelRegistry = deployment.contracts.ModelRegistry.address;
    const classifiers = new ClassifierSource({
      store: openArtifactStore(config.artifacts, config.dataDir),
      versionHash: async (modelId, versionId) =>
        (
          await publicClient.readContract({
            address: modelRegistry,
            abi: modelRegistryAbi,
            functionName: "version",
            args: [modelId, versionId],
          })
        ).contentHash,
    });
    builtins.push(faceRecognitionModel(await FaceRecognizer.load(), classifiers));
  }

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
    concurrency: config.concurrency ?? { "face-detection": 1, "face-recognition": 1 },
    ...(config.maxQueue !== undefined ? { maxQueue: config.maxQueue } : {}),
    ...(config.maxWaitMs !== undefined ? { maxWaitMs: config.maxWaitMs } : {}),
    failpoint: config.failpoint,
    // x402 `exact` payments are settled on chain by this server: only with a wallet to pay the gas.
    exact: config.redeemWallet
      ? new ExactFacilitator({ client: publicClient, wallet: config.redeemWallet, chainId, usageChannels })
      : undefined,
  });
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
  }
  return {
    parts: { gateway, ledger, store, redeemer },
    async start() {
      redeemer?.start();
      await catalogue.reload();
    },
    async close() {
      await redeemer?.stop();
      await store.close();
      await ledger.close();
      await pool?.close();
    },
  };
}
