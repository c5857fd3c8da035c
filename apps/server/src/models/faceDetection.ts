import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { decodeImage } from "./images.ts";

const require = createRequire(import.meta.url);

/** One detected face: its box in pixels of the original image and the detector's confidence. */
export type Face = { box: { x: number; y: number; width: number; height: number }; score: number };

export type FaceDetectorOptions = {
  /** The least confidence a face must have to count (and be charged). */
  minConfidence?: number;
  /** The largest image accepted, in pixels (decoded). */
  maxPixels?: number;
};

export type FaceApi = typeof import("@vladmandic/face-api");

/**
 * face-api on TensorFlow.js's WASM backend with the `nets` loaded (each once per process), from the weights and WASM
 * binaries of the installed packages: nothing is downloaded.
 */
export async function loadFaceApi(nets: Array<"ssdMobilenetv1" | "faceLandmark68Net" | "faceRecognitionNet">) {
  const tf = require("@tensorflow/tfjs") as typeof import("@tensorflow/tfjs");
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  wasm.setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"))}/dist/`);
  const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js") as FaceApi;
  if (tf.getBackend() !== "wasm") {
    await tf.setBackend("wasm");
    await tf.ready();
  }
  const weights = join(dirname(require.resolve("@vladmandic/face-api/package.json")), "model");
  for (const net of nets) if (!faceapi.nets[net].isLoaded) await faceapi.nets[net].loadFromDisk(weights);
  return faceapi;
}

/**
 * Face detection with the SSD MobileNet v1 net of `@vladmandic/face-api`, on TensorFlow.js's WASM backend. The
 * weights and the WASM binaries are read from the installed packages: nothing is downloaded.
 */
export class FaceDetector {
  readonly minConfidence: number;
  readonly maxPixels: number;
  private readonly faceapi: FaceApi;
  private constructor(faceapi: FaceApi, options: FaceDetectorOptions) {
    this.faceapi = faceapi;
    this.minConfidence = options.minConfidence ?? 0.5;
    this.maxPixels = options.maxPixels ?? 16_000_000;
  }

  /** Loads the backend and the weights (about a second); detection is ready when this resolves. */
  static async load(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
    return new FaceDetector(await loadFaceApi(["ssdMobilenetv1"]), options);
  }

  /** The faces in a JPEG or PNG image, at most `maxFaces` of them (the most confident first). */
  async detect(image: Uint8Array, maxFaces: number): Promise<{ width: number; height: number; faces: Face[] }> {
    const { width, height, rgb } = decodeImage(image, this.maxPixels);
    const { faceapi } = this;
    const tensor = faceapi.tf.tensor3d(rgb, [height, width, 3], "int32");
    try {
      const options = new faceapi.SsdMobilenetv1Options({ minConfidence: this.minConfidence, maxResults: maxFaces });
      const detections = await faceapi.detectAllFaces(tensor as never, options);
      const faces = detections
        .map((d) => ({
          box: {
            x: Math.round(d.box.x),
            y: Math.round(d.box.y),
            width: Math.round(d.box.width),
            height: Math.round(d.box.height),
          },
          score: Math.round(d.score * 1000) / 1000,
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, maxFaces);
      return { width, height, faces };
    } finally {
      tensor.dispose();
    }
  }
}
