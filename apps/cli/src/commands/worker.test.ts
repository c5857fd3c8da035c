import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { type RunningServer, startServer } from "@aidao/server";
import { type LocalStack, startLocalStack } from "@aidao/server/testing";
import { parseEther } from "viem";
import { connect } from "../context.ts";
import { workerCommands } from "./worker.ts";

describe("aidao contribute / aidao jobs", () => {
  let stack: LocalStack;
  let server: RunningServer<"worker">;
  const dir = mkdtempSync(join(tmpdir(), "aidao-worker-cli-"));
  const photo = join(dir, "alice.jpg");
  writeFileSync(photo, "not really a jpeg, but bytes all the same");
  const run = async (name: string, options: Record<string, string | boolean>, account = "4") => {
    const command = workerCommands[name];
    if (!command) throw new Error(`no command ${name}`);
    const ctx = await connect({ rpc: stack.chain.rpcUrl, deployments: dir, "dev-account": account });
    return command.run(ctx, { server: server.url, ...options }, []);
  };

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    await stack.stake(4, parseEther("250"));
    server = await startServer({
      mode: "worker",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-worker-cli-db-")),
    });
    await server.worker.runner.stop();
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it("contribute signs and uploads a labelled photo", async () => {
    const out = await run("contribute", {
      dao: "1",
      model: stack.modelId.toString(),
      file: photo,
      role: "Data",
      licence: "CC-BY-4.0",
      label: "alice",
    });
    assert.match(out, /^contribution 1 submitted to model \d+ of DAO 1/);
    assert.match(out, /image\/jpeg/);
    assert.match(out, /label "alice"/);
  });

  it("contribute explains what is wrong", async () => {
    await assert.rejects(
      run("contribute", { dao: "1", model: "1", file: photo, role: "Chef", licence: "MIT" }),
      /--role/,
    );
    await assert.rejects(
      run("contribute", { dao: "1", model: "1", file: join(dir, "nope"), licence: "MIT" }),
      /no such file/,
    );
    await assert.rejects(
      run("contribute", { dao: "1", model: stack.modelId.toString(), file: photo, licence: "MIT", label: "alice" }),
      /DUPLICATE_CONTRIBUTION|BAD_SIGNATURE/,
    );
  });

  it("jobs submit / list / show / logs / cancel / retry", async () => {
    const submitted = await run("jobs submit", {
      dao: "1",
      model: stack.modelId.toString(),
      kind: "checksum",
      params: '{"contributions":"submitted"}',
      json: true,
    });
    const job = JSON.parse(submitted) as { id: number; stake: string; state: string };
    assert.equal(job.state, "queued");
    assert.equal(job.stake, parseEther("250").toString());
    assert.match(await run("jobs list", { dao: "1" }), new RegExp(`${job.id}\\s+queued`));
    await server.worker.runner.drain();
    const shown = await run("jobs show", { id: String(job.id) });
    assert.match(shown, /succeeded/);
    assert.match(shown, /metrics {2}inputs=1 bytes=\d+/);
    assert.match(await run("jobs logs", { id: String(job.id) }), /hashed [0-9a-f]{64}/);
    await assert.rejects(run("jobs cancel", { id: String(job.id) }), /JOB_NOT_CANCELLABLE/);
    await assert.rejects(run("jobs submit", { dao: "1", model: "1", kind: "checksum", params: "[1]" }), /--params/);
    const second = JSON.parse(
      await run("jobs submit", { dao: "1", model: stack.modelId.toString(), kind: "checksum", json: true }),
    ) as { id: number };
    await assert.rejects(run("jobs cancel", { id: String(second.id) }, "5"), /BAD_SIGNATURE/);
    assert.match(await run("jobs cancel", { id: String(second.id) }), /cancelled/);
    assert.match(await run("jobs retry", { id: String(second.id) }), /queued again/);
  });
});
