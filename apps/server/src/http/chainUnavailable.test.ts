import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http } from "viem";
import { chainUnavailable } from "./chainUnavailable.ts";

/** What a fake RPC endpoint answers, by path: an HTTP status and a body. */
const ANSWERS: Record<string, { status: number; body: unknown }> = {
  "/overloaded": { status: 503, body: { jsonrpc: "2.0", id: 0, error: { code: -32603, message: "upstream timeout" } } },
  "/rate-limited": { status: 429, body: "Too Many Requests" },
  "/limit-exceeded": {
    status: 200,
    body: { jsonrpc: "2.0", id: 0, error: { code: -32005, message: "daily request count exceeded" } },
  },
  "/bad-key": { status: 401, body: "invalid project id" },
  "/wrong-url": { status: 404, body: "Not Found" },
  "/reverted": { status: 200, body: { jsonrpc: "2.0", id: 0, error: { code: 3, message: "execution reverted" } } },
};

describe("chainUnavailable", () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      const answer = ANSWERS[req.url ?? ""] ?? { status: 500, body: "" };
      req.resume();
      req.on("end", () => {
        const text = typeof answer.body === "string";
        res.writeHead(answer.status, { "content-type": text ? "text/plain" : "application/json" });
        res.end(text ? answer.body : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The error a real viem client throws for a read against `url` (no retries). */
  const failure = (url: string) =>
    createPublicClient({ transport: http(url, { retryCount: 0, timeout: 2_000 }) })
      .getBlockNumber({ cacheTime: 0 })
      .then(
        () => assert.fail(`${url} answered`),
        (e: unknown) => e,
      );

  it("says so when the endpoint refused, was overloaded, or rate-limited the request", async () => {
    assert.match(chainUnavailable(await failure("http://127.0.0.1:1")) ?? "", /did not answer: .*retry shortly/);
    assert.match(chainUnavailable(await failure(`${base}/overloaded`)) ?? "", /did not answer \(HTTP 503\)/);
    assert.match(chainUnavailable(await failure(`${base}/rate-limited`)) ?? "", /did not answer \(HTTP 429\)/);
    assert.match(chainUnavailable(await failure(`${base}/limit-exceeded`)) ?? "", /did not answer/);
  });

  it("does not for a misconfigured endpoint (a retry will not mend it) or the node's own answer", async () => {
    assert.equal(chainUnavailable(await failure(`${base}/bad-key`)), undefined);
    assert.equal(chainUnavailable(await failure(`${base}/wrong-url`)), undefined);
    assert.equal(chainUnavailable(await failure(`${base}/reverted`)), undefined);
    assert.equal(chainUnavailable(new Error("anything else")), undefined);
  });
});
