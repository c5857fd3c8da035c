// The default executor: runs the handler in this process, on this event loop (a handler that computes for long
// should yield, or run under the process executor instead).
import type { Executor, JobContext, JobResult } from "../types.ts";
import { loadHandler } from "./handlers.ts";

export class InProcessExecutor implements Executor {
  readonly name = "in-process";

  async run(ctx: JobContext, handlerModule: string): Promise<JobResult> {
    const handler = await loadHandler(handlerModule);
    ctx.signal.throwIfAborted();
    // A handler that ignores its signal cannot hold the job: the run ends when the signal aborts, whatever it does.
    return new Promise<JobResult>((resolve, reject) => {
      const onAbort = () => reject(ctx.signal.reason);
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      handler
        .run(ctx)
        .then(resolve, reject)
        .finally(() => ctx.signal.removeEventListener("abort", onAbort));
    });
  }

  async close(): Promise<void> {}
}
