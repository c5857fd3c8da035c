import type { Hono } from "hono";
import type { Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import type { Database } from "../db/database.ts";
import type { ServerConfig } from "../server.ts";
import { Executions } from "./execution.ts";
import { Hub } from "./hub.ts";
import { PowerReader } from "./power.ts";
import { RateLimiter } from "./rateLimit.ts";
import { ReceiptSigner } from "./receipts.ts";
import { hubRoutes } from "./routes.ts";
import { daoSpace, spacesOf } from "./spaces.ts";
import { HubStore } from "./store.ts";

/**
 * The key that signs the hub's receipts: `hubKey` if given, else one generated on first start and kept in the
 * database (a receipt proves this hub accepted a message; it holds no funds and authorises nothing on chain).
 */
async function receiptKey(db: Database, given: Hex | undefined): Promise<Hex> {
  if (given) return given;
  // Replicas starting together keep the first key written: the insert does nothing if a key is already there.
  await db.run("INSERT INTO meta (key, value) VALUES ('hub_receipt_key', ?) ON CONFLICT (key) DO NOTHING", [
    generatePrivateKey(),
  ]);
  const row = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'hub_receipt_key'");
  return (row as { value: string }).value as Hex;
}

/** Builds the governance hub on `app` (`POST /api/msg`, reads under `/api/hub`). */
export async function mountHub(
  app: Hono,
  db: Database,
  config: ServerConfig,
): Promise<{ hub: Hub; executions: Executions; close(): Promise<void> }> {
  const client = config.publicClient;
  const store = new HubStore(db);
  const hub = new Hub({
    chainId: config.deployment.chainId,
    spaces: await spacesOf(config.deployment, client),
    store,
    client,
    power: new PowerReader(client),
    signer: new ReceiptSigner(await receiptKey(db, config.hubKey)),
    ...(config.hubLimits ? { limits: config.hubLimits } : {}),
    discover: (id) => daoSpace(client, config.deployment.contracts.DAORegistry.address, BigInt(id.slice(4))),
    ...(config.hubClock ? { now: config.hubClock } : {}),
  });
  const executions = new Executions({
    hub,
    db,
    client,
    multiSendCallOnly: config.deployment.safeInfrastructure.multiSendCallOnlyAddress,
    now: hub.now,
  });
  hub.restoreSettings(await store.spaceSettings());
  hubRoutes(app, {
    executions,
    hub,
    limiter: new RateLimiter(config.requestsPerMinute ?? 100),
  });
  return {
    hub,
    executions,
    async close() {
      await store.flush();
    },
  };
}
