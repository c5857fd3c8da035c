import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { UnitsRule } from "../gateway/catalogue.ts";
import { GatewayError } from "../gateway/errors.ts";
import type { ModelCall } from "./builtins.ts";
import { callUpstream } from "./upstream.ts";

type Seen = { method: string | undefined; headers: IncomingHttpHeaders; body: string };

const json = (res: ServerResponse, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(200, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
};

/** What the test upstream answers, by path. */
const routes: Record<string, (res: ServerResponse) => void> = {
  "/header": (res) => json(res, { ok: true }, { "X-Units": "4" }),
  "/header-spaced": (res) => json(res, { ok: true }, { "x-units": " 2 " }),
  "/header-zero": (res) => json(res, { ok: true }, { "X-Units": "0" }),
  "/faces": (res) => json(res, { faces: [{ x: 1 }, { x: 2 }, { x: 3 }] }),
  "/count": (res) => json(res, { a: { b: 7 } }),
  "/escaped": (res) => json(res, { "a/b": { "c~d": [1, 2] } }),
  "/top-array": (res) => json(res, [1, 2, 3, 4, 5]),
  "/text": (res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("plain words");
  },
  "/empty": (res) => {
    res.writeHead(204);
    res.end();
  },
  "/500": (res) => {
    res.writeHead(500, { "content-type": "application/json", "X-Units": "1" });
    res.end('{"error":"boom"}');
  },
  "/404": (res) => {
    res.writeHead(404);
    res.end("not here");
  },
  "/no-header": (res) => json(res, { ok: true }),
  "/nan-header": (res) => json(res, { ok: true }, { "X-Units": "abc" }),
  "/negative-header": (res) => json(res, { ok: true }, { "X-Units": "-2" }),
  "/fraction-header": (res) => json(res, { ok: true }, { "X-Units": "1.5" }),
  "/huge-header": (res) => json(res, { ok: true }, { "X-Units": "99999999999999999999" }),
  "/many-header": (res) => json(res, { ok: true }, { "X-Units": "6" }),
  "/negative-json": (res) => json(res, { a: { b: -1 } }),
  "/fraction-json": (res) => json(res, { a: { b: 2.5 } }),
  "/string-json": (res) => json(res, { a: { b: "3" } }),
  "/many-json": (res) => json(res, { faces: new Array(6).fill(0) }),
  "/never": () => {}, // never answers
  "/stalled-body": (res) => {
    res.writeHead(200, { "content-type": "application/json", "X-Units": "1" });
    res.write('{"partial": '); // and never ends
  },
};

describe("callUpstream against a local HTTP server", () => {
  let server: Server;
  let base: string;
  let refusedUrl: string;
  const seen: Seen[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString() });
        const route = routes[(req.url ?? "").split("?")[0] as string];
        if (route) route(res);
        else {
          res.writeHead(418);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const call = (maxUnits = 5, body = "{}", contentType: string | undefined = "application/json"): ModelCall => ({
    body: new TextEncoder().encode(body),
    contentType,
    maxUnits,
  });
  const header: UnitsRule = { kind: "header", name: "X-Units" };
  const pointer = (p: string): UnitsRule => ({ kind: "json", pointer: p });
  const fixed = (units: number): UnitsRule => ({ kind: "fixed", units });

  /** Asserts that the promise rejects with UPSTREAM_FAILED (502) and a message matching `message`. */
  const failsUpstream = (promise: Promise<unknown>, message: RegExp) =>
    assert.rejects(promise, (e: unknown) => {
      assert.ok(e instanceof GatewayError, `a GatewayError, not ${String(e)}`);
      assert.equal(e.code, "UPSTREAM_FAILED");
      assert.equal(e.status, 502);
      assert.match(e.message, message);
      return true;
    });

  describe("counting units", () => {
    it("reads the units from the response header the rule names, whatever its case", async () => {
      assert.deepEqual(await callUpstream(`${base}/header`, header, call(), 2000), { units: 4, result: { ok: true } });
      const lower: UnitsRule = { kind: "header", name: "x-units" };
      assert.equal((await callUpstream(`${base}/header`, lower, call(), 2000)).units, 4);
      assert.equal((await callUpstream(`${base}/header-spaced`, header, call(), 2000)).units, 2);
      assert.equal((await callUpstream(`${base}/header-zero`, header, call(), 2000)).units, 0);
    });

    it("counts the elements of the array a JSON pointer names", async () => {
      const r = await callUpstream(`${base}/faces`, pointer("/faces"), call(), 2000);
      assert.equal(r.units, 3);
      assert.deepEqual(r.result, { faces: [{ x: 1 }, { x: 2 }, { x: 3 }] });
      assert.equal((await callUpstream(`${base}/top-array`, pointer(""), call(), 2000)).units, 5);
      assert.equal((await callUpstream(`${base}/escaped`, pointer("/a~1b/c~0d"), call(), 2000)).units, 2);
    });

    it("reads the number a JSON pointer names", async () => {
      const r = await callUpstream(`${base}/count`, pointer("/a/b"), call(10), 2000);
      assert.deepEqual(r, { units: 7, result: { a: { b: 7 } } });
      assert.equal((await callUpstream(`${base}/faces`, pointer("/faces/0/x"), call(), 2000)).units, 1);
    });

    it("charges the fixed units of the rule for any successful answer, JSON or not", async () => {
      assert.deepEqual(await callUpstream(`${base}/text`, fixed(3), call(), 2000), { units: 3, result: "plain words" });
      assert.deepEqual(await callUpstream(`${base}/count`, fixed(1), call(), 2000), {
        units: 1,
        result: { a: { b: 7 } },
      });
      assert.deepEqual(await callUpstream(`${base}/empty`, fixed(2), call(), 2000), { units: 2, result: null });
    });

    it("allows exactly maxUnits units", async () => {
      assert.equal((await callUpstream(`${base}/many-header`, header, call(6), 2000)).units, 6);
      assert.equal((await callUpstream(`${base}/many-json`, pointer("/faces"), call(6), 2000)).units, 6);
    });

    it("POSTs the body with its content type and the call's maximum units", async () => {
      seen.length = 0;
      await callUpstream(`${base}/header`, header, call(5, '{"image":"abc"}', "application/json"), 2000);
      await callUpstream(
        `${base}/text`,
        fixed(1),
        { body: new TextEncoder().encode("raw"), contentType: undefined, maxUnits: 3 },
        2000,
      );
      assert.equal(seen.length, 2);
      assert.equal(seen[0]?.method, "POST");
      assert.equal(seen[0]?.body, '{"image":"abc"}');
      assert.equal(seen[0]?.headers["content-type"], "application/json");
      assert.equal(seen[0]?.headers["x-aidao-max-units"], "5");
      assert.equal(seen[1]?.headers["content-type"], "application/octet-stream");
      assert.equal(seen[1]?.headers["x-aidao-max-units"], "3");
      assert.equal(seen[1]?.body, "raw");
    });
  });

  describe("failures (UPSTREAM_FAILED, not charged)", () => {
    it("fails on a non-2xx answer, keeping the upstream status", async () => {
      for (const [path, status] of [
        ["/500", 500],
        ["/404", 404],
        ["/unknown", 418],
      ] as const) {
        await assert.rejects(callUpstream(`${base}${path}`, fixed(1), call(), 2000), (e: unknown) => {
          assert.ok(e instanceof GatewayError);
          assert.equal(e.code, "UPSTREAM_FAILED");
          assert.match(e.message, new RegExp(`answered ${status}`));
          assert.equal(e.details.upstreamStatus, status);
          return true;
        });
      }
    });

    it("fails when the units header is missing", async () => {
      await failsUpstream(callUpstream(`${base}/no-header`, header, call(), 2000), /header:X-Units/);
    });

    it("fails when the units header is not a non-negative integer", async () => {
      for (const path of ["/nan-header", "/negative-header", "/fraction-header", "/huge-header"]) {
        await failsUpstream(callUpstream(`${base}${path}`, header, call(), 2000), /does not state its units/);
      }
    });

    it("fails when the JSON pointer names a negative, fractional, non-numeric or missing value", async () => {
      await failsUpstream(callUpstream(`${base}/negative-json`, pointer("/a/b"), call(), 2000), /json:\/a\/b/);
      await failsUpstream(callUpstream(`${base}/fraction-json`, pointer("/a/b"), call(), 2000), /units/);
      await failsUpstream(callUpstream(`${base}/string-json`, pointer("/a/b"), call(), 2000), /units/);
      await failsUpstream(callUpstream(`${base}/count`, pointer("/a/missing"), call(), 2000), /units/);
      await failsUpstream(callUpstream(`${base}/count`, pointer("/a/b/c"), call(), 2000), /units/);
      await failsUpstream(callUpstream(`${base}/text`, pointer(""), call(), 2000), /units/);
    });

    it("fails when the upstream reports more units than the call's maximum", async () => {
      await failsUpstream(callUpstream(`${base}/many-header`, header, call(5), 2000), /6 units, above .* 5/);
      await failsUpstream(callUpstream(`${base}/many-json`, pointer("/faces"), call(5), 2000), /6 units/);
      await failsUpstream(callUpstream(`${base}/text`, fixed(2), call(1), 2000), /2 units/);
    });

    it("fails after timeoutMs when the upstream never answers", async () => {
      const startedAt = performance.now();
      await failsUpstream(callUpstream(`${base}/never`, fixed(1), call(), 200), /did not answer/);
      assert.ok(performance.now() - startedAt >= 150, "it waited for the timeout");
    });

    it("fails with UPSTREAM_FAILED after timeoutMs when the upstream stalls in the middle of its body", async () => {
      await failsUpstream(callUpstream(`${base}/stalled-body`, header, call(), 200), /upstream/);
    });

    it("fails when the connection is refused", async () => {
      await failsUpstream(callUpstream(refusedUrl, fixed(1), call(), 2000), /did not answer/);
    });
  });
});
