import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { freePort } from "@aidao/contracts/anvil";
import { parseDeployment } from "@aidao/sdk";

const DEV = join(import.meta.dirname, "dev.ts");

/** Starts `npm start`'s script and resolves once its output contains `ready`. */
function startUntil(env: Record<string, string>, ready: string) {
  return new Promise<{ child: ChildProcess; out: () => string; exited: Promise<number | null> }>((resolve, reject) => {
    const child = spawn(process.execPath, [DEV], { env: { ...process.env, ...env } });
    let out = "";
    const exited = new Promise<number | null>((r) => child.on("exit", r));
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${ready}":\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve({ child, out: () => out, exited });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`exited before "${ready}":\n${out}`));
    });
  });
}

describe("dev.ts (npm start, the main job)", () => {
  it("deploys once, serves the gateway, stops cleanly on Ctrl-C and resumes the same chain on the next start", async () => {
    const home = mkdtempSync(join(tmpdir(), "aidao-home-"));
    const gatewayPort = await freePort();
    const env = {
      AIDAO_HOME: home,
      AIDAO_CHAIN_PORT: String(await freePort()),
      AIDAO_GATEWAY_PORT: String(gatewayPort),
    };

    const first = await startUntil(env, "Press Ctrl-C to stop.");
    assert.match(first.out(), /deploying the protocol/);
    const deployment = parseDeployment(JSON.parse(readFileSync(join(home, "deployments", "31337.json"), "utf8")));
    assert.match(first.out(), new RegExp(`Staking\\s+${deployment.contracts.Staking.address}`));
    const models = (await (await fetch(`http://127.0.0.1:${gatewayPort}/v1/models`)).json()) as {
      usageChannels: string;
    };
    assert.equal(
      models.usageChannels,
      deployment.contracts.UsageChannels.address,
      "the gateway serves this deployment",
    );
    first.child.kill("SIGINT");
    assert.equal(await first.exited, 0);

    const second = await startUntil(env, "Press Ctrl-C to stop.");
    assert.match(second.out(), /resuming saved state/);
    assert.match(second.out(), /already deployed on this chain; reusing it/);
    assert.match(second.out(), new RegExp(`Staking\\s+${deployment.contracts.Staking.address}`));
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);
  });
});
