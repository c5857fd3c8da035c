import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { type RunningServer, startServer } from "@aidao/server";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { parseEther } from "viem";
import { main } from "../main.ts";

describe("aidao status", () => {
  let stack: LocalStack;
  let server: RunningServer<"all">;
  let args: string[];
  /** A local port nothing listens on. */
  let closed: string;
  const dir = mkdtempSync(join(tmpdir(), "aidao-status-cli-"));

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    await stack.stake(5, parseEther("200000"));
    await stack.travel(7 * 86_400 + 10);
    args = ["--rpc", stack.chain.rpcUrl, "--deployments", dir];
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closed = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const proposed = await main([
      "propose",
      "--title",
      "Pay the auditor",
      "--call",
      `${stack.token}:transfer(address,uint256):${dev(9).address},10e18`,
      "--dev-account",
      "5",
      ...args,
    ]);
    assert.equal(proposed.code, 0, proposed.out);
    server = await startServer({
      mode: "all",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-status-cli-db-")),
      builtins: ["echo"],
      indexer: { confirmations: 0, pollIntervalMs: 100 },
    });
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it("reports the chain, the deployment, balances, DAOs, open proposals and the server", async () => {
    const r = await main(["status", "--server", server.url, ...args]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^chain {8}31337 at http:\/\/127\.0\.0\.1:\d+, block \d+, \d{4}-\d\d-\d\dT/);
    assert.match(r.out, /deployment {3}37 contracts, all with code/);
    assert.match(r.out, new RegExp(`AIDAOGovernor {7}${stack.deployment.contracts.AIDAOGovernor.address}\\n`));
    assert.match(r.out, /token {8}supply 1000000000 AIDAO/);
    assert.match(r.out, /staking {6}200000 AIDAO staked, 200000 AIDAO matured \(voting supply\), minimum period 7 d/);
    assert.match(r.out, /treasury {5}\d+ AIDAO, 0 ETH \(8% of income goes to education\)/);
    assert.match(r.out, /education {4}0 AIDAO, 0 ETH/);
    assert.match(r.out, /DAOs {9}2 \(the main DAO is 1\)/);
    assert.match(r.out, /proposals {4}1 open of 1 \(1 Pending\): aidao proposals --state open/);
    assert.match(r.out, new RegExp(`server {7}${server.url}: healthy, mode all, ready`));
    assert.match(r.out, /indexer {4}(backfill|live|starting): indexed/);
    assert.match(r.out, /hub {8}chain 31337, spaces aidao/);
  });

  it("says when the server cannot be reached, without failing", async () => {
    const r = await main(["status", "--server", closed, ...args]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`server {7}${closed} not reachable \\(ECONNREFUSED\\)`));
    const data = JSON.parse((await main(["status", "--server", closed, "--json", ...args])).out);
    assert.equal(data.server.reachable, false);
    assert.equal(data.chain.chainId, 31337);
    assert.deepEqual(data.deployment.missing, []);
    assert.equal(data.daos, "2");
    assert.equal(data.proposals.open.length, 1);
  });

  it("flags contracts of the deployment file that have no code on this chain", async () => {
    const other = mkdtempSync(join(tmpdir(), "aidao-status-cli-other-"));
    const file = JSON.parse(readFileSync(join(dir, "31337.json"), "utf8"));
    file.contracts.ModelRegistry.address = dev(12).address;
    writeFileSync(join(other, "31337.json"), JSON.stringify(file));
    const r = await main(["status", "--server", closed, "--rpc", stack.chain.rpcUrl, "--deployments", other]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /deployment {3}NO CODE at 1 of 37 contracts \(ModelRegistry\)/);
    assert.match(r.out, new RegExp(`ModelRegistry {7}${dev(12).address} {2}\\(no code\\)`));
  });
});
