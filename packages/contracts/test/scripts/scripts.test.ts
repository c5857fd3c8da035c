import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseDeployment } from "@aidao/sdk";
import { startAnvil } from "../../deploy/anvil.ts";

const scripts = join(import.meta.dirname, "..", "..", "scripts");
/** anvil's first well-known test key (public; funded only on local chains). */
const ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** Runs a script to completion and returns its exit code and output. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [join(scripts, script), ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("scripts/deploy.ts", async () => {
  const chain = await startAnvil();
  after(() => chain.stop());
  const out = mkdtempSync(join(tmpdir(), "aidao-deployments-"));
  const config = join(import.meta.dirname, "..", "..", "deploy", "example.config.json");

  it("deploys to the RPC and writes deployments/<chainId>.json", async () => {
    const result = await run("deploy.ts", ["--rpc", chain.rpcUrl, "--config", config, "--out", out], {
      AIDAO_DEPLOYER_KEY: ANVIL_KEY_0,
    });
    assert.equal(result.code, 0, result.out);
    const deployment = parseDeployment(JSON.parse(readFileSync(join(out, "31337.json"), "utf8")));
    assert.match(result.out, new RegExp(deployment.contracts.AIDAOGovernor.address));
  });

  const broken = join(out, "broken.json");
  writeFileSync(broken, "{ not json");
  const noSafe = join(out, "no-safe.json");
  const example = JSON.parse(readFileSync(config, "utf8")) as Record<string, unknown>;
  writeFileSync(noSafe, JSON.stringify({ ...example, safe: { owners: [], threshold: 1 } }));
  const lowEducation = join(out, "low-education.json");
  writeFileSync(lowEducation, JSON.stringify({ ...example, educationBps: 500 }));
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ["no --rpc", ["--config", config], { AIDAO_DEPLOYER_KEY: ANVIL_KEY_0 }, /--rpc URL is required/],
    ["no --config", ["--rpc", chain.rpcUrl], { AIDAO_DEPLOYER_KEY: ANVIL_KEY_0 }, /--config FILE is required/],
    ["no key", ["--rpc", chain.rpcUrl, "--config", config], { AIDAO_DEPLOYER_KEY: "" }, /set AIDAO_DEPLOYER_KEY/],
    ["a malformed key", ["--rpc", chain.rpcUrl, "--config", config], { AIDAO_DEPLOYER_KEY: "0x12" }, /64 hex digits/],
    [
      "an unreadable config",
      ["--rpc", chain.rpcUrl, "--config", broken],
      { AIDAO_DEPLOYER_KEY: ANVIL_KEY_0 },
      /cannot read/,
    ],
    [
      "a Safe threshold above its owners",
      ["--rpc", chain.rpcUrl, "--config", noSafe],
      { AIDAO_DEPLOYER_KEY: ANVIL_KEY_0 },
      /safe\.threshold must be at most the number of owners/,
    ],
    [
      "an education rate below 8%",
      ["--rpc", chain.rpcUrl, "--config", lowEducation],
      { AIDAO_DEPLOYER_KEY: ANVIL_KEY_0 },
      /educationBps must be an integer >= 800/,
    ],
    [
      "an unreachable RPC",
      ["--rpc", "http://127.0.0.1:1", "--config", config],
      { AIDAO_DEPLOYER_KEY: ANVIL_KEY_0 },
      /cannot reach/,
    ],
  ];
  for (const [name, args, env, message] of cases) {
    it(`refuses ${name} with a clear message and exit code 2`, async () => {
      const result = await run("deploy.ts", args, env);
      assert.equal(result.code, 2, result.out);
      assert.match(result.out, message);
    });
  }
});
