import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseClassifier } from "../../../models/faceClassifier.ts";
import { FaceDetector } from "../../../models/faceDetection.ts";
import { FsArtifactStore } from "../../artifacts/fsStore.ts";
import type { Contribution, Job, JobContext } from "../../types.ts";
import { loadHandler } from "../handlers.ts";
import { buildDemoDataset, type LabelledPhoto } from "./demoDataset.ts";
import { splitByHash } from "./faceRecognitionJob.ts";
import { BUILTIN_HANDLERS } from "./index.ts";

const job = (params: Record<string, unknown> = {}): Job => ({
  id: 1,
  daoId: 1n,
  modelId: 1n,
  kind: "face-recognition.train",
  submitter: "0x0000000000000000000000000000000000000001",
  stake: 0n,
  params,
  state: "running",
  attempts: 1,
  maxAttempts: 1,
  timeLimitMs: 600_000,
  resultArtifact: null,
  metrics: null,
  error: null,
  queuedAt: 0,
  startedAt: 0,
  finishedAt: null,
});

describe("face-recognition.train", () => {
  let dir: string;
  let store: FsArtifactStore;
  let dataset: LabelledPhoto[];
  let contributions: Contribution[];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "face-job-"));
    store = new FsArtifactStore(dir);
    dataset = await buildDemoDataset({ detector: await FaceDetector.load() });
    contributions = [];
    for (const [i, photo] of dataset.entries()) {
      const { hash } = await store.put(photo.bytes, photo.mediaType);
      contributions.push({
        id: i + 1,
        daoId: 1n,
        modelId: 1n,
        contributor: "0x0000000000000000000000000000000000000002",
        role: "Data",
        kind: "data",
        artifact: hash,
        mediaType: photo.mediaType,
        label: photo.label,
        licence: "CC-BY-4.0",
        signature: "0x",
        status: "accepted",
        createdAt: 0,
        acceptedAt: 0,
      });
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const context = (params: Record<string, unknown>, signal = new AbortController().signal): JobContext => ({
    job: job(params),
    store,
    contributions,
    log: () => {},
    signal,
  });

  it("buildDemoDataset() gives every identity of the sample photos several distinct images", () => {
    const labels = new Set(dataset.map((p) => p.label));
    assert.ok(labels.size >= 15, `${labels.size} identities`);
    assert.equal(dataset.length, labels.size * 7);
    assert.equal(new Set(contributions.map((c) => c.artifact)).size, dataset.length, "no two images are the same");
  });

  it("recognises held-out photos of the people it was trained on", async () => {
    const handler = await loadHandler(BUILTIN_HANDLERS["face-recognition.train"] as string);
    const result = await handler.run(context({}));
    const m = result.metrics;
    console.log("held-out metrics", m);
    assert.equal(m.n_classes, new Set(dataset.map((p) => p.label)).size);
    assert.equal((m.n_train as number) + (m.n_test as number) + (m.n_skipped as number), dataset.length);
    assert.ok((m.n_test as number) >= m.n_classes, "every identity has a held-out photo");
    // Guessing among ~19 identities scores about 5%; a classifier that ignores the descriptors cannot pass this.
    assert.ok((m.accuracy as number) >= 0.9, `held-out accuracy ${m.accuracy}`);
    assert.equal(m.threshold, 0.6);
    const classifier = parseClassifier((await store.get(result.artifact)) as Uint8Array);
    assert.equal(classifier.examples.length, m.n_train);
  });

  it("scores a classifier trained on shuffled labels near chance", async () => {
    // The same photos with each label moved to another identity: held-out accuracy must collapse.
    const labels = [...new Set(dataset.map((p) => p.label))];
    const shifted = new Map(labels.map((l, i) => [l, labels[(i + 1) % labels.length] as string]));
    const original = contributions;
    contributions = original.map((c, i) => (i % 7 < 3 ? c : { ...c, label: shifted.get(c.label as string) as string }));
    try {
      const handler = await loadHandler(BUILTIN_HANDLERS["face-recognition.train"] as string);
      const m = (await handler.run(context({}))).metrics;
      assert.ok((m.accuracy as number) < 0.5, `accuracy with mixed-up labels ${m.accuracy}`);
    } finally {
      contributions = original;
    }
  });

  it("stops between photos when its signal aborts", async () => {
    const handler = await loadHandler(BUILTIN_HANDLERS["face-recognition.train"] as string);
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await assert.rejects(handler.run(context({}, controller.signal)), /cancelled/);
  });

  it("rejects bad params", async () => {
    const handler = await loadHandler(BUILTIN_HANDLERS["face-recognition.train"] as string);
    for (const params of [{ threshold: -1 }, { threshold: "0.5" }, { testFraction: 1 }, { testFraction: 0 }])
      await assert.rejects(handler.run(context(params)), /params\./, JSON.stringify(params));
  });
});

describe("splitByHash()", () => {
  it("holds out a quarter of each label by hash order, never a label's only example", () => {
    const ex = (label: string, artifact: string) => ({ label, artifact });
    const { train, test } = splitByHash(
      [ex("a", "03"), ex("a", "01"), ex("a", "02"), ex("a", "04"), ex("b", "05"), ex("c", "07"), ex("c", "06")],
      0.25,
    );
    assert.deepEqual(
      test.map((e) => e.artifact),
      ["01", "06"],
    );
    assert.deepEqual(
      train.map((e) => e.artifact),
      ["02", "03", "04", "05", "07"],
    );
  });
});
