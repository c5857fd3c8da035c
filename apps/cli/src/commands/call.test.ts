import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { type RunningServer, startServer } from "@aidao/server";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { parseEther } from "viem";
import { main } from "../main.ts";

const require = createRequire(import.meta.url);
const photo = join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample5.jpg");

describe("aidao call <model> <file>", () => {
  let stack: LocalStack;
  let server: RunningServer<"gateway">;
  let args: string[];
  const dir = mkdtempSync(join(tmpdir(), "aidao-call-"));
  const home = mkdtempSync(join(tmpdir(), "aidao-home-"));

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    await stack.fund(dev(15).address, parseEther("100"));
    server = await startServer({
      mode: "gateway",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-call-db-")),
      builtins: ["face-detection"],
    });
    process.env.AIDAO_HOME = home;
    args = ["--rpc", stack.chain.rpcUrl, "--deployments", dir, "--gateway", server.url, "--dev-account", "15"];
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it("opens a channel, detects the faces in a photo and prints the charge per face", async () => {
    const r = await main(["call", "faces", photo, "--deposit", "20", ...args]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^5 faces found/);
    assert.match(r.out, /face 1: at \d+,\d+ size \d+x\d+ \(score 0\.\d+\)/);
    assert.match(r.out, /charged 5 faces x 1 = 5; channel total 5 of 20 deposited/);
  });

  it("pays the next call from the same channel, continuing its running total", async () => {
    const r = await main(["call", "faces", photo, "--json", ...args]);
    assert.equal(r.code, 0, r.out);
    const answer = JSON.parse(r.out) as { usage: { units: number; charged: string } };
    assert.equal(answer.usage.units, 5);
    assert.equal(answer.usage.charged, parseEther("10").toString());
  });

  it("refuses what cannot work, with exit code 2 and the reason", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["call", "faces"], /which model to call and with which file/],
      [["call", "faces", "/nonexistent.jpg"], /cannot read/],
      [["call", "nope", photo], /does not serve "nope"; it serves faces \(face\)/],
      [["call", "faces", photo, "--channel", "0x12"], /is not a channel id/],
    ];
    for (const [argv, message] of cases) {
      const r = await main([...argv, ...args]);
      assert.equal(r.code, 2, r.out);
      assert.match(r.out, message);
    }
    const unreachable = await main(["call", "faces", photo, ...args, "--gateway", "http://127.0.0.1:9"]);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.out, /cannot reach the gateway/);
  });

  it("says why the gateway refused a call, with exit code 1", async () => {
    const r = await main(["call", "faces", join(dirname(photo), "..", "README.md"), ...args]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /the gateway refused: UNSUPPORTED_MEDIA_TYPE: send a JPEG or PNG image/);
  });
});
