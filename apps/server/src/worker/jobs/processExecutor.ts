// Runs each job in its own OS process (child_process.fork of processEntry.ts, talking over IPC): a job that crashes,
// leaks or blocks its event loop takes down its process, not the server. The child opens the artifact store from the
// store's `location`, so this works with the filesystem store and with S3 (credentials from the environment). It is
// also the template for a cluster executor: replace fork + IPC with a Kubernetes Job or a Ray task (docs/worker.md).
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Executor, JobContext, JobResult } from "../types.ts";
import type { ToChild, ToParent } from "./processEntry.ts";

const ENTRY = fileURLToPath(new URL("./processEntry.ts", import.meta.url));

export type ProcessExecutorOptions = {
  /** How long an aborted child has to stop before it is killed (ms, default 2000). */
  killAfterMs?: number;
  /** Extra Node options for the child (e.g. --max-old-space-size=4096). */
  execArgv?: string[];
};

export class ProcessExecutor implements Executor {
  readonly name = "process";
  private readonly children = new Set<ChildProcess>();
  private readonly options: ProcessExecutorOptions;

  constructor(options: ProcessExecutorOptions = {}) {
    this.options = options;
  }

  run(ctx: JobContext, handlerModule: string): Promise<JobResult> {
    ctx.signal.throwIfAborted();
    return new Promise<JobResult>((resolve, reject) => {
      const child = fork(ENTRY, [], {
        serialization: "advanced", // bigint ids and stakes cross as they are
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        execArgv: [...process.execArgv, ...(this.options.execArgv ?? [])],
      });
      this.children.add(child);
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
      };
      // A child's own output goes to the job's log: what a crash printed is where people look.
      const pipe = (stream: NodeJS.ReadableStream | null) => {
        let rest = "";
        stream?.setEncoding("utf8");
        stream?.on("data", (chunk: string) => {
          const lines = (rest + chunk).split("\n");
          rest = lines.pop() ?? "";
          for (const line of lines) if (line) ctx.log(line);
        });
      };
      pipe(child.stdout);
      pipe(child.stderr);
      const onAbort = () => {
        child.send({
          type: "abort",
          reason: String((ctx.signal.reason as Error)?.message ?? "aborted"),
        } satisfies ToChild);
        killTimer = setTimeout(() => child.kill("SIGKILL"), this.options.killAfterMs ?? 2_000);
        settle(() => reject(ctx.signal.reason));
      };
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      child.on("message", (message: ToParent) => {
        if (message.type === "log") ctx.log(message.line);
        else if (message.type === "result") settle(() => resolve(message.result));
        else if (message.type === "error") settle(() => reject(new Error(message.message)));
      });
      child.on("error", (error) => settle(() => reject(error)));
      child.on("exit", (code, signal) => {
        this.children.delete(child);
        clearTimeout(killTimer);
        ctx.signal.removeEventListener("abort", onAbort);
        settle(() => reject(new Error(`the job's process exited (${signal ?? `code ${code}`}) without a result`)));
      });
      child.send({
        type: "run",
        job: ctx.job,
        contributions: ctx.contributions,
        storeLocation: ctx.store.location,
        handlerModule,
      } satisfies ToChild);
    });
  }

  /** Kills the children still running (the server is stopping; their jobs' leases lapse and they are requeued). */
  async close(): Promise<void> {
    for (const child of this.children) child.kill("SIGKILL");
    this.children.clear();
  }
}
