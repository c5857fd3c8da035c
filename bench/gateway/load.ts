import { Agent, request } from "node:http";

export type LoadResult = { requests: number; errors: number; rps: number; p50: number; p99: number };

/** One request of a closed-loop client: its path, body and headers. */
export type MakeRequest = (
  client: number,
  seq: number,
) => { path: string; body: Buffer; headers: Record<string, string> } | undefined;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

/**
 * A closed-loop load: `clients` concurrent clients, each sending its next request as soon as the previous answered,
 * over keep-alive connections, for `durationMs` after a `warmupMs` that is not counted. Latencies in ms.
 */
export async function load(p: {
  url: string;
  clients: number;
  durationMs: number;
  warmupMs?: number;
  make: MakeRequest;
}): Promise<LoadResult> {
  const base = new URL(p.url);
  const agent = new Agent({ keepAlive: true, maxSockets: p.clients });
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const warmupEnd = t0 + (p.warmupMs ?? 500);
  const end = warmupEnd + p.durationMs;
  const send = (r: { path: string; body: Buffer; headers: Record<string, string> }) =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path: r.path,
          method: "POST",
          headers: { ...r.headers, "content-length": String(r.body.length) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end(r.body);
    });
  await Promise.all(
    Array.from({ length: p.clients }, async (_, client) => {
      for (let seq = 0; ; seq++) {
        const started = performance.now();
        if (started >= end) return;
        const r = p.make(client, seq);
        if (!r) return;
        const status = await send(r);
        const done = performance.now();
        if (started < warmupEnd) continue;
        if (status !== 200) errors++;
        else latencies.push(done - started);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / (p.durationMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
