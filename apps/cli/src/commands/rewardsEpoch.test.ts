import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { readChannel, redeemVouchers, rewardsDistributorAbi, signVoucher } from "@aidao/sdk";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { encodeFunctionData, type Hex, parseEther } from "viem";
import { type Context, connect } from "../context.ts";
import { UsageError } from "../errors.ts";
import { readClaimFile } from "./rewards.ts";
import { rewardsEpochCommands } from "./rewardsEpoch.ts";

const DAY = 86_400;
const run = (name: string, ctx: Context, o: Record<string, string | boolean>) => {
  const command = rewardsEpochCommands[name];
  if (!command) throw new Error(`no command ${name}`);
  return command.run(ctx, o, []);
};

describe("aidao rewards epoch compute, propose, verify", () => {
  let stack: LocalStack;
  let ctx: Context;
  let proposer: Context;
  let worker: Server;
  let workerUrl: string;
  let range: { "from-block": string; "to-block": string };
  const dir = mkdtempSync(join(tmpdir(), "aidao-rewards-epoch-"));
  const photographer = dev(13).address;
  let published: unknown[] = [];

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    // What a worker publishes at GET /api/worker/contributions (the route is the worker's; this serves its shape).
    worker = createServer((req, res) => {
      const ok = req.url?.startsWith("/api/worker/contributions?status=accepted");
      res.writeHead(ok ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { contributions: published } : { error: "not found" }));
    });
    await new Promise<void>((resolve) => worker.listen(0, "127.0.0.1", resolve));
    workerUrl = `http://127.0.0.1:${(worker.address() as AddressInfo).port}`;

    await stack.fund(dev(7).address, parseEther("50"));
    const channelId = await stack.open(7, stack.endpoints.face as bigint, parseEther("10"));
    await stack.travel(60);
    const from = (await stack.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    const c = await readChannel(stack.publicClient, { usageChannels: stack.usageChannels, channelId });
    const cumulativeAmount = parseEther("4");
    const signature = await signVoucher(stack.wallet(7), {
      usageChannels: stack.usageChannels,
      chainId: 31337,
      channelId,
      token: c.token,
      recipient: c.recipient,
      cumulativeAmount,
    });
    await redeemVouchers(stack.wallet(0), {
      usageChannels: stack.usageChannels,
      vouchers: [{ channelId, cumulativeAmount, signature }],
    });
    await stack.travel(60);
    const to = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    const acceptedAt = Number((await stack.publicClient.getBlock({ blockNumber: to })).timestamp) * 1000;
    published = [
      {
        id: 1,
        daoId: "1",
        modelId: "1",
        contributor: photographer,
        kind: "data",
        artifact: "ab",
        status: "accepted",
        acceptedAt,
      },
      {
        id: 2,
        daoId: "1",
        modelId: "1",
        contributor: photographer,
        kind: "data",
        artifact: "cd",
        status: "submitted",
        acceptedAt: null,
      },
    ];
    range = { "from-block": from.toString(), "to-block": to.toString() };
    ctx = await connect({ rpc: stack.chain.rpcUrl, deployments: dir });
    proposer = await connect({ rpc: stack.chain.rpcUrl, deployments: dir, "dev-account": "8" });
  });
  after(async () => {
    worker?.close();
    await stack?.stop();
  });

  it("compute prints each contributor's reward and writes the tree contributors claim from", async () => {
    const out = join(dir, "epoch-0.json");
    const text = await run("rewards epoch compute", ctx, {
      epoch: "0",
      ...range,
      budget: "1000",
      worker: workerUrl,
      out,
    });
    assert.match(text, /^epoch 0: blocks \d+–\d+/);
    assert.match(text, /1 revenue split, 1 accepted contribution \(from http:\/\/127\.0\.0\.1:\d+\)/);
    assert.match(
      text,
      /total {4}1000 AIDAO of a 1000 AIDAO budget \(usage 800 AIDAO of 800 AIDAO, contributions 200 AIDAO of 200 AIDAO\)/,
    );
    // Model 1's contributors: data 20%, model 10% of 4 AIDAO of revenue → 800 AIDAO in 2:1 (the dust wei to the larger remainder, .67); the photographer's photo → 200.
    assert.match(text, new RegExp(`${photographer} +200 AIDAO {3}usage 0, contributions 200`));
    assert.match(text, new RegExp(`${dev(11).address} +266\\.666666666666666667 AIDAO`));
    const claim = readClaimFile(out, { epoch: 0n, account: () => photographer });
    assert.equal(claim.amount, parseEther("200"));

    const doc = JSON.parse(
      await run("rewards epoch compute", ctx, { epoch: "0", ...range, budget: "1000", worker: workerUrl, json: true }),
    );
    assert.equal(doc.format, "aidao-rewards-epoch-v1");
    assert.equal(doc.total, parseEther("1000").toString());
    assert.equal(doc.root, JSON.parse(readFileSync(out, "utf8")).tree[0]);
    assert.equal(doc.claims.length, 3);
  });

  it("refuses bad options with a usage error", async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ epoch: "0", ...range }, /--worker URL/],
      [{ epoch: "0", ...range, worker: "ftp://x" }, /not an http\(s\) URL/],
      [{ epoch: "0", ...range, worker: "none", weights: "photos=2" }, /"photos" is not data, model or code/],
      [{ epoch: "0", ...range, worker: "none", "token-weights": "0xnope=2" }, /not an address/],
      [
        { epoch: "0", ...range, worker: "none", "usage-bps": "10001" },
        /--usage-bps must be an integer from 0 to 10000/,
      ],
      [{ epoch: "0", "from-block": "1", worker: "none" }, /--to-block is required/],
      [{ epoch: "0", "from-block": "1", "to-block": "99999999", worker: "none" }, /not mined yet/],
      [{ ...range, worker: "none" }, /--epoch is required/],
    ];
    for (const [o, message] of cases) {
      await assert.rejects(
        run("rewards epoch compute", ctx, o),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        JSON.stringify(o),
      );
    }
  });

  it("propose puts the epoch to the main DAO's vote; once posted, verify recomputes its root from public data", async () => {
    await stack.stake(8, parseEther("200000"));
    await stack.travel(7 * DAY + 60);
    const options = { epoch: "0", ...range, budget: "1000", worker: workerUrl };
    const r = JSON.parse(await run("rewards epoch propose", proposer, { ...options, json: true }));
    assert.match(r.proposalId, /^\d+$/);
    assert.equal(r.call.target, stack.deployment.contracts.RewardsDistributor.address);
    // The vote itself is the governance tests'; the timelock executes the proposal's one call.
    await stack.asDAO({ target: r.call.target, data: r.call.data });
    const ok = await run("rewards epoch verify", ctx, { epoch: "0" });
    assert.match(ok, /^epoch 0 matches: root 0x[0-9a-f]{64}, total 1000 AIDAO/);
    assert.match(ok, /1 accepted contribution \(from http:\/\/127\.0\.0\.1/);
  });

  it("verify names the first difference when the posted epoch is not what its data gives", async () => {
    // Epoch 1 claims the same URI (same data) but a tree that pays the photographer more.
    const epoch0 = JSON.parse(await run("rewards epoch verify", ctx, { epoch: "0", json: true }));
    const tree = epoch0.recomputed.tree;
    const { StandardMerkleTree } = await import("@openzeppelin/merkle-tree");
    const leaves = (tree.values as Array<{ value: [string, string] }>).map(
      ({ value: [a, amount] }) =>
        [a, a === photographer ? (BigInt(amount) + 1n).toString() : amount] as [string, string],
    );
    const liar = StandardMerkleTree.of(leaves, ["address", "uint256"]);
    await stack.asDAO({
      target: stack.deployment.contracts.RewardsDistributor.address,
      data: encodeFunctionData({
        abi: rewardsDistributorAbi,
        functionName: "postEpoch",
        args: [liar.root as Hex, parseEther("1000") + 1n, epoch0.onChain.uri],
      }),
    });
    await assert.rejects(
      run("rewards epoch verify", ctx, { epoch: "1" }),
      /epoch 1 does NOT match[\s\S]*first difference: total: on chain 1000000000000000000001, recomputed 1000000000000000000000/,
    );
    const file = join(dir, "liar.json");
    writeFileSync(file, JSON.stringify(liar.dump()));
    await assert.rejects(
      run("rewards epoch verify", ctx, { epoch: "1", tree: file }),
      new RegExp(
        `first difference: ${photographer}: published 200000000000000000001, recomputed 200000000000000000000`,
      ),
    );
    const asJson = JSON.parse(await run("rewards epoch verify", ctx, { epoch: "1", json: true }));
    assert.equal(asJson.match, false);
    await assert.rejects(run("rewards epoch verify", ctx, { epoch: "5" }), /epoch 5 was not posted \(2 posted\)/);
  });
});
