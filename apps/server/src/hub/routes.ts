import type { Context, Hono } from "hono";
import { clientIp, readBody } from "../http/readBody.ts";
import { HubError } from "./errors.ts";
import type { Executions } from "./execution.ts";
import type { Hub } from "./hub.ts";
import type { RateLimiter } from "./rateLimit.ts";
import { proposalOr404, proposalState, resultsOf } from "./results.ts";
import type { SpaceSettings } from "./spaces.ts";

const limitOf = (c: Context, max: number) => {
  const raw = c.req.query("limit");
  if (raw === undefined) return Math.min(100, max);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new HubError("BAD_QUERY", `?limit must be 1..${max}`);
  return n;
};

const spaceJson = (s: SpaceSettings) => ({
  ...s,
  strategies: s.strategies.map((x) => ({ ...x })),
});

/** True for a path of the hub's API (its errors keep Snapshot's shape there). */
export const isHubPath = (path: string) => path === "/api/msg" || path === "/api/hub" || path.startsWith("/api/hub/");

/** The hub's HTTP API: Snapshot's `POST /api/msg`, and the reads under `/api/hub`. */
export function hubRoutes(app: Hono, p: { hub: Hub; limiter: RateLimiter; executions: Executions }): void {
  const { hub, limiter, executions } = p;
  const now = hub.now;

  app.post("/api/msg", async (c) => {
    const wait = limiter.take(clientIp(c));
    if (wait > 0)
      throw new HubError("RATE_LIMITED", `too many requests from this address: retry in ${wait} s`, {}, wait);
    const max = hub.limits.maxBodyBytes;
    const body = await readBody(c, max, () => new HubError("BODY_TOO_LARGE", `the body is larger than ${max} bytes`));
    return c.json(await hub.ingest(body));
  });

  app.get("/api/hub", (c) =>
    c.json({ chainId: hub.chainId, receiptSigner: hub.address, spaces: [...hub.spaces.keys()], limits: hub.limits }),
  );

  app.get("/api/hub/spaces", (c) => c.json({ spaces: [...hub.spaces.values()].map(spaceJson) }));

  app.get("/api/hub/spaces/:id", (c) => {
    const s = hub.spaces.get(c.req.param("id"));
    if (!s) throw new HubError("UNKNOWN_SPACE", `no space "${c.req.param("id")}"`);
    return c.json(spaceJson(s));
  });

  app.get("/api/hub/spaces/:id/proposals", async (c) => {
    const s = hub.spaces.get(c.req.param("id"));
    if (!s) throw new HubError("UNKNOWN_SPACE", `no space "${c.req.param("id")}"`);
    const limit = limitOf(c, 100);
    const cursor = c.req.query("before");
    let before: { created: number; id: string } | undefined;
    if (cursor !== undefined) {
      const m = /^(\d{1,15}):(0x[0-9a-f]{64})$/.exec(cursor);
      if (!m) throw new HubError("BAD_QUERY", "?before must be <created>:<proposal id> from the last page");
      before = { created: Number(m[1]), id: m[2] as string };
    }
    const rows = await hub.store.proposals(s.id, limit, before);
    const last = rows.at(-1);
    return c.json({
      proposals: rows.map((r) => ({ ...r, state: proposalState(r, now()) })),
      next: rows.length === limit && last ? `${last.created}:${last.id}` : null,
    });
  });

  app.get("/api/hub/proposals/:id", async (c) => {
    const p = await proposalOr404(hub, c.req.param("id") as string);
    return c.json({ ...p, state: proposalState(p, now()) });
  });

  app.get("/api/hub/proposals/:id/votes", async (c) => {
    const p = await proposalOr404(hub, c.req.param("id") as string);
    const limit = limitOf(c, 1000);
    const after = c.req.query("after");
    if (after !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(after)) {
      throw new HubError("BAD_QUERY", "?after must be the last page's last voter address");
    }
    const votes = await hub.store.votes(p.id, limit, after);
    return c.json({ votes, next: votes.length === limit ? (votes.at(-1)?.voter ?? null) : null });
  });

  app.get("/api/hub/proposals/:id/results", async (c) => {
    const p = await proposalOr404(hub, c.req.param("id") as string);
    return c.json(await resultsOf(hub, p, now()));
  });

  app.get("/api/hub/proposals/:id/execution", async (c) => c.json(await executions.status(c.req.param("id"))));

  app.post("/api/hub/proposals/:id/execution/signatures", async (c) => {
    const wait = limiter.take(clientIp(c));
    if (wait > 0)
      throw new HubError("RATE_LIMITED", `too many requests from this address: retry in ${wait} s`, {}, wait);
    const body = await readBody(c, 4_096, () => new HubError("BODY_TOO_LARGE", "the body is larger than 4096 bytes"));
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      throw new HubError("BAD_ENVELOPE", 'the body must be JSON: { "signature": "0x…" }');
    }
    const signature =
      typeof json === "object" && json !== null ? (json as { signature?: unknown }).signature : undefined;
    return c.json(await executions.sign(c.req.param("id"), signature));
  });

  app.get("/api/hub/messages", async (c) => {
    const raw = c.req.query("after") ?? "0";
    if (!/^\d{1,15}$/.test(raw)) throw new HubError("BAD_QUERY", "?after must be a message sequence number");
    const limit = limitOf(c, 1000);
    const rows = await hub.store.messages(Number(raw), limit);
    return c.json({
      messages: rows.map((r) => ({ seq: r.seq, id: r.id, receivedAt: r.received_at, ...JSON.parse(r.envelope) })),
      next: rows.length === limit ? (rows.at(-1)?.seq ?? null) : null,
    });
  });
}

/** The JSON error answer of the hub's routes. */
export function hubErrorResponse(c: Context, error: HubError) {
  if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
  // The rest of an oversize body is never read: the connection cannot carry another request.
  if (error.code === "BODY_TOO_LARGE") c.header("Connection", "close");
  return c.json(error.toJSON(), error.status as 400);
}
