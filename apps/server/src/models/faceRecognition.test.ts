import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FsArtifactStore } from "../worker/artifacts/fsStore.ts";
import { buildDemoDataset, DEMO_PHOTOS } from "../worker/jobs/builtin/demoDataset.ts";
import { type BuiltinModel, faceRecognitionModel } from "./builtins.ts";
import { ClassifierSource } from "./classifiers.ts";
import { encodeClassifier, fitClassifier } from "./faceClassifier.ts";
import { FaceDetector } from "./faceDetection.ts";
import { DESCRIPTOR_NET, FaceRecognizer } from "./faceRecognition.ts";

describe("aidao:face-recognition", () => {
  let dir: string;
  let model: BuiltinModel;
  let hash: string;
  let strict: string;
  const call = (body: Uint8Array, url: string, maxUnits = 10) =>
    model.run({ body, contentType: "image/jpeg", maxUnits, endpoint: { url, modelId: 1n, versionId: 2n } });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "face-rec-"));
    const store = new FsArtifactStore(dir);
    const recognizer = await FaceRecognizer.load();
    // Trained on the crops of sample1's three people only.
    const photos = await buildDemoDataset({
      detector: await FaceDetector.load(),
      photos: [DEMO_PHOTOS[0] as string],
      variations: ["original", "mirrored"],
    });
    const examples = [];
    for (const p of photos) {
      const face = (await recognizer.describe(p.bytes, 1)).faces[0];
      if (face) examples.push({ label: p.label, descriptor: face.descriptor });
    }
    hash = (await store.put(encodeClassifier(fitClassifier(examples, 0.6, DESCRIPTOR_NET)), "application/json")).hash;
    // The same faces with a threshold no real photo meets: every face is a stranger to it.
    strict = (await store.put(encodeClassifier(fitClassifier(examples, 0.01, DESCRIPTOR_NET)), "application/json"))
      .hash;
    const versionHash = async (modelId: bigint, versionId: bigint) => {
      assert.deepEqual([modelId, versionId], [1n, 2n]);
      return `0x${hash}` as const;
    };
    model = faceRecognitionModel(recognizer, new ClassifierSource({ store, versionHash }));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("recognises the people of a photo it was trained on, left to right, one unit per face", async () => {
    const photo = new Uint8Array(await readFile(DEMO_PHOTOS[0] as string));
    const r = await call(photo, "aidao:face-recognition#max=10");
    const { faces, classifier } = r.result as {
      classifier: string;
      faces: Array<{ label: string; distance: number; box: { x: number } }>;
    };
    assert.equal(classifier, hash, "the version's content hash picked the classifier");
    const labels = faces.sort((a, b) => a.box.x - b.box.x).map((f) => f.label);
    assert.deepEqual(labels, ["person-1-1", "person-1-2", "person-1-3"]);
    for (const f of faces) assert.ok(f.distance < 0.6, `distance ${f.distance}`);
    assert.equal(r.units, 3);
  });

  it("answers unknown beyond the classifier's threshold, and does not charge for it", async () => {
    const photo = new Uint8Array(await readFile(DEMO_PHOTOS[0] as string));
    const r = await call(photo, `aidao:face-recognition#model=${strict}&max=10`);
    const { faces, classifier } = r.result as { classifier: string; faces: Array<{ label: string; distance: number }> };
    assert.equal(classifier, strict, "the URL's model= overrides the version's hash");
    assert.equal(faces.length, 3);
    assert.deepEqual(new Set(faces.map((f) => f.label)), new Set(["unknown"]));
    assert.equal(r.units, 0);
  });

  it("charges at most the call's maximum", async () => {
    const photo = new Uint8Array(await readFile(DEMO_PHOTOS[0] as string));
    const r = await call(photo, "aidao:face-recognition", 2);
    assert.equal(r.units, 2);
  });

  it("fails uncharged when the classifier is missing or the body is not an image", async () => {
    const photo = new Uint8Array(await readFile(DEMO_PHOTOS[0] as string));
    await assert.rejects(call(photo, `aidao:face-recognition#model=${"ab".repeat(32)}`), { code: "MODEL_FAILED" });
    await assert.rejects(call(photo, "aidao:face-recognition#model=nothex"), { code: "MODEL_FAILED" });
    await assert.rejects(call(new TextEncoder().encode("hello"), "aidao:face-recognition"), {
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
  });
});
