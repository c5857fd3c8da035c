import { createRequire } from "node:module";
import { type Face, type FaceApi, loadFaceApi } from "./faceDetection.ts";
import { decodeImage, type RgbImage } from "./images.ts";

const require = createRequire(import.meta.url);

/** The net that computes descriptors, with its package's version: a classifier is only valid with the same one. */
export const DESCRIPTOR_NET = `@vladmandic/face-api@${(require("@vladmandic/face-api/package.json") as { version: string }).version} faceRecognitionNet`;

/** A face with its descriptor: 128 numbers from face-api's recognition net (a ResNet-34 trained on faces). */
export type DescribedFace = Face & { descriptor: Float32Array };

export type FaceRecognizerOptions = { minConfidence?: number; maxPixels?: number };

/**
 * Face descriptors with the nets that ship with `@vladmandic/face-api`: SSD MobileNet v1 finds the faces, the
 * 68-point landmark net aligns them, and the recognition net turns each into a 128-d descriptor in which two photos of
 * one person lie close (face-api's own matcher calls a distance below 0.6 the same person).
 */
export class FaceRecognizer {
  readonly minConfidence: number;
  readonly maxPixels: number;
  private readonly faceapi: FaceApi;
  private constructor(faceapi: FaceApi, options: FaceRecognizerOptions) {
    this.faceapi = faceapi;
    this.minConfidence = options.minConfidence ?? 0.5;
    this.maxPixels = options.maxPixels ?? 16_000_000;
  }

  /** Loads the backend and the three nets' weights from the installed package. */
  static async load(options: FaceRecognizerOptions = {}): Promise<FaceRecognizer> {
    return new FaceRecognizer(
      await loadFaceApi(["ssdMobilenetv1", "faceLandmark68Net", "faceRecognitionNet"]),
      options,
    );
  }

  /** The faces of a JPEG or PNG image with their descriptors, at most `maxFaces` (the most confident first). */
  describe(image: Uint8Array, maxFaces: number): Promise<{ width: number; height: number; faces: DescribedFace[] }> {
    return this.describeRgb(decodeImage(image, this.maxPixels), maxFaces);
  }

  /** As `describe`, for an image already decoded. */
  async describeRgb(
    image: RgbImage,
    maxFaces: number,
  ): Promise<{ width: number; height: number; faces: DescribedFace[] }> {
    const { width, height, rgb } = image;
    const { faceapi } = this;
    const tensor = faceapi.tf.tensor3d(rgb, [height, width, 3], "int32");
    try {
      const options = new faceapi.SsdMobilenetv1Options({ minConfidence: this.minConfidence, maxResults: maxFaces });
      const found = await faceapi
        .detectAllFaces(tensor as never, options)
        .withFaceLandmarks()
        .withFaceDescriptors();
      const faces = found
        .map((f) => ({
          box: {
            x: Math.round(f.detection.box.x),
            y: Math.round(f.detection.box.y),
            width: Math.round(f.detection.box.width),
            height: Math.round(f.detection.box.height),
          },
          score: Math.round(f.detection.score * 1000) / 1000,
          descriptor: f.descriptor,
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, maxFaces);
      return { width, height, faces };
    } finally {
      tensor.dispose();
    }
  }
}
