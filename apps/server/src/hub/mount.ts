import type { DatabaseSync } from "node:sqlite";
import type { Hono } from "hono";
import type { Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import type { ServerConfig } from "../server.ts";
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
function receiptKey(db: DatabaseSync, given: Hex | undefined): Hex {
  if (given) return given;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'hub_receipt_key'").get() as { value: string } | undefined;
  if (row) return row.value as Hex;
  const key = generatePrivateKey();
  db.prepare("INSERT INTO meta (key, value) VALUES ('hub_receipt_key', ?)").run(key);
  return key;
}

/** Builds the governance hub on `app` (`POST /api/msg`, reads under `/api/hub`). */
export async function mountHub(
  app: Hono,
  db: DatabaseSync,
  config: ServerConfig,
): Promise<{ hub: Hub; close(): Promise<void> }> {
  const client = config.publicClient;
  const store = new HubStore(db);
  const hub = new Hub({
    chainId: config.deployment.chainId,
    spaces: await spacesOf(config.deployment, client),
    store,
    client,
    power: new PowerReader(client),
    signer: new ReceiptSigner(receiptKey(db, config.hubKey)),
    ...(config.hubLimits ? { limits: config.hubLimits } : {}),
    discover: (id) => daoSpace(client, config.deployment.contracts.DAORegistry.address, BigInt(id.slice(4))),
  });
  hubRoutes(app, { hub, limiter: new RateLimiter(config.requestsPerMinute ?? 100) });
  return {
    hub,
    async close() {
      store.flush();
    },
  };
}
