// The child side of the process executor: receives one job over IPC, opens the artifact store at the location the
// parent gave (a directory or an s3:// URL; credentials come from the inherited environment), loads the handler by
// path, runs it, and sends its logs and its result (or error) back. One job per process: exits when done.
import { openArtifactStore } from "../artifacts/openStore.ts";
import type { Contribution, Job, JobResult } from "../types.ts";
import { loadHandler } from "./handlers.ts";

export type ToChild =
  | { type: "run"; job: Job; contributions: Contribution[]; storeLocation: string; handlerModule: string }
  | { type: "abort"; reason: string };
export type ToParent =
  | { type: "log"; line: string }
  | { type: "result"; result: JobResult }
  | { type: "error"; message: string };

const controller = new AbortController();
const send = (message: ToParent) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));

process.on("message", async (message: ToChild) => {
  if (message.type === "abort") {
    controller.abort(new Error(message.reason));
    return;
  }
  try {
    const store = openArtifactStore(message.storeLocation, "");
    const handler = await loadHandler(message.handlerModule);
    const result = await handler.run({
      job: message.job,
      store,
      contributions: message.contributions,
      log: (line) => void send({ type: "log", line }),
      signal: controller.signal,
    });
    await send({ type: "result", result });
  } catch (error) {
    await send({ type: "error", message: (error as Error)?.message ?? String(error) });
  }
  process.disconnect();
});
