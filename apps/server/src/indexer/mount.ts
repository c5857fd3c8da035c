import type { Deployment } from "@aidao/sdk";
import type { Hono } from "hono";
import type { PublicClient } from "viem";
import type { Database } from "../db/database.ts";
import { type Indexer, type IndexerOptions, startIndexer } from "./indexer.ts";
import { indexerRoutes } from "./routes.ts";

export type IndexerMountConfig = {
  publicClient: PublicClient;
  deployment: Deployment;
  indexer?: Omit<IndexerOptions, "db" | "publicClient" | "deployment">;
  log?: (message: string) => void;
};

/**
 * Starts the indexer on `db` and mounts its read API under `/api` on `app`. `close()` stops it (ending open event
 * streams, so the HTTP server can close) after the range in progress is written.
 */
export function mountIndexer(
  app: Hono,
  db: Database,
  config: IndexerMountConfig,
): { indexer: Indexer; close(): Promise<void> } {
  const indexer = startIndexer({
    db,
    publicClient: config.publicClient,
    deployment: config.deployment,
    ...(config.log ? { log: config.log } : {}),
    ...config.indexer,
  });
  indexerRoutes(app, { indexer });
  return { indexer, close: () => indexer.stop() };
}
