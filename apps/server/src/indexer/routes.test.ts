import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Hono } from "hono";
import { type Hex, parseEther } from "viem";
import { executeSafeTx } from "../hub/safe/execute.ts";
import { buildSafeTx, safeTxTypedData } from "../hub/safe/safeTx.ts";
import { readSafe } from "../hub/safe/signatures.ts";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { dev, type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { type Activity, protocolActivity, until } from "./fixture.ts";
import { type Indexer, startIndexer } from "./indexer.ts";
import { indexerRoutes } from "./routes.ts";
import type { EventRow } from "./store.ts";

type Frame = { event: string; id?: string; data: string };

/** Reads server-sent events frame by frame from a response body. */
function frames(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<Frame> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const raw = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (raw.startsWith(":")) continue; // keep-alive comment
          const frame: Frame = { event: "message", data: "" };
          for (const line of raw.split("\n")) {
            const i = line.indexOf(": ");
            const [k, v] = [line.slice(0, i), line.slice(i + 2)];
            if (k === "event") frame.event = v;
            else if (k === "id") frame.id = v;
            else if (k === "data") frame.data += v;
          }
          return frame;
        }
        const { done, value } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** The next frame that satisfies `match` (a bound on a hang: the stream is read, never timed). */
    async until(match: (f: Frame) => boolean, bound = 500): Promise<Frame> {
      for (let i = 0; i < bound; i++) {
        const f = await this.next();
        if (match(f)) return f;
      }
      throw new Error("no matching frame");
    },
    cancel: () => reader.cancel(),
  };
}

// One chain; the routes over an indexer on each engine in turn.
describe("indexerRoutes", () => {
  let stack: LocalStack;
  let activity: Activity;
  let safeTxHash: Hex;
  let executedIn: Hex;
  before(async () => {
    stack = await startLocalStack();
    activity = await protocolActivity(stack);
    // The protocol Safe executes a transaction (2 of its 3 owners sign; anyone sends it).
    const safe = stack.deployment.contracts.Safe.address;
    const { nonce } = await readSafe(stack.publicClient, safe);
    const prepared = buildSafeTx(
      { safe, chainId: 31337, transactions: [{ to: dev(18).address, value: 0n, data: "0x", operation: 0 }] },
      nonce,
    );
    const signatures = await Promise.all(
      [4, 5].map(async (i) => ({
        owner: dev(i).address,
        signature: await dev(i).signTypedData(safeTxTypedData(prepared)),
        kind: "eip712" as const,
      })),
    );
    const done = await executeSafeTx(stack.wallet(9), prepared, signatures, { publicClient: stack.publicClient });
    safeTxHash = prepared.hash;
    executedIn = done.txHash;
  });
  after(() => stack?.stop());

  for (const engine of ENGINES)
    describe(engine, () => {
      let t: TestDatabase;
      let indexer: Indexer;
      const app = new Hono();
      const get = async (path: string) => {
        const res = await app.request(path);
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };

      before(async () => {
        t = await testDatabase(engine);
        const db = t.db;
        indexer = startIndexer({
          db,
          publicClient: stack.publicClient,
          deployment: stack.deployment,
          confirmations: 4,
          pollIntervalMs: 20,
        });
        indexerRoutes(app, { indexer });
        const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
        await until(() => (indexer.status().indexed ?? -1) >= Number(head), "the indexer to catch up");
      });
      after(async () => {
        await indexer.stop();
        await t.drop();
      });

      it("GET /api/events pages through every event, in order, with no gap or repeat", async () => {
        const all = await indexer.store.events({ limit: 100_000 });
        assert.ok(all.length > 50);
        const seen: EventRow[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const r = await get(`/api/events?limit=17${cursor ? `&cursor=${cursor}` : ""}`);
          assert.equal(r.status, 200);
          const events = r.body.events as EventRow[];
          assert.ok(events.length <= 17);
          seen.push(...events);
          cursor = r.body.nextCursor as string | null;
          pages++;
        } while (cursor);
        assert.deepEqual(
          seen.map((e) => e.id),
          all.map((e) => e.id),
        );
        assert.equal(pages, Math.ceil(all.length / 17) + (all.length % 17 === 0 ? 1 : 0));
      });

      it("GET /api/safe-executions lists what the Safes executed, by Safe and by SafeTx hash", async () => {
        const safe = stack.deployment.contracts.Safe.address;
        const all = (await get("/api/safe-executions")).body.executions as Array<Record<string, unknown>>;
        assert.equal(all.length, 1);
        assert.equal(all[0]?.safeTxHash, safeTxHash);
        assert.equal(all[0]?.transactionHash, executedIn);
        assert.equal(all[0]?.success, true);
        assert.equal(all[0]?.safe, safe.toLowerCase());
        const byHash = await get(`/api/safe-executions?safeTxHash=${safeTxHash}&safe=${safe}`);
        assert.equal((byHash.body.executions as unknown[]).length, 1);
        const other = await get(`/api/safe-executions?safeTxHash=0x${"00".repeat(32)}`);
        assert.equal((other.body.executions as unknown[]).length, 0);
        assert.equal((await get("/api/safe-executions?safeTxHash=0x12")).status, 400);
      });

      it("GET /api/events filters by contract, event, address, DAO and block range", async () => {
        const opened = await get("/api/events?contract=UsageChannels&event=ChannelOpened");
        const rows = opened.body.events as EventRow[];
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.args.channelId, activity.channelId);
        assert.equal(rows[0]?.args.customer, dev(3).address);

        const dao = activity.dao.daoId.toString();
        const ofDao = (await get(`/api/events?dao=${dao}&limit=500`)).body.events as EventRow[];
        assert.ok(ofDao.length > 0);
        assert.ok(ofDao.every((e) => e.daoId === dao));
        assert.ok(ofDao.some((e) => e.event === "ProposalCreated"));

        const byAddress = (await get(`/api/events?address=${activity.dao.governor}`)).body.events as EventRow[];
        assert.ok(byAddress.length > 0);
        assert.ok(byAddress.every((e) => e.address === activity.dao.governor.toLowerCase()));

        const block = rows[0]?.blockNumber as number;
        const inRange = (await get(`/api/events?fromBlock=${block}&toBlock=${block}&limit=500`)).body
          .events as EventRow[];
        assert.ok(inRange.length > 0);
        assert.ok(inRange.every((e) => e.blockNumber === block));
        assert.deepEqual((await get("/api/events?event=NoSuchEvent")).body, { events: [], nextCursor: null });
      });

      it("GET /api/events answers 400 BAD_QUERY, naming the parameter, for a bad query", async () => {
        const cases = [
          { query: "limit=0", param: "limit" },
          { query: "limit=501", param: "limit" },
          { query: "limit=ten", param: "limit" },
          { query: "limit=1.5", param: "limit" },
          { query: "fromBlock=-1", param: "fromBlock" },
          { query: "fromBlock=10&toBlock=9", param: "toBlock" },
          { query: "cursor=abc", param: "cursor" },
          { query: "cursor=12", param: "cursor" },
          { query: "address=0x1234", param: "address" },
          { query: "dao=one", param: "dao" },
          { query: "contract=Robert%27)%3B--", param: "contract" },
          { query: "limti=10", param: "limti" },
        ];
        for (const c of cases) {
          const r = await get(`/api/events?${c.query}`);
          assert.equal(r.status, 400, c.query);
          const error = r.body.error as { code: string; param: string; message: string };
          assert.equal(error.code, "BAD_QUERY", c.query);
          assert.equal(error.param, c.param, c.query);
          assert.ok(error.message.length > 0);
        }
        for (const path of [
          "/api/proposals?limit=9999",
          "/api/channels?customer=me",
          "/api/daos?x=1",
          "/api/stream?after=x",
        ]) {
          assert.equal((await get(path)).status, 400, path);
        }
      });

      it("GET /api/daos, /api/proposals and /api/channels serve the projections", async () => {
        const daos = (await get("/api/daos")).body.daos as Array<{ daoId: string; name: string | null; mode: string }>;
        assert.deepEqual(
          daos.map((d) => d.daoId),
          ["1", "2", activity.dao.daoId.toString()],
        );
        assert.equal(daos[2]?.name, "Faces DAO");
        assert.equal(daos[2]?.mode, "OnChain");

        const proposals = await get(`/api/proposals?dao=${activity.dao.daoId}`);
        const [p] = proposals.body.proposals as Array<{ proposalId: string; status: string; votes: { for: string } }>;
        assert.equal(p?.proposalId, activity.proposalId.toString());
        assert.equal(p?.votes.for, parseEther("1000").toString());
        assert.equal(proposals.body.nextCursor, null);

        const channels = await get(`/api/channels?customer=${dev(3).address}&limit=1`);
        const [ch] = channels.body.channels as Array<{ channelId: string; deposit: string; status: string }>;
        assert.equal(ch?.channelId, activity.channelId);
        assert.equal(ch?.deposit, parseEther("15").toString());
        assert.equal(ch?.status, "open");
        assert.equal(typeof channels.body.nextCursor, "string", "a full page has a next cursor");
        const rest = await get(`/api/channels?customer=${dev(3).address}&cursor=${channels.body.nextCursor}`);
        assert.deepEqual(rest.body, { channels: [], nextCursor: null });
      });

      it("GET /api/status says how far the index is", async () => {
        const s = (await get("/api/status")).body;
        assert.equal(s.chainId, stack.deployment.chainId);
        assert.equal(s.phase, "live");
        assert.equal(s.lag, 0);
        assert.equal(s.finalized, (s.head as number) - 4);
        assert.equal(s.error, null);
      });

      it("GET /api/openapi.json describes every route in OpenAPI 3.1", async () => {
        const doc = (await get("/api/openapi.json")).body as {
          openapi: string;
          paths: Record<string, { get: { parameters?: Array<{ name: string; schema: { maximum?: number } }> } }>;
        };
        assert.equal(doc.openapi, "3.1.0");
        for (const path of [
          "events",
          "daos",
          "proposals",
          "channels",
          "safe-executions",
          "status",
          "stream",
          "openapi.json",
        ]) {
          assert.ok(doc.paths[`/api/${path}`]?.get, path);
        }
        const limit = doc.paths["/api/events"]?.get.parameters?.find((p) => p.name === "limit");
        assert.equal(limit?.schema.maximum, 500);
      });

      it("GET /api/stream pushes each newly indexed event, and a reorg on rewinds", async () => {
        const res = await app.request("/api/stream");
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("content-type"), "text/event-stream");
        const stream = frames(res.body as ReadableStream<Uint8Array>);
        try {
          await stream.until((f) => f.event === "ready");
          await stack.fund(dev(15).address, parseEther("7"));
          const pushed = await stream.until((f) => f.event === "event");
          const event = JSON.parse(pushed.data) as EventRow;
          assert.equal(event.event, "Transfer");
          assert.equal(event.args.to, dev(15).address);
          assert.equal(pushed.id, event.id);

          await stack.rpc("anvil_reorg", [1, []]);
          const reorg = JSON.parse((await stream.until((f) => f.event === "reorg")).data) as { ancestor: number };
          assert.equal(reorg.ancestor, event.blockNumber - 1);
        } finally {
          await stream.cancel();
        }
      });

      it("GET /api/stream with Last-Event-ID replays the stored events after it first", async () => {
        const all = await indexer.store.events({ limit: 100_000 });
        const from = all.at(-4) as EventRow;
        const res = await app.request("/api/stream", { headers: { "Last-Event-ID": from.id } });
        const stream = frames(res.body as ReadableStream<Uint8Array>);
        try {
          const replayed: string[] = [];
          for (;;) {
            const f = await stream.next();
            if (f.event === "ready") break;
            replayed.push(f.id as string);
          }
          assert.deepEqual(
            replayed,
            all.slice(-3).map((e) => e.id),
          );
        } finally {
          await stream.cancel();
        }
      });
    });
});
