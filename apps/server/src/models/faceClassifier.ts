// The trained face-recognition model: labelled face descriptors and a distance threshold, classified by the nearest
// neighbour. It is a JSON artifact stored by content hash: the worker writes it, the gateway reads it, and anyone can
// inspect what a model version was trained on (labels and descriptors, never the photos).

/** The artifact's format tag; a reader refuses anything else. */
export const CLASSIFIER_FORMAT = "aidao.face-recognition.1nn/1";

/** The label answered for a face farther than the threshold from every known face. */
export const UNKNOWN = "unknown";

/** face-api's own matcher calls two faces the same person below this euclidean distance between descriptors. */
export const DEFAULT_THRESHOLD = 0.6;

const DIMENSIONS = 128;

export type FaceClassifier = {
  format: typeof CLASSIFIER_FORMAT;
  /** What computed the descriptors: a classifier is only meaningful with the same net. */
  descriptors: string;
  metric: "euclidean";
  threshold: number;
  examples: Array<{ label: string; descriptor: number[] }>;
};

export type Recognition = { label: string; distance: number };

/** Thrown for bytes that are not a classifier this code can use. */
export class ClassifierError extends Error {
  override name = "ClassifierError";
}

/** The nearest-neighbour classifier of labelled descriptors (descriptors rounded to 1e-6: the JSON stays small). */
export function fitClassifier(
  examples: Array<{ label: string; descriptor: ArrayLike<number> }>,
  threshold: number,
  descriptors: string,
): FaceClassifier {
  if (!(threshold > 0 && Number.isFinite(threshold)))
    throw new ClassifierError(`the threshold must be a positive number, not ${threshold}`);
  if (examples.length === 0) throw new ClassifierError("a classifier needs at least one labelled face");
  return {
    format: CLASSIFIER_FORMAT,
    descriptors,
    metric: "euclidean",
    threshold,
    examples: examples.map((e) => ({
      label: e.label,
      descriptor: Array.from(e.descriptor, (x) => Math.round(x * 1e6) / 1e6),
    })),
  };
}

/** The nearest known face's label and its distance, or UNKNOWN (with that distance) beyond the threshold. */
export function classify(classifier: FaceClassifier, descriptor: ArrayLike<number>): Recognition {
  let best = Number.POSITIVE_INFINITY;
  let label = UNKNOWN;
  for (const e of classifier.examples) {
    const d = distance(e.descriptor, descriptor);
    if (d < best) {
      best = d;
      label = e.label;
    }
  }
  return { label: best <= classifier.threshold ? label : UNKNOWN, distance: Math.round(best * 10_000) / 10_000 };
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < DIMENSIONS; i++) {
    const d = (a[i] as number) - (b[i] as number);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function encodeClassifier(classifier: FaceClassifier): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(classifier)}\n`);
}

/** Reads a classifier artifact, checking every field a classification relies on. */
export function parseClassifier(bytes: Uint8Array): FaceClassifier {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new ClassifierError(`the classifier is not JSON: ${(cause as Error).message}`, { cause });
  }
  const c = value as Partial<FaceClassifier> | null;
  if (!c || c.format !== CLASSIFIER_FORMAT)
    throw new ClassifierError(`the artifact is not a ${CLASSIFIER_FORMAT} classifier (format ${String(c?.format)})`);
  if (typeof c.threshold !== "number" || !(c.threshold > 0) || !Number.isFinite(c.threshold))
    throw new ClassifierError(`the classifier's threshold ${String(c.threshold)} is not a positive number`);
  if (!Array.isArray(c.examples) || c.examples.length === 0)
    throw new ClassifierError("the classifier has no examples");
  for (const [i, e] of c.examples.entries()) {
    const ok =
      typeof e?.label === "string" &&
      Array.isArray(e.descriptor) &&
      e.descriptor.length === DIMENSIONS &&
      e.descriptor.every((x) => typeof x === "number" && Number.isFinite(x));
    if (!ok) throw new ClassifierError(`the classifier's example ${i} is not a label with ${DIMENSIONS} numbers`);
  }
  return c as FaceClassifier;
}
