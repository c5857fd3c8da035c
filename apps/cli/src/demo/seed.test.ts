import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
import { main } from "../main.ts";
import { type Demo, markerPath, onChain } from "./marker.ts";
import { DemoSeedError, ensureDemo, type SeedOptions } from "./seed.ts";
import { TRAINING_KIND } from "./valueChain.ts";

/** `aidao dao …` (an AI DAO's own governance) as a user runs it; a refusal throws its message. */
async function runGovernance(argv: string[]): Promise<string> {
  const r = await main(["dao", ...argv]);
  if (r.code !== 0) throw new Error(r.out);
  return r.out;
}

const ACTIVE = 1;

type WorkerContribution = {
  id: number;
  contributor: Address;
  role: string;
  kind: string;
  status: string;
  label: string | null;
  artifact: string;
};
type WorkerJob = {
  id: number;
  kind: string;
  modelId: string;
  submitter: Address;
  stake: string;
  state: string;
  metrics: Record<string, number> | null;
  resultArtifact: string | null;
  error: string | null;
};

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
      builtins: ["face-detection", "face-recognition"],
      indexer: { confirmations: 0, pollIntervalMs: 100 },
      // As npm start does: a trained model becomes a version of its model, proposed for Staging by account 7.
      publisher: {
        wallet: stack.wallet(7),
        kinds: [TRAINING_KIND],
        endpoint: {
          url: "aidao:face-recognition#max=10",
          unit: "face recognized",
          paymentToken: stack.deployment.contracts.AIDAOToken.address,
          unitPrice: parseEther("1"),
          active: true,
        },
      },
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
    // As npm start does: the worker checks the chain's value chains now rather than at its next 30-s round.
    accept: () => server.worker.syncAcceptance(),
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
      Array.from({ length: 14 }, (_, i) => `demo ${i + 1}/14`),
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

  it("has the data contributor's labelled photos, signed and accepted, in the worker", async () => {
    const worker = demo.worker;
    assert.ok(worker, "the marker has the value chain");
    assert.equal(worker.contributor, dev(2).address);
    const { contributions } = await get<{ contributions: WorkerContribution[] }>(
      `/api/worker/contributions?model=${demo.face.modelId}`,
    );
    assert.deepEqual(
      contributions.map((x) => [x.id, x.contributor, x.role, x.kind, x.status, x.label, x.artifact]),
      worker.contributions.map((x) => [x.id, dev(2).address, "Data", "data", "accepted", x.label, x.artifact]),
    );
    const labels = contributions.map((x) => x.label);
    assert.deepEqual([...new Set(labels)], ["person-1-1", "person-1-2", "person-1-3"], "3 people, 4 photos each");
    assert.ok(labels.every((l) => labels.filter((x) => x === l).length === 4));
    for (const x of contributions) {
      const r = await fetch(`${server.url}/api/worker/artifacts/${x.artifact}`);
      assert.equal(r.status, 200);
      const bytes = new Uint8Array(await r.arrayBuffer());
      assert.equal(createHash("sha256").update(bytes).digest("hex"), x.artifact, "stored by content hash");
    }
  });

  it("queued 7's training job without waiting for it; it succeeds and 7 proposes the version for Staging", async () => {
    const worker = demo.worker;
    assert.ok(worker);
    const first = await get<{ job: WorkerJob }>(`/api/worker/jobs/${worker.jobId}`);
    assert.equal(first.job.submitter, dev(7).address);
    assert.equal(first.job.kind, TRAINING_KIND);
    assert.equal(first.job.modelId, demo.face.modelId);
    assert.equal(first.job.stake, parseEther("400000").toString(), "ranked by 7's staked AIDAO");
    assert.ok(["queued", "running", "succeeded"].includes(first.job.state), first.job.state);

    const deadline = Date.now() + 120_000;
    let body = first;
    while (!["succeeded", "failed", "cancelled"].includes(body.job.state) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      body = await get<{ job: WorkerJob; logs: Array<{ line: string }> }>(`/api/worker/jobs/${worker.jobId}`);
    }
    const log = (body as { logs?: Array<{ line: string }> }).logs?.map((l) => l.line).join("\n") ?? "";
    assert.equal(body.job.state, "succeeded", `${body.job.error}\n${log}`);
    assert.deepEqual(
      [body.job.metrics?.n_classes, body.job.metrics?.n_train, body.job.metrics?.n_test],
      [3, 9, 3],
      "one held-out photo per person",
    );
    assert.match(log, /published as version 2; proposed for Staging/);
    const version = await stack.publicClient.readContract({
      address: stack.deployment.contracts.ModelRegistry.address,
      abi: modelRegistryAbi,
      functionName: "versionByContentHash",
      args: [BigInt(demo.face.modelId), `0x${body.job.resultArtifact}`],
    });
    assert.equal(version, 2n, "the trained classifier is the model's version 2");
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
    // (A third one, the trained version's Staging proposal, follows once the background training job succeeds.)
    assert.deepEqual(
      face.proposals.slice(0, 2).map((p) => [p.proposalId, p.status]),
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

  // It moves the chain's clock a day on, through Face DAO's vote (before the next seeding moves it weeks).
  it("aidao dao vote|queue|execute votes the trained version through Face DAO's governor; the gateway then serves it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aidao-demo-deployments-"));
    const json = JSON.stringify(stack.deployment, (_, v) => (typeof v === "bigint" ? Number(v) : v));
    writeFileSync(join(dir, `${stack.deployment.chainId}.json`), json);
    const governance = (...args: string[]) =>
      runGovernance([...args, "--dao", demo.face.daoId, "--rpc", stack.chain.rpcUrl, "--deployments", dir]);
    const listed = await governance("proposals");
    const staging = /^(\d+) {2}Pending {2}Stage model \d+ version 2 \(job /m.exec(listed)?.[1];
    assert.ok(staging, listed);
    await stack.travel(3_601);
    for (const voter of ["7", "8"])
      assert.match(await governance("vote", "--proposal", staging, "--dev-account", voter), /: Active \(0x/);
    await assert.rejects(governance("vote", "--proposal", "1", "--dev-account", "7"), /has no proposal 1/);
    await stack.travel(86_401);
    assert.match(await governance("queue", "--proposal", staging, "--dev-account", "7"), /: Queued \(0x/);
    await stack.travel(3_601);
    assert.match(await governance("execute", "--proposal", staging, "--dev-account", "7"), /: Executed \(0x/);

    const registry = { address: stack.deployment.contracts.ModelRegistry.address, abi: modelRegistryAbi } as const;
    const [endpointId] = await stack.publicClient.readContract({
      ...registry,
      functionName: "endpointsOf",
      args: [BigInt(demo.face.modelId), 2n],
    });
    assert.ok(endpointId !== undefined, "the proposal opened an endpoint on version 2");
    const endpoint = await stack.publicClient.readContract({
      ...registry,
      functionName: "endpoint",
      args: [endpointId],
    });
    assert.deepEqual(
      [endpoint.url, endpoint.unit, endpoint.unitPrice, endpoint.active],
      ["aidao:face-recognition#max=10", "face recognized", parseEther("1"), true],
    );
    const unpaid = await fetch(`${server.url}/v1/endpoints/${endpointId}`, { method: "POST" });
    assert.equal(unpaid.status, 402, "served, and asks to be paid");
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
