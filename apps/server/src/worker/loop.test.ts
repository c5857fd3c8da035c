// The AI value chain end to end on the local stack (issue 9), over HTTP as its people use it: contributors sign and
// submit labelled photos → the DAO's governance lists them in the model's value chain → a staker's training job runs →
// the worker proposes the trained version for Staging → governance passes it → the gateway serves it per face
// recognised → a customer pays for calls → the redeemer collects → the rewards epoch is computed from that chain data
// and the accepted contributions, posted by governance → a contributor claims its leaf → `verify` recomputes the root.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  aidaoGovernorAbi,
  castVote,
  daoRegistryAbi,
  execute,
  type GatewayEndpoint,
  listGatewayModels,
  modelRegistryAbi,
  proposalId,
  propose,
  queue,
  readChannel,
  rewardsDistributorAbi,
  stakingAbi,
  usageChannelsAbi,
} from "@aidao/sdk";
import { type Address, encodeFunctionData, erc20Abi, type Hex, parseEther, parseEventLogs } from "viem";
import { FaceDetector } from "../models/faceDetection.ts";
import { type RunningServer, startServer } from "../server.ts";
import { createPostgresDatabase, ENGINES } from "../testing/databases.ts";
import { type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { sha256Hex } from "./artifacts/hash.ts";
import { contributionDomain, contributionMessage, contributionTypes, valueChainCall } from "./contributions.ts";
import { buildDemoDataset, DEMO_PHOTOS, type LabelledPhoto } from "./jobs/builtin/demoDataset.ts";
import { jobDomain, jobRequestTypes } from "./jobs/requests.ts";
import {
  type ComputedEpoch,
  claimOf,
  computeEpoch,
  DEFAULT_CONFIG,
  proposeEpoch,
  verifyEpoch,
} from "./rewards/index.ts";

const DAY = 86_400;
/** Dev accounts: 10 and 11 are the model's contributors from the local stack (Data 20%, Model 10%). */
const WHO = { publisher: 7, holder: 8, staker: 9, alice: 13, bob: 14, carol: 15, customer: 16, operator: 17 };
const PRICE = parseEther("2");
const SHARE_BPS = 1_000;
const KIND = "face-recognition.train";
const ENDPOINT_URL = "aidao:face-recognition#max=10";
const UNIT = "face recognized";
/** Stricter than face-api's 0.6: sample2's strangers lie 0.49–0.55 from sample1's people, their own images much closer. */
const THRESHOLD = 0.4;
// Governor.ProposalState
const SUCCEEDED = 4;
const EXECUTED = 7;

/** A response's JSON body, untyped: the assertions check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: bodies are checked by the assertions that read them
const read = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

/** sample1's three people as the demo dataset labels them (from the left), in five images each (built once). */
let dataset: Promise<LabelledPhoto[]> | undefined;
const demoPhotos = () => {
  dataset ??= FaceDetector.load().then((detector) =>
    buildDemoDataset({
      detector,
      photos: [DEMO_PHOTOS[0] as string],
      variations: ["original", "mirrored", "zoomed", "brighter", "darker"],
    }),
  );
  return dataset;
};

for (const engine of ENGINES) {
  describe(`the AI value chain end to end on the local stack (${engine})`, () => {
    let stack: LocalStack;
    let server: RunningServer<"all">;
    let postgres: { url: string; drop(): Promise<void> } | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), "aidao-loop-"));
    const address = (i: number) => stack.wallet(i).account.address;
    const contracts = () => stack.deployment.contracts;
    const modelRegistry = () => contracts().ModelRegistry.address;
    const wait = async (hash: Hex | Promise<Hex>) => {
      const receipt = await stack.publicClient.waitForTransactionReceipt({ hash: await hash });
      assert.equal(receipt.status, "success");
      return receipt;
    };
    const balance = (token: Address, of: Address) =>
      stack.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [of] });

    /** Where the loop's epoch starts: the first block after the stack, stakes and server were set up. */
    let fromBlock: bigint;
    let photos: LabelledPhoto[];
    let governor: Address;
    const submitted = new Map<number, number[]>();
    let jobId: number;
    let classifier: string;
    let versionId: bigint;
    let endpoint: GatewayEndpoint;
    let charged: bigint;
    let epoch: ComputedEpoch;

    /** Votes a proposal through the main DAO (its two stakers for), queues and executes it; travels as it goes. */
    async function pass(p: { targets: Address[]; values: bigint[]; calldatas: Hex[]; description: string }) {
      const id = proposalId(p, p.description);
      await stack.travel(DAY + 1);
      for (const voter of [WHO.holder, WHO.publisher])
        await wait(castVote(stack.wallet(voter), { governor, proposalId: id, support: 1 }));
      await stack.travel(5 * DAY + 1);
      assert.equal(await state(id), SUCCEEDED);
      await wait(queue(stack.wallet(WHO.holder), { governor, ...p }));
      await stack.travel(2 * DAY + 1);
      await wait(execute(stack.wallet(WHO.holder), { governor, ...p }));
      assert.equal(await state(id), EXECUTED);
    }
    const state = (proposalId: bigint) =>
      stack.publicClient.readContract({
        address: governor,
        abi: aidaoGovernorAbi,
        functionName: "state",
        args: [proposalId],
      });

    before(async () => {
      [stack, photos] = await Promise.all([startLocalStack(), demoPhotos()]);
      if (engine === "postgres") postgres = await createPostgresDatabase();
      const dao = await stack.publicClient.readContract({
        address: contracts().DAORegistry.address,
        abi: daoRegistryAbi,
        functionName: "dao",
        args: [1n],
      });
      governor = dao.governor;
      assert.equal(governor, contracts().AIDAOGovernor.address, "the model's DAO is the main DAO");
      // The worker's operator is a maintainer of the main DAO (adds versions); it and a holder can propose (100,000
      // staked AIDAO, matured); the staker's jobs rank by its stake.
      await stack.asDAO({
        target: modelRegistry(),
        data: encodeFunctionData({
          abi: modelRegistryAbi,
          functionName: "setMaintainer",
          args: [1n, address(WHO.publisher), true],
        }),
      });
      await stack.stake(WHO.publisher, parseEther("200000"));
      await stack.stake(WHO.holder, parseEther("200000"));
      await stack.stake(WHO.staker, parseEther("1000"));
      await stack.travel(7 * DAY + 10);
      // The proposers' stakes count from here: said now, rather than as a refused proposal later.
      for (const who of [WHO.publisher, WHO.holder]) {
        const votes = await stack.publicClient.readContract({
          address: contracts().Staking.address,
          abi: stakingAbi,
          functionName: "getVotes",
          args: [address(who)],
        });
        assert.equal(votes, parseEther("200000"), `dev ${who}'s votes`);
      }
      server = await startServer({
        mode: "all",
        publicClient: stack.publicClient,
        deployment: stack.deployment,
        dataDir,
        ...(postgres ? { databaseUrl: postgres.url } : {}),
        builtins: ["face-recognition"],
        redeemWallet: stack.wallet(WHO.operator),
        // Collected when the test says (Redeemer.tick): every charge is due at once.
        redeem: { maxAgeMs: 0, intervalMs: 3_600_000 },
        publisher: {
          wallet: stack.wallet(WHO.publisher),
          kinds: [KIND],
          endpoint: { url: ENDPOINT_URL, unit: UNIT, paymentToken: stack.token, unitPrice: PRICE, active: true },
        },
      });
      fromBlock = (await stack.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    });
    after(async () => {
      await server?.close();
      await postgres?.drop();
      await stack?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Contributor `i` signs photo `p` (EIP-712, over its sha256) and submits it as a multipart form. */
    async function contribute(i: number, p: LabelledPhoto, label = p.label) {
      const fields = {
        daoId: 1n,
        modelId: stack.modelId,
        contributor: address(i),
        role: "Data" as const,
        kind: "data" as const,
        mediaType: p.mediaType,
        label,
        licence: "CC-BY-4.0",
      };
      const signature = await stack.wallet(i).signTypedData({
        domain: contributionDomain(stack.deployment.chainId, modelRegistry()),
        types: contributionTypes,
        primaryType: "Contribution",
        message: contributionMessage(fields, sha256Hex(p.bytes)),
      });
      const form = new FormData();
      form.set("file", new Blob([p.bytes as Uint8Array<ArrayBuffer>], { type: p.mediaType }), `${label}.jpg`);
      for (const [k, v] of Object.entries({ ...fields, dao: fields.daoId, model: fields.modelId, signature }))
        form.set(k, String(v));
      const response = await fetch(`${server.url}/api/worker/contributions`, { method: "POST", body: form });
      assert.equal(response.status, 201, await response.clone().text());
      return (await read(response)).contribution;
    }
    const listed = async (status: string) =>
      (await read(fetch(`${server.url}/api/worker/contributions?model=${stack.modelId}&status=${status}`)))
        .contributions as Array<{ id: number; contributor: Address; acceptedAt: number | null }>;

    it("contributors sign and submit labelled photos; the worker stores them by content hash, submitted", async () => {
      const training = photos.filter((p) => p.variation !== "darker");
      assert.equal(training.length, 12, "three people, four images each");
      // Alice photographed the two on the left, Bob the third; Carol sends a mislabelled photo.
      const byWho: Array<[number, LabelledPhoto[]]> = [
        [WHO.alice, training.filter((p) => p.label !== "person-1-3")],
        [WHO.bob, training.filter((p) => p.label === "person-1-3")],
      ];
      for (const [who, mine] of byWho) {
        const ids: number[] = [];
        for (const p of mine) {
          const c = await contribute(who, p);
          assert.equal(c.artifact, sha256Hex(p.bytes));
          assert.equal(c.status, "submitted");
          assert.equal(c.label, p.label);
          ids.push(c.id);
        }
        submitted.set(who, ids);
      }
      const darker = photos.find((p) => p.variation === "darker" && p.label === "person-1-1") as LabelledPhoto;
      submitted.set(WHO.carol, [(await contribute(WHO.carol, darker, "person-1-3")).id]);
      const artifact = await fetch(`${server.url}/api/worker/artifacts/${sha256Hex(darker.bytes)}`);
      assert.deepEqual(new Uint8Array(await artifact.arrayBuffer()), darker.bytes);
      assert.equal((await listed("submitted")).length, 13);
      assert.equal((await listed("accepted")).length, 0);
    });

    it("the DAO's governance lists Alice and Bob in the model's value chain; the worker sees their photos accepted", async () => {
      const call = await valueChainCall(server.worker.chain, stack.modelId, [
        { account: address(WHO.alice), role: "Data", shareBps: SHARE_BPS },
        { account: address(WHO.bob), role: "Data", shareBps: SHARE_BPS },
      ]);
      const proposal = {
        targets: [call.target],
        values: [call.value],
        calldatas: [call.data],
        description: "Accept Alice's and Bob's labelled photos into model 1's value chain (Data, 10% each)",
      };
      await wait(propose(stack.wallet(WHO.holder), { governor, ...proposal }).then((r) => r.hash));
      await pass(proposal);
      const onChain = await stack.publicClient.readContract({
        address: modelRegistry(),
        abi: modelRegistryAbi,
        functionName: "contributors",
        args: [stack.modelId],
      });
      assert.deepEqual(
        onChain.map((c) => [c.account, Number(c.shareBps)]),
        [
          [address(10), 2_000],
          [address(11), 1_000],
          [address(WHO.alice), SHARE_BPS],
          [address(WHO.bob), SHARE_BPS],
        ],
      );
      // What the worker's periodic sync does (every 30 s).
      await server.worker.syncAcceptance(stack.modelId);
      const accepted = await listed("accepted");
      assert.deepEqual(
        accepted.map((c) => c.id),
        [...(submitted.get(WHO.alice) ?? []), ...(submitted.get(WHO.bob) ?? [])],
      );
      // Stamped in chain time, the clock the rewards epoch is windowed by.
      const now = Number((await stack.publicClient.getBlock()).timestamp) * 1000;
      for (const c of accepted) assert.equal(c.acceptedAt, now);
      assert.deepEqual(
        (await listed("submitted")).map((c) => c.contributor),
        [address(WHO.carol)],
      );
    });

    it("a staker's signed training job runs on the accepted photos and the worker proposes its version for Staging", async () => {
      const request = {
        daoId: 1n,
        modelId: stack.modelId,
        kind: KIND,
        params: JSON.stringify({ threshold: THRESHOLD }),
        submitter: address(WHO.staker),
        maxAttempts: 1n,
        timeLimitMs: 600_000n,
        issuedAt: BigInt(Math.floor(Date.now() / 1000)),
      };
      const signature = await stack.wallet(WHO.staker).signTypedData({
        domain: jobDomain(stack.deployment.chainId, modelRegistry()),
        types: jobRequestTypes,
        primaryType: "JobRequest",
        message: request,
      });
      const body = {
        request: Object.fromEntries(Object.entries(request).map(([k, v]) => [k, String(v)])),
        signature,
      };
      const response = await fetch(`${server.url}/api/worker/jobs`, { method: "POST", body: JSON.stringify(body) });
      assert.equal(response.status, 201, await response.clone().text());
      const { job } = await read(response);
      assert.equal(job.state, "queued");
      assert.equal(job.stake, parseEther("1000").toString(), "ranked by its submitter's stake");
      jobId = job.id;

      // The worker's runner claims it on its own; the submitter watches it.
      let done: { job: Record<string, unknown> & { metrics: Record<string, number> }; logs: Array<{ line: string }> };
      for (const started = Date.now(); ; ) {
        done = await read(fetch(`${server.url}/api/worker/jobs/${jobId}`));
        if (!["queued", "running"].includes(done.job.state as string)) break;
        assert.ok(Date.now() - started < 180_000, "the job finishes within 3 minutes");
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(done.job.state, "succeeded", String(done.job.error));
      // Alice's and Bob's twelve photos, one of each person's four held out; Carol's is not accepted, so not used.
      assert.equal(done.job.metrics.n_train, 9);
      assert.equal(done.job.metrics.n_test, 3);
      assert.equal(done.job.metrics.n_classes, 3);
      assert.equal(done.job.metrics.accuracy, 1);
      assert.equal(done.job.metrics.threshold, THRESHOLD, "the submitter's signed params");
      classifier = done.job.resultArtifact as string;
      const published = done.logs.map((l) => l.line).find((l) => l.startsWith("published as version "));
      assert.ok(published, done.logs.map((l) => l.line).join("\n"));
      versionId = BigInt(/^published as version (\d+);/.exec(published)?.[1] as string);

      const version = await stack.publicClient.readContract({
        address: modelRegistry(),
        abi: modelRegistryAbi,
        functionName: "version",
        args: [stack.modelId, versionId],
      });
      assert.equal(version.contentHash, `0x${classifier}`);
      assert.equal(version.stage, 0, "Draft until governance decides");
      const stored = await fetch(`${server.url}/api/worker/artifacts/${classifier}`);
      assert.equal(sha256Hex(new Uint8Array(await stored.arrayBuffer())), classifier, "the worker publishes it");
    });

    it("governance passes the proposal: the version is in Staging with an active endpoint, which the gateway serves", async () => {
      // What a voter reads: the worker operator's proposal on the main DAO's governor.
      const created = await stack.publicClient.getContractEvents({
        address: governor,
        abi: aidaoGovernorAbi,
        eventName: "ProposalCreated",
        fromBlock,
        strict: true,
      });
      const mine = created.filter((e) => e.args.proposer === address(WHO.publisher));
      assert.equal(mine.length, 1);
      const p = (mine[0] as (typeof mine)[number]).args;
      assert.match(
        p.description,
        new RegExp(`^Stage model ${stack.modelId} version ${versionId} \\(job ${jobId}, ${KIND}\\): accuracy=1`),
      );
      assert.deepEqual(p.targets, [modelRegistry(), modelRegistry()], "setStage(Staging) and setEndpoint");
      await pass({
        targets: [...p.targets],
        values: [...p.values],
        calldatas: [...p.calldatas],
        description: p.description,
      });
      const stage = await stack.publicClient.readContract({
        address: modelRegistry(),
        abi: modelRegistryAbi,
        functionName: "stageOf",
        args: [stack.modelId, versionId],
      });
      assert.equal(stage, 1, "Staging");
      const count = await stack.publicClient.readContract({
        address: modelRegistry(),
        abi: modelRegistryAbi,
        functionName: "endpointCount",
      });
      const e = await stack.publicClient.readContract({
        address: modelRegistry(),
        abi: modelRegistryAbi,
        functionName: "endpoint",
        args: [count],
      });
      assert.deepEqual(
        [e.versionId, e.url, e.unit, e.unitPrice, e.active],
        [versionId, ENDPOINT_URL, UNIT, PRICE, true],
      );
      // The gateway serves every active endpoint (the registry keeps those on Staging or Production versions): no
      // promotion to Production is needed. Its catalogue re-reads the registry every 15 s; the test does not wait.
      await server.gateway.catalogue.reload();
      const served = (await listGatewayModels(server.url)).endpoints.filter((x) => x.unit === UNIT);
      assert.equal(served.length, 1);
      endpoint = served[0] as GatewayEndpoint;
      assert.deepEqual(
        [endpoint.endpointId, endpoint.versionId, endpoint.unitPrice, endpoint.maxUnitsPerRequest],
        [count.toString(), versionId.toString(), PRICE.toString(), 10],
      );
    });

    it("a customer pays per face recognised: the new version names sample1's three people", async () => {
      await stack.fund(address(WHO.customer), parseEther("100"));
      const channelId = await stack.open(WHO.customer, BigInt(endpoint.endpointId), parseEther("50"));
      const payer = await stack.payer(WHO.customer, channelId, server.url);
      type Answer = { classifier: string; faces: Array<{ label: string; distance: number; box: { x: number } }> };
      const { result, usage } = await payer.invoke<Answer>(
        endpoint,
        readFileSync(DEMO_PHOTOS[0] as string),
        "image/jpeg",
      );
      assert.equal(result.classifier, classifier, "the promoted version's classifier");
      assert.deepEqual(
        result.faces.sort((a, b) => a.box.x - b.box.x).map((f) => f.label),
        ["person-1-1", "person-1-2", "person-1-3"],
      );
      assert.equal(usage.units, 3);
      assert.equal(BigInt(usage.charge), 3n * PRICE);
      for (const f of result.faces) assert.ok(f.distance < THRESHOLD, `${f.label} at ${f.distance}`);
      // sample2's strangers are answered "unknown" and not charged.
      const other = await payer.invoke<Answer>(endpoint, readFileSync(DEMO_PHOTOS[1] as string), "image/jpeg");
      assert.ok(other.result.faces.length > 0);
      assert.deepEqual(new Set(other.result.faces.map((f) => f.label)), new Set(["unknown"]));
      assert.equal(other.usage.units, 0);
      charged = BigInt(other.usage.charged);
      assert.equal(charged, 3n * PRICE);

      // The redeemer collects: one redemption, split by the value chain in force (Alice and Bob 10% each).
      const credit = (who: number) =>
        stack.publicClient.readContract({
          address: stack.usageChannels,
          abi: usageChannelsAbi,
          functionName: "credits",
          args: [address(who), stack.token],
        });
      assert.equal(await server.redeemer?.tick(), charged);
      const after = await readChannel(stack.publicClient, { usageChannels: stack.usageChannels, channelId });
      assert.equal(after.redeemed, charged);
      assert.equal(await credit(WHO.alice), (charged * BigInt(SHARE_BPS)) / 10_000n);
      assert.equal(await credit(WHO.bob), (charged * BigInt(SHARE_BPS)) / 10_000n);
      assert.equal(await credit(10), (charged * 2_000n) / 10_000n);
    });

    it("the rewards epoch is computed from the chain and the worker's accepted contributions, and governance posts it", async () => {
      await stack.travel(60);
      const toBlock = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
      const addresses = {
        modelRegistry: modelRegistry(),
        modelRegistryBlock: contracts().ModelRegistry.block,
        usageChannels: stack.usageChannels,
      };
      epoch = await computeEpoch({
        client: stack.publicClient,
        addresses,
        epoch: 0n,
        fromBlock,
        toBlock,
        config: DEFAULT_CONFIG,
        worker: server.url, // its published list: GET /api/worker/contributions?status=accepted
      });
      assert.deepEqual(
        epoch.inputs.revenue.map((r) => [r.modelId, r.token, r.amount, r.contributors.length]),
        [[stack.modelId, stack.token, charged, 4]],
      );
      assert.equal(epoch.inputs.contributions.length, 12, "Alice's 8 and Bob's 4; Carol's was not accepted");
      // Usage pool (80% of 2,500,000): by share of the one split, 2000:1000:1000:1000 bps. Contributions pool (20%):
      // by accepted photos, 8:4 (Alice's floor, Bob's the rest: his remainder, 2/3 of a wei, is the larger).
      const budget = DEFAULT_CONFIG.budget;
      const usage = (budget * 8_000n) / 10_000n;
      const pool = budget - usage;
      const alicePhotos = (pool * 8n) / 12n;
      const expected = new Map<Address, bigint>([
        [address(10), (usage * 2n) / 5n],
        [address(11), usage / 5n],
        [address(WHO.alice), usage / 5n + alicePhotos],
        [address(WHO.bob), usage / 5n + (pool - alicePhotos)],
      ]);
      assert.deepEqual(new Map(epoch.result.leaves.map((l) => [l.account, l.amount])), expected);
      assert.equal(epoch.result.total, budget);

      // Posting is governance's (the distributor's owner is the main DAO's timelock): a proposal, not an asDAO call.
      const r = await proposeEpoch(stack.publicClient, stack.wallet(WHO.holder), {
        governor,
        rewardsDistributor: contracts().RewardsDistributor.address,
        epoch,
      });
      await wait(r.hash);
      await pass({
        targets: [r.call.target],
        values: [r.call.value],
        calldatas: [r.call.data],
        description: r.description,
      });
      const posted = await stack.publicClient.readContract({
        address: contracts().RewardsDistributor.address,
        abi: rewardsDistributorAbi,
        functionName: "epoch",
        args: [0n],
      });
      assert.deepEqual([posted.root, posted.total, posted.uri], [epoch.root, epoch.result.total, epoch.uri]);
    });

    it("a contributor claims its leaf through the RewardsDistributor", async () => {
      await stack.travel(30 * DAY);
      const distributor = contracts().RewardsDistributor.address;
      const claim = claimOf(epoch, address(WHO.alice));
      assert.ok(claim);
      const before = await balance(stack.token, address(WHO.alice));
      const receipt = await wait(
        stack.wallet(WHO.alice).writeContract({
          address: distributor,
          abi: rewardsDistributorAbi,
          functionName: "claim",
          args: [0n, claim.account, claim.amount, claim.proof],
        }),
      );
      // Vesting runs from the epoch's posting to the programme's end: what is vested now is paid now.
      const { timestamp } = await stack.publicClient.getBlock({ blockNumber: receipt.blockNumber });
      const vested = await stack.publicClient.readContract({
        address: distributor,
        abi: rewardsDistributorAbi,
        functionName: "vestedAmount",
        args: [0n, claim.amount, timestamp],
      });
      assert.ok(vested > 0n && vested < claim.amount, `${vested} of ${claim.amount}`);
      const transfers = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs, strict: true });
      assert.deepEqual(
        transfers.map((t) => [t.address.toLowerCase(), t.args.from, t.args.to, t.args.value]),
        [[stack.token.toLowerCase(), distributor, address(WHO.alice), vested]],
      );
      assert.equal((await balance(stack.token, address(WHO.alice))) - before, vested);
      const [registered, released] = await stack.publicClient.readContract({
        address: distributor,
        abi: rewardsDistributorAbi,
        functionName: "allocation",
        args: [0n, address(WHO.alice)],
      });
      assert.deepEqual([registered, released], [claim.amount, vested]);
    });

    it("verify recomputes the posted root from public data: the chain and the worker its URI names", async () => {
      const v = await verifyEpoch({
        client: stack.publicClient,
        addresses: {
          modelRegistry: modelRegistry(),
          modelRegistryBlock: contracts().ModelRegistry.block,
          usageChannels: stack.usageChannels,
          rewardsDistributor: contracts().RewardsDistributor.address,
        },
        epoch: 0n,
      });
      assert.equal(v.match, true, v.difference);
      assert.equal(v.recomputed.params.worker, server.url);
      assert.equal(v.recomputed.root, epoch.root);
      assert.equal(v.onChain.root, epoch.root);
    });
  });
}
