import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type RunningServer, startServer } from "./server.ts";
import { type LocalStack, startLocalStack } from "./testing/localStack.ts";

describe("the server in mode all (what npm start runs)", () => {
  let stack: LocalStack;
  let server: RunningServer<"all">;

  before(async () => {
    stack = await startLocalStack();
    server = await startServer({
      mode: "all",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-all-")),
      builtins: ["echo"],
      indexer: { confirmations: 0, pollIntervalMs: 100 },
    });
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it("serves the gateway, the hub and the indexer from one app and one database", async () => {
    const get = (path: string) => fetch(`${server.url}${path}`);
    assert.equal((await get("/v1/models")).status, 200);
    assert.equal(((await (await get("/api/hub")).json()) as { chainId: number }).chainId, 31337);
    const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    await server.indexer.whenIndexed(head);
    const status = (await (await get("/api/status")).json()) as { indexed: number };
    assert.ok(status.indexed >= Number(head), JSON.stringify(status));
    const events = (await (await get("/api/events?limit=5")).json()) as { events: unknown[] };
    assert.equal(events.events.length, 5, "the protocol's deployment is indexed");
    // The hub's route under /api keeps the hub's errors (Snapshot's shape), beside the indexer's routes.
    const bad = await fetch(`${server.url}/api/msg`, { method: "POST", body: "{" });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, "client_error");
  });
});
