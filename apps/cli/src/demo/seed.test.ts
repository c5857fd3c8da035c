import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  aidaoGovernorAbi,
  combinedResult,
  daoRegistryAbi,
  listRounds,
  modelRegistryAbi,
  readChannel,
  stakingAbi,
  templateId,
  usageChannelsAbi,
} from "@aidao/sdk";
import { type RunningServer, startServer } from "@aidao/server";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { type Address, getAddress, type Hex, parseEther } from "viem";
import { type Demo, markerPath, onChain } from "./marker.ts";
import { DemoSeedError, ensureDemo, type SeedOptions } from "./seed.ts";

const ACTIVE = 1;

describe("the demo npm start seeds (demo/seed.ts)", () => {
  let stack: LocalStack;
  let server: RunningServer<"all">;
  const home = mkdtempSync(join(tmpdir(), "aidao-demo-home-"));
  const logs: string[] = [];
  let demo: Demo;

  before(async () => {
    stack = await startLocalStack();
    server = await startServer({
      mode: "all",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-demo-db-")),
      redeemWallet: stack.wallet(0),
      builtins: ["face-detection"],
      indexer: { confirmations: 0, pollIntervalMs: 100 },
    });
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  const options = (): SeedOptions & { home: string } => ({
    rpcUrl: stack.chain.rpcUrl,
    deployment: stack.deployment,
    serverUrl: server.url,
    home,
    log: (m) => logs.push(m),
    // As npm start does: the server's redeemer (dev account 0) collects now rather than after 10 minutes.
    redeem: async () => server.redeemer?.tick(Date.now() + 3_600_000),
  });
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${server.url}${path}`);
    assert.equal(r.status, 200, `${path}: ${await r.clone().text()}`);
    return (await r.json()) as T;
  };

  it("seeds the whole demo through the SDK, the gateway and the hub, step by step, and writes its marker", async () => {
    logs.length = 0;
    const r = await ensureDemo(options());
    assert.equal(r.seeded, true);
    demo = r.demo;
    assert.deepEqual(
      logs.filter((l) => /^demo \d+\/\d+: /.test(l)).map((l) => l.split(":")[0]),
      Array.from({ length: 12 }, (_, i) => `demo ${i + 1}/12`),
    );
    assert.deepEqual(JSON.parse(readFileSync(markerPath(home), "utf8")), demo);
    assert.equal(await onChain(stack.publicClient, stack.deployment, demo), true);
  });

  it("has the main DAO's stakers (one delegating) and an open on-chain proposal with votes", async () => {
    const c = stack.deployment.contracts;
    const votes = (i: number) =>
      stack.publicClient.readContract({
        address: c.Staking.address,
        abi: stakingAbi,
        functionName: "getVotes",
        args: [dev(i).address],
      });
    assert.equal(await votes(7), parseEther("500000"), "7's stake and 4's, delegated");
    assert.equal(await votes(4), 0n);
    assert.equal(await votes(8), parseEther("200000"));
    const id = BigInt(demo.main.proposalId);
    const governor = c.AIDAOGovernor.address;
    const read = <T>(functionName: "state" | "proposalVotes") =>
      stack.publicClient.readContract({
        address: governor,
        abi: aidaoGovernorAbi,
        functionName,
        args: [id],
      }) as Promise<T>;
    assert.equal(await read<number>("state"), ACTIVE);
    const [against, forVotes] = await read<readonly [bigint, bigint, bigint]>("proposalVotes");
    assert.equal(forVotes, parseEther("700000"));
    assert.equal(against, parseEther("100000"));
  });

  it("has a Face DAO from the factory whose model its own vote promoted to Production, priced per face", async () => {
    const c = stack.deployment.contracts;
    const dao = await stack.publicClient.readContract({
      address: c.DAORegistry.address,
      abi: daoRegistryAbi,
      functionName: "dao",
      args: [BigInt(demo.face.daoId)],
    });
    assert.equal(dao.templateId, templateId("revenue-sharing"));
    assert.equal(dao.creator, dev(7).address);
    assert.equal(dao.governor, demo.face.governor);
    const registry = { address: c.ModelRegistry.address, abi: modelRegistryAbi } as const;
    const modelId = BigInt(demo.face.modelId);
    assert.equal(
      await stack.publicClient.readContract({ ...registry, functionName: "productionVersion", args: [modelId] }),
      BigInt(demo.face.versionId),
    );
    const endpoint = await stack.publicClient.readContract({
      ...registry,
      functionName: "endpoint",
      args: [BigInt(demo.face.endpointId)],
    });
    assert.deepEqual(
      [endpoint.url, endpoint.unit, endpoint.paymentToken, endpoint.unitPrice, endpoint.active],
      ["aidao:face-detection#max=20", "face", demo.demoUSD, 50_000n, true],
    );
    const contributors = await stack.publicClient.readContract({
      ...registry,
      functionName: "contributors",
      args: [modelId],
    });
    assert.deepEqual(
      contributors.map((x) => [x.account, x.shareBps]),
      [
        [dev(2).address, 2_000],
        [dev(3).address, 1_000],
      ],
    );
  });

  it("has a customer channel whose paid face detections were redeemed and split on chain", async () => {
    const usageChannels = stack.deployment.contracts.UsageChannels.address;
    assert.equal(demo.channel.faces, 8, "3 faces in sample1.jpg, 5 in sample5.jpg");
    const charged = 8n * 50_000n;
    assert.equal(demo.channel.charged, charged.toString());
    const channel = await readChannel(stack.publicClient, { usageChannels, channelId: demo.channel.channelId });
    assert.equal(channel.customer, dev(9).address);
    assert.equal(channel.redeemed, charged);
    assert.equal(channel.recipient, demo.face.treasury, "the Face DAO's treasury is paid");
    const credits = (i: number) =>
      stack.publicClient.readContract({
        address: usageChannels,
        abi: usageChannelsAbi,
        functionName: "credits",
        args: [dev(i).address, demo.demoUSD],
      });
    assert.equal(await credits(2), (charged * 2_000n) / 10_000n, "the data contributor's 20%");
    assert.equal(await credits(3), (charged * 1_000n) / 10_000n, "the model contributor's 10%");
  });

  it("has a venture round with deposits and an investment proposal under the 60/40 vote", async () => {
    const c = stack.deployment.contracts;
    const [round] = (await listRounds(stack.publicClient, { fund: c.VentureFund.address })).filter(
      (x) => x.roundId === BigInt(demo.venture.roundId),
    );
    assert.equal(round?.state, "Open");
    assert.equal(round?.raised, parseEther("50000"));
    const id = BigInt(demo.venture.investProposalId);
    const state = await stack.publicClient.readContract({
      address: c.VentureGovernor.address,
      abi: aidaoGovernorAbi,
      functionName: "state",
      args: [id],
    });
    assert.equal(state, ACTIVE);
    const result = await combinedResult(stack.publicClient, { governor: c.VentureGovernor.address, proposalId: id });
    assert.equal(result.tally.investorFor, parseEther("30000"));
    assert.equal(result.tally.investorAgainst, parseEther("20000"));
    assert.ok(result.forPoints > result.againstPoints, "investors 36/24 and holders' majority: it is passing");
  });

  it("has an off-chain poll on the hub with votes, and the indexer serves the demo's DAOs, proposals and channel", async () => {
    const poll = await get<{ state: string; title: string }>(`/api/hub/proposals/${demo.main.hubPoll}`);
    assert.equal(poll.state, "active");
    assert.equal(poll.title, demo.main.hubTitle);
    const votes = await get<{ votes: Array<{ voter: Address }> }>(`/api/hub/proposals/${demo.main.hubPoll}/votes`);
    assert.deepEqual(votes.votes.map((v) => getAddress(v.voter)).sort(), [5, 7, 8].map((i) => dev(i).address).sort());
    const results = await get<{ scores: number[] }>(`/api/hub/proposals/${demo.main.hubPoll}/results`);
    assert.equal(results.scores.length, 3);
    assert.ok(results.scores.every((s) => s > 0));

    const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    await Promise.race([
      server.indexer.whenIndexed(head),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`not indexed to ${head} in 30 s: ${JSON.stringify(server.indexer.status())}`)),
          30_000,
        ).unref(),
      ),
    ]);
    const { daos } = await get<{ daos: Array<{ daoId: string; name: string | null }> }>("/api/daos");
    assert.equal(daos.find((d) => d.daoId === demo.face.daoId)?.name, "Face DAO");
    type Proposal = { proposalId: string; status: string; votes: { voters: number } };
    const face = await get<{ proposals: Proposal[] }>(`/api/proposals?dao=${demo.face.daoId}`);
    assert.deepEqual(
      face.proposals.map((p) => [p.proposalId, p.status]),
      [
        [demo.face.maintainerProposalId, "executed"],
        [demo.face.promotionProposalId, "executed"],
      ],
    );
    const main = await get<{ proposals: Proposal[] }>("/api/proposals?dao=1");
    assert.equal(main.proposals.find((p) => p.proposalId === demo.main.proposalId)?.votes.voters, 3);
    const channels = await get<{ channels: Array<{ channelId: Hex; paid: string }> }>(
      `/api/channels?customer=${dev(9).address}`,
    );
    assert.equal(channels.channels.find((x) => x.channelId === demo.channel.channelId)?.paid, demo.channel.charged);
  });

  it("seeds nothing on a second run: no transaction, no hub message", async () => {
    const blocks = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    const messages = async () =>
      (await get<{ messages: unknown[] }>("/api/hub/messages?after=0&limit=1000")).messages.length;
    const before = await messages();
    logs.length = 0;
    const again = await ensureDemo(options());
    assert.equal(again.seeded, false);
    assert.deepEqual(again.demo, demo);
    assert.match(logs.join("\n"), /already seeded on this chain/);
    assert.equal(await stack.publicClient.getBlockNumber({ cacheTime: 0 }), blocks);
    assert.equal(await messages(), before);
  });

  it("takes a marker for the demo only when the chain has its Face DAO (a fresh chain is seeded again)", async () => {
    const other = { ...demo, face: { ...demo.face, treasury: dev(19).address } };
    assert.equal(await onChain(stack.publicClient, stack.deployment, other), false);
    const unknown = { ...demo, face: { ...demo.face, daoId: "999" } };
    assert.equal(await onChain(stack.publicClient, stack.deployment, unknown), false);
    assert.equal(await onChain(stack.publicClient, stack.deployment, { ...demo, chainId: 1 }), false);
  });

  it("names the step that failed and writes no marker; the next run seeds the whole demo again", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "aidao-demo-home-"));
    const failing = { ...options(), home: elsewhere, redeem: () => Promise.reject(new Error("the redeemer is down")) };
    await assert.rejects(ensureDemo(failing), (error: Error) => {
      assert.ok(error instanceof DemoSeedError, String(error));
      assert.match(
        error.message,
        /^step "gateway: its operator \(account 0\) redeems .*" failed: the redeemer is down$/,
      );
      return true;
    });
    assert.equal(existsSync(markerPath(elsewhere)), false);
    // What the failed run made stays on the chain (its own Face DAO, round and proposals): the next run adds its own.
    const again = await ensureDemo({ ...options(), home: elsewhere });
    assert.equal(again.seeded, true);
    assert.notEqual(again.demo.face.daoId, demo.face.daoId);
    assert.equal(await onChain(stack.publicClient, stack.deployment, again.demo), true);
  });
});
