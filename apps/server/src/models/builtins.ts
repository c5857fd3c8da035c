import { GatewayError } from "../gateway/errors.ts";
import type { ClassifierSource, EndpointRef } from "./classifiers.ts";
import { classify, UNKNOWN } from "./faceClassifier.ts";
import type { FaceDetector } from "./faceDetection.ts";
import type { FaceRecognizer } from "./faceRecognition.ts";
import { ImageError, imageFormat } from "./images.ts";

/** A model call: the request body and how many units it may produce at most (what the voucher covers). */
export type ModelCall = {
  body: Uint8Array;
  contentType: string | undefined;
  maxUnits: number;
  /** The endpoint served (a model whose weights depend on the endpoint's version reads them from it). */
  endpoint?: EndpointRef;
};

/** What a model answered: a JSON result and the units it is charged for (≤ maxUnits). */
export type ModelResult = { units: number; result: unknown };

/** A model served in this process, addressed on chain as `aidao:<name>`. */
export type BuiltinModel = { name: string; description: string; run(call: ModelCall): Promise<ModelResult> };

const utf8 = new TextDecoder();

/** `aidao:echo`: answers the body back, one unit per call. The cheapest paid endpoint: the gateway's own overhead. */
export const echoModel: BuiltinModel = {
  name: "echo",
  description: "answers the request body back; one unit per call",
  run: async (call) => ({ units: 1, result: { echo: utf8.decode(call.body) } }),
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

/**
 * `aidao:face-recognition`: who the faces in a JPEG or PNG photo are, by the trained classifier of the endpoint's model
 * version (see ClassifierSource). Each face gets the nearest known label and its distance, or "unknown" beyond the
 * classifier's threshold; one unit per face recognised (unknown faces are answered, not charged).
 */
export function faceRecognitionModel(recognizer: FaceRecognizer, classifiers: ClassifierSource): BuiltinModel {
  return {
    name: "face-recognition",
    description: "who the faces in a JPEG or PNG photo are (label and distance); one unit per face recognised",
    run: async (call) => {
      if (!imageFormat(call.body)) {
        throw new GatewayError("UNSUPPORTED_MEDIA_TYPE", "send a JPEG or PNG image as the request body", {
          contentType: call.contentType ?? "none",
        });
      }
      if (!call.endpoint) throw new GatewayError("MODEL_FAILED", "face recognition is served through an endpoint");
      // The classifier first: a missing one fails the call before any face is computed (and nothing is charged).
      const { hash, classifier } = await classifiers.forEndpoint(call.endpoint);
      let described: Awaited<ReturnType<FaceRecognizer["describe"]>>;
      try {
        described = await recognizer.describe(call.body, call.maxUnits);
      } catch (error) {
        if (error instanceof ImageError) throw new GatewayError("BAD_INPUT", error.message);
        throw error;
      }
      const faces = described.faces.map((f) => ({ box: f.box, score: f.score, ...classify(classifier, f.descriptor) }));
      return {
        units: faces.filter((f) => f.label !== UNKNOWN).length,
        result: { width: described.width, height: described.height, classifier: hash, faces },
      };
    },
  };
}
