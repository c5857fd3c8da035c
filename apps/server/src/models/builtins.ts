import { GatewayError } from "../gateway/errors.ts";
import type { FaceDetector } from "./faceDetection.ts";
import { ImageError, imageFormat } from "./images.ts";

/** A model call: the request body and how many units it may produce at most (what the voucher covers). */
export type ModelCall = { body: Uint8Array; contentType: string | undefined; maxUnits: number };

/** What a model answered: a JSON result and the units it is charged for (≤ maxUnits). */
export type ModelResult = { units: number; result: unknown };

/** A model served in this process, addressed on chain as `aidao:<name>`. */
export type BuiltinModel = { name: string; description: string; run(call: ModelCall): Promise<ModelResult> };

/** `aidao:echo`: answers the body back, one unit per call. The cheapest paid endpoint: the gateway's own overhead. */
export const echoModel: BuiltinModel = {
  name: "echo",
  description: "answers the request body back; one unit per call",
  run: async (call) => ({ units: 1, result: { echo: new TextDecoder().decode(call.body) } }),
};

/**
 * `aidao:face-detection`: the faces in a JPEG or PNG photo, one unit per face found, at most `maxUnits` faces (the
 * most confident ones). An image that cannot be decoded is the caller's mistake (422) and is not charged.
 */
export function faceDetectionModel(detector: FaceDetector): BuiltinModel {
  return {
    name: "face-detection",
    description: "faces in a JPEG or PNG photo (boxes and scores); one unit per face",
    run: async (call) => {
      if (!imageFormat(call.body)) {
        throw new GatewayError("UNSUPPORTED_MEDIA_TYPE", "send a JPEG or PNG image as the request body", {
          contentType: call.contentType ?? "none",
        });
      }
      try {
        const r = await detector.detect(call.body, call.maxUnits);
        return { units: r.faces.length, result: { width: r.width, height: r.height, faces: r.faces } };
      } catch (error) {
        if (error instanceof ImageError) throw new GatewayError("BAD_INPUT", error.message);
        throw error;
      }
    },
  };
}
