import { connect, type Socket } from "node:net";

export type LoadResult = {
  requests: number;
  errors: number;
  /** How many answers had each non-200 status (what the errors were), and the first such answer's body. */
  failures: Record<number, number>;
  firstFailure?: string;
  rps: number;
  p50: number;
  p99: number;
};

/** One request of a closed-loop client: its path, body and headers. */
export type MakeRequest = (
  client: number,
  seq: number,
) => { path: string; body: Buffer; headers: Record<string, string> } | undefined;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

const CRLF2 = Buffer.from("\r\n\r\n");

/**
 * HTTP/1.1 responses on one keep-alive connection: feeds bytes in, calls `onResponse(status)` for each complete
 * response (content-length or chunked bodies). Deliberately minimal: the load generator shares the machine's two
 * cores with the servers it measures, and node:http's client cost more CPU per request than the servers did, so it
 * was the generator that set the pace.
 */
class ResponseReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly onResponse: (status: number, body: Buffer) => void;

  constructor(onResponse: (status: number, body: Buffer) => void) {
    this.onResponse = onResponse;
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      const headEnd = this.buf.indexOf(CRLF2);
      if (headEnd < 0) return;
      const head = this.buf.toString("latin1", 0, headEnd);
      const status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      let end: number;
      if (length) {
        end = headEnd + 4 + Number(length[1]);
        if (this.buf.length < end) return;
      } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        const last = this.buf.indexOf("\r\n0\r\n\r\n", headEnd + 2);
        if (last < 0) return;
        end = last + 7;
      } else {
        end = headEnd + 4;
      }
      const body = this.buf.subarray(headEnd + 4, end);
      this.buf = this.buf.subarray(end);
      this.onResponse(status, body);
    }
  }
}

/** One request serialized once, so the generator's per-request work is a socket write. */
function serialize(host: string, r: { path: string; body: Buffer; headers: Record<string, string> }): Buffer {
  let head = `POST ${r.path} HTTP/1.1\r\nhost: ${host}\r\ncontent-length: ${r.body.length}\r\n`;
  for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), r.body]);
}

/**
 * A closed-loop load: `clients` concurrent clients, each on its own keep-alive connection sending its next request as
 * soon as the previous one was answered, for `durationMs` after a `warmupMs` that is not counted. Latencies in ms.
 */
export async function load(p: {
  url: string;
  clients: number;
  durationMs: number;
  warmupMs?: number;
  make: MakeRequest;
}): Promise<LoadResult> {
  const base = new URL(p.url);
  const latencies: number[] = [];
  let errors = 0;
  const failures: Record<number, number> = {};
  let firstFailure: string | undefined;
  const t0 = performance.now();
  const warmupEnd = t0 + (p.warmupMs ?? 500);
  const end = warmupEnd + p.durationMs;
  await Promise.all(
    Array.from(
      { length: p.clients },
      (_, client) =>
        new Promise<void>((resolve) => {
          const socket: Socket = connect({ host: base.hostname, port: Number(base.port), noDelay: true });
          let seq = 0;
          let started = 0;
          const next = () => {
            started = performance.now();
            const r = started < end ? p.make(client, seq++) : undefined;
            if (!r) {
              socket.end();
              resolve();
              return;
            }
            socket.write(serialize(base.host, r));
          };
          const reader = new ResponseReader((status, body) => {
            const done = performance.now();
            if (started >= warmupEnd) {
              if (status !== 200) {
                errors++;
                failures[status] = (failures[status] ?? 0) + 1;
                firstFailure ??= body.toString("utf8", 0, 500);
              } else latencies.push(done - started);
            }
            next();
          });
          socket.on("data", (chunk: Buffer) => reader.push(chunk));
          socket.on("error", () => {
            errors++;
            resolve();
          });
          socket.on("connect", next);
        }),
    ),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    failures,
    ...(firstFailure !== undefined ? { firstFailure } : {}),
    rps: latencies.length / (p.durationMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
