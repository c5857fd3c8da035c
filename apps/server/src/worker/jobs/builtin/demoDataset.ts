// The demo DAO's labelled photos, built honestly from what ships offline: face-api's six sample photos show 22 people
// but carry no names. Each face found in them is one identity, labelled `person-<photo>-<i>` (i counts faces from the
// left), and each identity gets several images that differ the way two snapshots of one face do — mirrored, framed
// differently, lit differently — so a training job has examples to learn from and examples to hold out.
//
// What this measures: that descriptors of one face stay closer to each other than to the other 21 faces under flips,
// crops and lighting. It cannot measure recognition across different photos of a person (the samples have none).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import jpeg from "jpeg-js";
import type { Face } from "../../../models/faceDetection.ts";
import { decodeImage, type RgbImage } from "../../../models/images.ts";

const require = createRequire(import.meta.url);

/** face-api's sample photos (1920 px wide JPEGs, 3 to 5 faces each). */
export const DEMO_PHOTOS: string[] = Array.from({ length: 6 }, (_, i) =>
  join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", `sample${i + 1}.jpg`),
);

/** One labelled example: a JPEG of one face and whose face it is. */
export type LabelledPhoto = { label: string; variation: Variation; bytes: Uint8Array; mediaType: "image/jpeg" };

/**
 * How one identity's images differ. The frame is the face box grown by a margin on every side; `shift` moves it by a
 * fraction of the face's size, `zoom` narrows the margin, `gain` scales the pixel values, `mirror` flips left-right.
 */
export const VARIATIONS = {
  original: {},
  mirrored: { mirror: true },
  "shifted-left-up": { shift: [-0.12, -0.08] },
  "shifted-right-down": { shift: [0.12, 0.08] },
  zoomed: { zoom: true },
  brighter: { gain: 1.3 },
  darker: { gain: 0.7 },
} as const satisfies Record<
  string,
  { mirror?: boolean; shift?: readonly [number, number]; zoom?: boolean; gain?: number }
>;
export type Variation = keyof typeof VARIATIONS;

/** What finds the faces to crop (the gateway's FaceDetector does). */
export type Detector = { detect(image: Uint8Array, maxFaces: number): Promise<{ faces: Face[] }> };

export type DemoDatasetOptions = {
  detector: Detector;
  photos?: string[];
  variations?: Variation[];
  /** Faces below this detector confidence are left out (too blurred or turned to be one clear identity). */
  minScore?: number;
};

/** Builds the labelled dataset: every face of every photo, in every variation, as a JPEG. */
export async function buildDemoDataset(options: DemoDatasetOptions): Promise<LabelledPhoto[]> {
  const photos = options.photos ?? DEMO_PHOTOS;
  const variations = options.variations ?? (Object.keys(VARIATIONS) as Variation[]);
  const minScore = options.minScore ?? 0.8;
  const out: LabelledPhoto[] = [];
  for (const [p, path] of photos.entries()) {
    const bytes = new Uint8Array(readFileSync(path));
    const image = decodeImage(bytes, 16_000_000);
    const { faces } = await options.detector.detect(bytes, 50);
    const kept = faces.filter((f) => f.score >= minScore).sort((a, b) => a.box.x - b.box.x);
    for (const [i, face] of kept.entries()) {
      const label = `person-${p + 1}-${i + 1}`;
      for (const variation of variations) {
        const rgb = vary(image, face.box, variation);
        const encoded = jpeg.encode({ data: toRgba(rgb), width: rgb.width, height: rgb.height }, 90).data;
        out.push({ label, variation, bytes: new Uint8Array(encoded), mediaType: "image/jpeg" });
      }
    }
  }
  return out;
}

type Box = Face["box"];

/** The face's frame in one variation, cut out of the photo and transformed. */
export function vary(image: RgbImage, box: Box, variation: Variation): RgbImage {
  const v: { mirror?: boolean; shift?: readonly [number, number]; zoom?: boolean; gain?: number } =
    VARIATIONS[variation];
  // A face detector needs context around a face: a margin of 60% of the face (35% when zoomed) on every side.
  const margin = v.zoom ? 0.35 : 0.6;
  const [dx, dy] = v.shift ?? [0, 0];
  const x = box.x - box.width * margin + box.width * dx;
  const y = box.y - box.height * margin + box.height * dy;
  let out = crop(image, x, y, box.width * (1 + 2 * margin), box.height * (1 + 2 * margin));
  if (v.mirror) out = mirror(out);
  if (v.gain !== undefined) out = gain(out, v.gain);
  return out;
}

/** The rectangle clamped to the image, rounded to whole pixels. */
export function crop(image: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(image.width, Math.round(x + width));
  const y1 = Math.min(image.height, Math.round(y + height));
  if (x1 <= x0 || y1 <= y0) throw new Error(`the crop ${x},${y} ${width}x${height} is outside the image`);
  const w = x1 - x0;
  const h = y1 - y0;
  const rgb = new Uint8Array(w * h * 3);
  for (let row = 0; row < h; row++) {
    const from = ((y0 + row) * image.width + x0) * 3;
    rgb.set(image.rgb.subarray(from, from + w * 3), row * w * 3);
  }
  return { width: w, height: h, rgb };
}

export function mirror(image: RgbImage): RgbImage {
  const { width, height } = image;
  const rgb = new Uint8Array(image.rgb.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = (y * width + (width - 1 - x)) * 3;
      rgb[to] = image.rgb[from] as number;
      rgb[to + 1] = image.rgb[from + 1] as number;
      rgb[to + 2] = image.rgb[from + 2] as number;
    }
  return { width, height, rgb };
}

/** Pixel values times `factor`, clamped to 0..255. */
export function gain(image: RgbImage, factor: number): RgbImage {
  return { ...image, rgb: image.rgb.map((c) => Math.min(255, Math.round(c * factor))) };
}

function toRgba(image: RgbImage): Uint8Array {
  const rgba = new Uint8Array(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.rgb.length; i += 3, j += 4) {
    rgba[j] = image.rgb[i] as number;
    rgba[j + 1] = image.rgb[i + 1] as number;
    rgba[j + 2] = image.rgb[i + 2] as number;
    rgba[j + 3] = 255;
  }
  return rgba;
}
