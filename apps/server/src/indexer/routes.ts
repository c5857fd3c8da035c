import { type Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { IndexerError } from "./errors.ts";
import type { Indexer, IndexerNotice } from "./indexer.ts";
import { indexerOpenApi } from "./openapi.ts";
import {
  CHANNELS_QUERY,
  CURSOR_PATTERN,
  EVENTS_QUERY,
  type ParsedQuery,
  PROPOSALS_QUERY,
  parseQuery,
  position,
  type QueryParam,
  SAFE_EXECUTIONS_QUERY,
  STREAM_QUERY,
} from "./query.ts";
import type { Position } from "./store.ts";

export type IndexerRoutesOptions = {
  indexer: Indexer;
  /** Notices a stream client may fall behind by before it is told to reconnect (default 10,000). */
  maxStreamBacklog?: number;
  /** Seconds between keep-alive comments on idle streams (default 15). */
  heartbeatSeconds?: number;
};

const str = (q: ParsedQuery, name: string) => (q[name] === undefined ? undefined : String(q[name]));
const num = (q: ParsedQuery, name: string) => (q[name] === undefined ? undefined : Number(q[name]));
const next = <T extends { id: string }>(rows: T[], limit: number) =>
  rows.length === limit ? (rows.at(-1)?.id ?? null) : null;
const after = (a: { blockNumber: number; logIndex: number }, p: Position) =>
  a.blockNumber > p.block || (a.blockNumber === p.block && a.logIndex > p.logIndex);

/**
 * The indexer's read API, mounted under `/api` (errors are `{ error: { code, message, param? } }`, 400 for a bad query):
 * - `GET /api/events` — decoded events, filtered by contract, event, address, DAO and block range, cursor-paginated;
 * - `GET /api/daos`, `GET /api/proposals`, `GET /api/channels` — the projections the web app reads;
 * - `GET /api/safe-executions` — what the Safes (the protocol's, every AI DAO's) executed: passed hub proposals' outcome;
 * - `GET /api/status` — head, indexed, finalized, lag;
 * - `GET /api/stream` — server-sent events: each newly indexed event, and `reorg` on rewinds;
 * - `GET /api/openapi.json` — the OpenAPI 3.1 document of all of these.
 */
export function indexerRoutes(app: Hono, o: IndexerRoutesOptions): void {
  const { indexer } = o;
  const store = indexer.store;
  const maxBacklog = o.maxStreamBacklog ?? 10_000;
  const heartbeatMs = (o.heartbeatSeconds ?? 15) * 1000;
  const api = new Hono();
  api.onError((error, c) => {
    if (error instanceof IndexerError) return c.json(error.toJSON(), error.status);
    console.error(error);
    return c.json({ error: { code: "INTERNAL", message: "the server failed; see its log" } }, 500);
  });
  const query = (c: Context, params: QueryParam[]) => parseQuery(c.req.query(), params);

  api.get("/events", async (c) => {
    const q = query(c, EVENTS_QUERY);
    const fromBlock = num(q, "fromBlock");
    const toBlock = num(q, "toBlock");
    if (fromBlock !== undefined && toBlock !== undefined && toBlock < fromBlock) {
      throw new IndexerError("BAD_QUERY", `?toBlock (${toBlock}) is below ?fromBlock (${fromBlock})`, "toBlock");
    }
    const limit = num(q, "limit") as number;
    const events = await store.events({
      contract: str(q, "contract"),
      event: str(q, "event"),
      address: str(q, "address"),
      daoId: str(q, "dao"),
      fromBlock,
      toBlock,
      after: position(q.cursor),
      limit,
    });
    return c.json({ events, nextCursor: next(events, limit) });
  });

  api.get("/daos", async (c) => {
    query(c, []);
    return c.json({ daos: await store.daos() });
  });

  /** A cursor-paginated list: `read` gets the parsed query and the page; the answer is `{ [key]: rows, nextCursor }`. */
  const paged = <T extends { id: string }>(
    path: string,
    params: QueryParam[],
    key: string,
    read: (q: ParsedQuery, page: { after: Position | undefined; limit: number }) => Promise<T[]>,
  ) =>
    api.get(path, async (c) => {
      const q = query(c, params);
      const limit = num(q, "limit") as number;
      const rows = await read(q, { after: position(q.cursor), limit });
      return c.json({ [key]: rows, nextCursor: next(rows, limit) });
    });

  paged("/proposals", PROPOSALS_QUERY, "proposals", (q, page) =>
    store.proposals({ daoId: str(q, "dao"), governor: str(q, "governor"), ...page }),
  );
  paged("/channels", CHANNELS_QUERY, "channels", (q, page) =>
    store.channels({ customer: str(q, "customer"), endpointId: str(q, "endpointId"), ...page }),
  );
  paged("/safe-executions", SAFE_EXECUTIONS_QUERY, "executions", (q, page) =>
    store.safeExecutions({ safe: str(q, "safe"), safeTxHash: str(q, "safeTxHash"), ...page }),
  );

  api.get("/status", (c) => {
    query(c, []);
    return c.json(indexer.status());
  });

  api.get("/openapi.json", (c) => c.json(indexerOpenApi(new URL(c.req.url).origin)));

  api.get("/stream", (c) => {
    const q = query(c, STREAM_QUERY);
    const lastEventId = c.req.header("last-event-id");
    if (lastEventId !== undefined && !new RegExp(CURSOR_PATTERN).test(lastEventId)) {
      throw new IndexerError("BAD_QUERY", "the Last-Event-ID header must be an event id (`<block>-<logIndex>`)");
    }
    let last = position(lastEventId ?? q.after);
    return streamSSE(c, async (stream) => {
      // Subscribe first, then replay what is stored: a notice that arrives meanwhile waits in the queue and is skipped
      // if the replay already sent it.
      const queue: IndexerNotice[] = [];
      let lagged = false;
      let closed = false;
      let signal: (() => void) | null = null;
      const unsubscribe = indexer.subscribe((n) => {
        if (queue.length >= maxBacklog) lagged = true;
        else queue.push(n);
        signal?.();
      });
      stream.onAbort(() => {
        closed = true;
        signal?.();
      });
      try {
        while (last && !closed) {
          const rows = await store.events({ after: last, limit: 500 });
          for (const r of rows) await stream.writeSSE({ event: "event", id: r.id, data: JSON.stringify(r) });
          if (rows.length < 500) break;
          const end = rows.at(-1);
          if (end) last = { block: end.blockNumber, logIndex: end.logIndex };
        }
        await stream.writeSSE({ event: "ready", data: JSON.stringify(indexer.status()) });
        while (!closed) {
          if (lagged) {
            await stream.writeSSE({
              event: "error",
              data: JSON.stringify({
                code: "LAGGED",
                message: "this client fell behind: reconnect with Last-Event-ID",
              }),
            });
            return;
          }
          const n = queue.shift();
          if (!n) {
            const idle = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(true), heartbeatMs);
              signal = () => {
                clearTimeout(timer);
                resolve(false);
              };
            });
            signal = null;
            if (idle && !closed) await stream.write(": keep-alive\n\n");
            continue;
          }
          if (n.type === "stopped") return;
          if (n.type === "reorg") {
            // Positions above the ancestor are re-used by the new branch: stop skipping them.
            last = undefined;
            await stream.writeSSE({ event: "reorg", data: JSON.stringify(n.reorg) });
            continue;
          }
          if (last && !after(n.event, last)) continue;
          await stream.writeSSE({ event: "event", id: n.event.id, data: JSON.stringify(n.event) });
        }
      } finally {
        unsubscribe();
      }
    });
  });

  app.route("/api", api);
}
