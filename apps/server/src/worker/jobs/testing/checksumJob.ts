// The `checksum` job: hashes every input artifact (the accepted contributions of the job's model, or the artifacts
// named in params.artifacts) and stores a manifest of them: a small real job that exercises the whole path (store
// reads and writes, logs, metrics, the abort signal) for the executors' tests and as a store integrity check.
//
// params: { artifacts?: string[]; delayMs?: number (waits between inputs, honouring the abort signal);
//           fail?: string (throws it: for failure and retry tests) }
import { sha256Hex } from "../../artifacts/hash.ts";
import type { JobContext, JobHandler, JobResult } from "../../types.ts";

async function run(ctx: JobContext): Promise<JobResult> {
  const { params } = ctx.job;
  if (typeof params.fail === "string") throw new Error(params.fail);
  const delayMs = typeof params.delayMs === "number" ? params.delayMs : 0;
  const inputs = Array.isArray(params.artifacts)
    ? params.artifacts.map(String)
    : ctx.contributions.map((c) => c.artifact);
  const entries: Array<{ artifact: string; size: number }> = [];
  let bytes = 0;
  for (const artifact of inputs) {
    ctx.signal.throwIfAborted();
    if (delayMs > 0) await sleep(delayMs, ctx.signal);
    const data = await ctx.store.get(artifact);
    if (!data) throw new Error(`input artifact ${artifact} is not in the store`);
    // The store verified the hash; recomputing it here is the job's point (and proves what the child process read).
    if (sha256Hex(data) !== artifact) throw new Error(`input artifact ${artifact} does not match its hash`);
    entries.push({ artifact, size: data.length });
    bytes += data.length;
    ctx.log(`hashed ${artifact} (${data.length} bytes)`);
  }
  const manifest = new TextEncoder().encode(`${JSON.stringify({ job: ctx.job.id, inputs: entries })}\n`);
  const { hash } = await ctx.store.put(manifest, "application/json");
  ctx.log(`manifest ${hash}`);
  return { artifact: hash, metrics: { inputs: entries.length, bytes } };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export const handler: JobHandler = { kind: "checksum", run };
