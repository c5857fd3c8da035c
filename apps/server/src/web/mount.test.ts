import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CONTRACT_NAMES, type Deployment, parseDeployment } from "@aidao/sdk";
import { Hono } from "hono";
import { mountWeb } from "./mount.ts";

const deployment: Deployment = {
  chainId: 31337,
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  contracts: Object.fromEntries(
    CONTRACT_NAMES.map((name, i) => [
      name,
      { address: `0x${(i + 1).toString(16).padStart(40, "0")}` as const, block: BigInt(i + 10) },
    ]),
  ) as Deployment["contracts"],
  safeInfrastructure: {},
};

function built() {
  const dist = mkdtempSync(join(tmpdir(), "aidao-web-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><div id=root></div>");
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(dist, "robots.txt"), "User-agent: *");
  return dist;
}

function app(dist: string) {
  const a = new Hono();
  a.get("/api/status", (c) => c.json({ ok: true }));
  mountWeb(a, deployment, {
    rpcUrl: "http://127.0.0.1:8545",
    dist,
    accounts: [{ address: deployment.deployer, label: "deployer" }],
  });
  a.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: "no route" } }, 404));
  return a;
}

describe("the web app's routes", () => {
  const a = app(built());

  it("tells the app its chain, RPC, deployment (as the deployments file has it) and demo accounts", async () => {
    const config = (await (await a.request("/api/app/config")).json()) as Record<string, unknown>;
    assert.equal(config.chainId, 31337);
    assert.equal(config.rpcUrl, "http://127.0.0.1:8545");
    assert.equal(config.local, true);
    assert.equal(config.space, "aidao");
    assert.deepEqual(config.accounts, [{ address: deployment.deployer, label: "deployer" }]);
    assert.deepEqual(parseDeployment(config.deployment), deployment, "the SDK reads it back unchanged");
  });

  it("serves hashed assets for good and index.html for every page path, never cached", async () => {
    const asset = await a.request("/assets/index-abc123.js");
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get("content-type") ?? "", /text\/javascript/);
    assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
    for (const path of ["/", "/stake", "/daos/3", "/proposals/onchain/12"]) {
      const page = await a.request(path);
      assert.equal(page.status, 200, path);
      assert.match(await page.text(), /<div id=root>/, path);
      assert.equal(page.headers.get("cache-control"), "no-cache", path);
    }
  });

  it("keeps API paths and missing files out of the page fallback", async () => {
    assert.equal((await a.request("/api/status")).status, 200, "earlier routes still answer");
    for (const path of ["/api/nothing", "/v1/nothing", "/assets/missing.js", "/favicon.ico"]) {
      const r = await a.request(path);
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(await r.text(), /<div id=root>/, path);
    }
  });

  it("never serves a file outside its directory", async () => {
    const secret = `aidao-secret-${process.pid}.txt`;
    writeFileSync(join(tmpdir(), secret), "SECRET");
    for (const path of [`/..%2F${secret}`, `/assets/..%2F..%2F${secret}`, "/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd"]) {
      const text = await (await a.request(path)).text();
      assert.doesNotMatch(text, /SECRET|root:/, path);
    }
  });

  it("says how to build the app when it is not built", async () => {
    const page = await app(join(tmpdir(), "aidao-no-such-dist")).request("/stake");
    assert.equal(page.status, 200);
    assert.match(await page.text(), /not built.*npm run build/s);
  });
});
