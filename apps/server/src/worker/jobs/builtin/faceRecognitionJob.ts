// The `face-recognition.train` job: builds a face-recognition model from a model's labelled photo contributions.
// Each photo's face (the largest one) becomes a descriptor from face-api's recognition net; per label, the photos are
// ordered by content hash and the first quarter (at least one, never all) is held out; a nearest-neighbour classifier
// of the rest is stored as a JSON artifact and scored on the held-out photos.
//
// params: { threshold?: number (distance beyond which a face is "unknown"; default 0.6),
//           testFraction?: number (share of each label's photos held out; default 0.25) }
import {
  classify,
  DEFAULT_THRESHOLD,
  encodeClassifier,
  fitClassifier,
  UNKNOWN,
} from "../../../models/faceClassifier.ts";
import { DESCRIPTOR_NET, FaceRecognizer } from "../../../models/faceRecognition.ts";
import { ImageError } from "../../../models/images.ts";
import type { Contribution, JobContext, JobHandler, JobResult } from "../../types.ts";

export const KIND = "face-recognition.train";

let recognizer: Promise<FaceRecognizer> | undefined;

/** The recognizer, loaded once per process (its weights take about a second). */
function loadRecognizer(): Promise<FaceRecognizer> {
  recognizer ??= FaceRecognizer.load().catch((error) => {
    recognizer = undefined;
    throw error;
  });
  return recognizer;
}

// A photo's descriptor depends only on its bytes (its content hash) and the net: a retried or repeated job in this
// process reuses it instead of running the nets again (null: no face in it). Bounded, oldest dropped first.
const descriptors = new Map<string, Float32Array | null>();
const MAX_CACHED = 20_000;

type Example = { label: string; artifact: string; descriptor: Float32Array };

/** The held-out examples: per label, the first `fraction` in content-hash order (≥ 1, and ≥ 1 left to train on). */
export function splitByHash<T extends { label: string; artifact: string }>(
  examples: T[],
  fraction: number,
): { train: T[]; test: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const e of examples) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
  const train: T[] = [];
  const test: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = (byLabel.get(label) as T[]).sort((a, b) => (a.artifact < b.artifact ? -1 : 1));
    const held = group.length < 2 ? 0 : Math.min(group.length - 1, Math.max(1, Math.round(group.length * fraction)));
    test.push(...group.slice(0, held));
    train.push(...group.slice(held));
  }
  return { train, test };
}

function numberParam(params: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const value = params[name] ?? fallback;
  if (typeof value !== "number" || !(value > 0) || value >= max)
    throw new Error(`params.${name} must be a number above 0 and below ${max}, not ${JSON.stringify(value)}`);
  return value;
}

async function run(ctx: JobContext): Promise<JobResult> {
  const threshold = numberParam(ctx.job.params, "threshold", DEFAULT_THRESHOLD, 2);
  const testFraction = numberParam(ctx.job.params, "testFraction", 0.25, 1);
  const photos = ctx.contributions.filter(
    (c): c is Contribution & { label: string } => c.kind === "data" && typeof c.label === "string" && c.label !== "",
  );
  ctx.log(`${photos.length} labelled photos of ${ctx.contributions.length} contributions`);
  const faces = await loadRecognizer();
  const examples: Example[] = [];
  let skipped = 0;
  for (const photo of photos) {
    ctx.signal.throwIfAborted();
    const bytes = await ctx.store.get(photo.artifact);
    if (!bytes) throw new Error(`contribution ${photo.id}'s artifact ${photo.artifact} is not in the store`);
    let descriptor = descriptors.get(photo.artifact);
    if (descriptor === undefined) {
      let found: Awaited<ReturnType<FaceRecognizer["describe"]>>["faces"];
      try {
        found = (await faces.describe(bytes, 10)).faces;
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        ctx.log(`skipped contribution ${photo.id}: ${error.message}`);
        skipped++;
        continue;
      }
      // A labelled photo shows its subject largest; smaller faces are bystanders.
      found.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      descriptor = found[0]?.descriptor ?? null;
      if (descriptors.size >= MAX_CACHED) descriptors.delete(descriptors.keys().next().value as string);
      descriptors.set(photo.artifact, descriptor);
    }
    if (!descriptor) {
      ctx.log(`skipped contribution ${photo.id} (${photo.label}): no face found`);
      skipped++;
      continue;
    }
    examples.push({ label: photo.label, artifact: photo.artifact, descriptor });
  }
  ctx.signal.throwIfAborted();
  const { train, test } = splitByHash(examples, testFraction);
  if (train.length === 0) throw new Error("no labelled photo with a face to train on");
  if (test.length === 0) throw new Error("no label has two photos with a face: nothing to evaluate on");
  const classifier = fitClassifier(train, threshold, DESCRIPTOR_NET);
  let correct = 0;
  let unknown = 0;
  for (const e of test) {
    const r = classify(classifier, e.descriptor);
    if (r.label === e.label) correct++;
    else ctx.log(`held-out ${e.artifact} (${e.label}) recognised as ${r.label} at ${r.distance}`);
    if (r.label === UNKNOWN) unknown++;
  }
  const { hash } = await ctx.store.put(encodeClassifier(classifier), "application/json");
  const metrics = {
    accuracy: correct / test.length,
    n_train: train.length,
    n_test: test.length,
    n_classes: new Set(train.map((e) => e.label)).size,
    threshold,
    n_skipped: skipped,
    unknown_rate: unknown / test.length,
  };
  ctx.log(`classifier ${hash}: ${correct}/${test.length} held-out photos recognised`);
  return { artifact: hash, metrics };
}

export const handler: JobHandler = { kind: KIND, run };
