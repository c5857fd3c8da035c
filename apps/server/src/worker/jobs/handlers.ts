// Job kinds → handler modules. A handler is a module exporting `handler: JobHandler`, named by path so that any
// executor can load it: in this process, in a child process, or in a container on a cluster that has the same code.
import { fileURLToPath } from "node:url";
import type { JobHandler } from "../types.ts";
import { WorkerError } from "../workerError.ts";

/** The kinds every worker knows. The built-in jobs (jobs/builtin/) are added by name when the server mounts them. */
export const DEFAULT_HANDLERS: Record<string, string> = {
  checksum: fileURLToPath(new URL("./testing/checksumJob.ts", import.meta.url)),
};

const KIND = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** The registered kinds; `moduleOf` is what executors load. */
export class JobHandlers {
  private readonly modules = new Map<string, string>();

  constructor(initial: Record<string, string> = DEFAULT_HANDLERS) {
    for (const [kind, path] of Object.entries(initial)) this.register(kind, path);
  }

  register(kind: string, modulePath: string): void {
    if (!KIND.test(kind)) throw new WorkerError("BAD_INPUT", `job kind "${kind}" is not lowercase a-z0-9.-`, { kind });
    this.modules.set(kind, modulePath);
  }

  has(kind: string): boolean {
    return this.modules.has(kind);
  }

  kinds(): string[] {
    return [...this.modules.keys()].sort();
  }

  /** The module path of `kind`'s handler (UNKNOWN_JOB_KIND if none is registered). */
  moduleOf(kind: string): string {
    const path = this.modules.get(kind);
    if (!path)
      throw new WorkerError(
        "UNKNOWN_JOB_KIND",
        `no handler for job kind "${kind}" (known: ${this.kinds().join(", ")})`,
        {
          kind,
        },
      );
    return path;
  }
}

/** Loads a handler module and checks that it exports a `handler` with `run` (what every executor does first). */
export async function loadHandler(modulePath: string): Promise<JobHandler> {
  const url = modulePath.startsWith("file:") ? modulePath : new URL(`file://${modulePath}`).href;
  const module = (await import(url)) as { handler?: JobHandler };
  if (!module.handler || typeof module.handler.run !== "function")
    throw new Error(`${modulePath} does not export a handler with run()`);
  return module.handler;
}
