import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { castVote, execute, listGatewayModels, modelRegistryAbi, queue } from "@aidao/sdk";
import { encodeFunctionData, parseEther } from "viem";
import { FaceDetector } from "../models/faceDetection.ts";
import { type RunningServer, startServer } from "../server.ts";
import { dev, type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { FsArtifactStore } from "./artifacts/fsStore.ts";
import { buildDemoDataset, DEMO_PHOTOS } from "./jobs/builtin/demoDataset.ts";
import { handler } from "./jobs/builtin/faceRecognitionJob.ts";
import { publishJobResult } from "./publish.ts";
import type { Contribution, Job, JobResult } from "./types.ts";

const DAY = 86_400;
const MAINTAINER = 7;
const CUSTOMER = 12;
const PRICE = parseEther("2");

describe("publishJobResult()", () => {
  let stack: LocalStack;
  let store: FsArtifactStore;
  let result: JobResult;
  let server: RunningServer<"gateway"> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "aidao-publish-"));
  const job = (modelId: bigint): Job => ({
    id: 9,
    daoId: 1n,
    modelId,
    kind: "face-recognition.train",
    submitter: dev(MAINTAINER).address,
    stake: 0n,
    params: {},
    state: "succeeded",
    attempts: 1,
    maxAttempts: 1,
    timeLimitMs: 600_000,
    resultArtifact: null,
    metrics: null,
    error: null,
    queuedAt: 0,
    startedAt: 0,
    finishedAt: 0,
  });

  before(async () => {
    stack = await startLocalStack();
    // The worker's artifact store: where the gateway (same data directory) reads the classifier back.
    store = new FsArtifactStore(join(dataDir, "artifacts"));
    // A real training job on sample1's three people (four images each; one each held out).
    const photos = await buildDemoDataset({
      detector: await FaceDetector.load(),
      photos: [DEMO_PHOTOS[0] as string],
      variations: ["original", "mirrored", "zoomed", "brighter"],
    });
    const contributions: Contribution[] = [];
    for (const [i, p] of photos.entries()) {
      const { hash } = await store.put(p.bytes, p.mediaType);
      contributions.push({
        id: i + 1,
        daoId: 1n,
        modelId: stack.modelId,
        contributor: dev(10).address,
        role: "Data",
        kind: "data",
        artifact: hash,
        mediaType: p.mediaType,
        label: p.label,
        licence: "CC-BY-4.0",
        signature: "0x",
        status: "accepted",
        createdAt: 0,
        acceptedAt: 0,
      });
    }
    result = await handler.run({
      job: job(stack.modelId),
      store,
      contributions,
      log: () => {},
      signal: new AbortController().signal,
    });
    // The worker's wallet: a maintainer of the main DAO with the proposal threshold (100,000 staked AIDAO), matured.
    const modelRegistry = stack.deployment.contracts.ModelRegistry.address;
    await stack.asDAO({
      target: modelRegistry,
      data: encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: "setMaintainer",
        args: [1n, dev(MAINTAINER).address, true],
      }),
    });
    await stack.stake(MAINTAINER, parseEther("200000"));
    await stack.travel(7 * DAY + 10);
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const servedAt = () => ({
    url: "aidao:face-recognition#max=10",
    unit: "face recognized",
    paymentToken: stack.token,
    unitPrice: PRICE,
    active: true,
  });

  it("registers the trained classifier as a Draft version, proposes Staging with an endpoint, and once governance passes it the gateway serves it per face recognised", async () => {
    const contracts = stack.deployment.contracts;
    const modelRegistry = contracts.ModelRegistry.address;
    assert.equal(result.metrics.accuracy, 1, "sample1's three people recognised in their held-out images");
    const published = await publishJobResult({
      wallet: stack.wallet(MAINTAINER),
      publicClient: stack.publicClient,
      modelRegistry,
      daoRegistry: contracts.DAORegistry.address,
      store,
      job: job(stack.modelId),
      result,
      artifactBaseUrl: "http://worker.test/api/worker/artifacts",
      framework: "face-api-1.7.15/1nn",
      license: "CC-BY-4.0",
      endpoint: servedAt(),
    });
    const version = await stack.publicClient.readContract({
      address: modelRegistry,
      abi: modelRegistryAbi,
      functionName: "version",
      args: [stack.modelId, published.versionId],
    });
    assert.equal(version.contentHash, `0x${result.artifact}`);
    assert.equal(version.stage, 0, "Draft until governance decides");
    assert.equal(version.metricsURI, `http://worker.test/api/worker/artifacts/${published.metricsHash}`);
    const metrics = JSON.parse(new TextDecoder().decode(await store.get(published.metricsHash)));
    assert.deepEqual(metrics.metrics, result.metrics);
    assert.match(published.description, /accuracy=1, n_train=9, n_test=3, n_classes=3, threshold=0.6/);

    assert.ok("governor" in published.proposal);
    const { governor, proposalId } = published.proposal;
    assert.ok(published.proposal.hash, "proposed now");

    // A retry (the worker crashed after proposing) finds the version and the proposal instead of adding or reverting.
    const again = await publishJobResult({
      wallet: stack.wallet(MAINTAINER),
      publicClient: stack.publicClient,
      modelRegistry,
      daoRegistry: contracts.DAORegistry.address,
      store,
      job: job(stack.modelId),
      result,
      artifactBaseUrl: "http://worker.test/api/worker/artifacts",
      endpoint: servedAt(),
    });
    assert.equal(again.versionId, published.versionId);
    assert.ok("governor" in again.proposal);
    assert.equal(again.proposal.proposalId, proposalId);
    assert.equal(again.proposal.hash, undefined);

    // The DAO's governance: vote, queue, execute.
    await stack.travel(DAY + 1);
    const voter = stack.wallet(MAINTAINER);
    await stack.publicClient.waitForTransactionReceipt({
      hash: await castVote(voter, { governor, proposalId, support: 1 }),
    });
    await stack.travel(5 * DAY + 1);
    const calls = {
      targets: published.calls.map((c) => c.target),
      values: published.calls.map((c) => c.value),
      calldatas: published.calls.map((c) => c.data),
    };
    await stack.publicClient.waitForTransactionReceipt({
      hash: await queue(voter, { governor, ...calls, description: published.description }),
    });
    await stack.travel(2 * DAY + 1);
    await stack.publicClient.waitForTransactionReceipt({
      hash: await execute(voter, { governor, ...calls, description: published.description }),
    });
    const stage = await stack.publicClient.readContract({
      address: modelRegistry,
      abi: modelRegistryAbi,
      functionName: "stageOf",
      args: [stack.modelId, published.versionId],
    });
    assert.equal(stage, 1, "Staging");

    // The gateway serves the promoted version's classifier, read from the artifact store by its content hash.
    server = await startServer({
      mode: "gateway",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir,
      builtins: ["face-recognition"] as never,
      redeem: { intervalMs: 3_600_000 },
      maxBodyBytes: 2 * 1024 * 1024,
    });
    const endpoint = (await listGatewayModels(server.url)).endpoints.find((e) => e.unit === "face recognized");
    assert.ok(endpoint, "the new endpoint is served");
    await stack.fund(dev(CUSTOMER).address, parseEther("100"));
    const channelId = await stack.open(CUSTOMER, BigInt(endpoint.endpointId), parseEther("50"));
    const payer = await stack.payer(CUSTOMER, channelId, server.url);
    const photo = readFileSync(DEMO_PHOTOS[0] as string);
    const { result: answer, usage } = await payer.invoke<{
      classifier: string;
      faces: Array<{ label: string; distance: number; box: { x: number } }>;
    }>(endpoint, photo, "image/jpeg");
    assert.equal(answer.classifier, result.artifact);
    assert.deepEqual(
      answer.faces.sort((a, b) => a.box.x - b.box.x).map((f) => f.label),
      ["person-1-1", "person-1-2", "person-1-3"],
    );
    assert.equal(usage.units, 3);
    assert.equal(BigInt(usage.charge), PRICE * 3n, "one unit per face recognised");
  });

  it("refuses a wallet that is not a maintainer of the model's DAO, and adds no version", async () => {
    const modelRegistry = stack.deployment.contracts.ModelRegistry.address;
    const count = async () =>
      (
        await stack.publicClient.readContract({
          address: modelRegistry,
          abi: modelRegistryAbi,
          functionName: "model",
          args: [stack.modelId],
        })
      ).versionCount;
    const before = await count();
    const other = await store.put(new TextEncoder().encode("another classifier"), "application/json");
    await assert.rejects(
      publishJobResult({
        wallet: stack.wallet(13),
        publicClient: stack.publicClient,
        modelRegistry,
        daoRegistry: stack.deployment.contracts.DAORegistry.address,
        store,
        job: job(stack.modelId),
        result: { artifact: other.hash, metrics: { accuracy: 1 } },
      }),
      /ModelRegistryNotMaintainerOrGovernance/,
    );
    assert.equal(await count(), before);
  });
});
