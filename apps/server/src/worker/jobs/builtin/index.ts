// The built-in job kinds → their handler modules, for the worker to register beside DEFAULT_HANDLERS.
import { fileURLToPath } from "node:url";

export const BUILTIN_HANDLERS: Record<string, string> = {
  "face-recognition.train": fileURLToPath(new URL("./faceRecognitionJob.ts", import.meta.url)),
};
