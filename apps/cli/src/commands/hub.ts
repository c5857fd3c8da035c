import { type ExportedMessage, type HubLimits, rebuild, spacesOf } from "@aidao/server";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";

export const hubOptions = { hub: { type: "string" }, json: { type: "boolean" } } as const;

const hubUrl = (o: Record<string, unknown>) =>
  String(o.hub ?? process.env.AIDAO_HUB ?? "http://127.0.0.1:8787").replace(/\/$/, "");

async function getJson(url: string): Promise<Record<string, unknown>> {
  let r: Response;
  try {
    r = await fetch(url);
  } catch {
    throw new UsageError(`cannot reach the hub at ${url}`);
  }
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new UsageError(`${url}: ${String(body.error_description ?? r.status)}`);
  return body;
}

/**
 * `aidao hub verify`: downloads a hub's whole message log and rebuilds its state here, re-verifying every signature
 * and reading every voter's power from the chain; then compares each proposal's scores with what the hub reports.
 */
export async function hubVerify(ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const info = await getJson(`${base}/api/hub`);
  if (info.chainId !== ctx.deployment.chainId) {
    throw new UsageError(`the hub serves chain ${String(info.chainId)}; --rpc is chain ${ctx.deployment.chainId}`);
  }
  const messages: ExportedMessage[] = [];
  for (let after = 0; ; ) {
    const page = await getJson(`${base}/api/hub/messages?after=${after}&limit=1000`);
    messages.push(...(page.messages as ExportedMessage[]));
    if (page.next === null || page.next === undefined) break;
    after = page.next as number;
  }
  const spaces = await spacesOf(ctx.deployment, ctx.publicClient);
  const rebuilt = await rebuild(messages, {
    chainId: ctx.deployment.chainId,
    spaces,
    client: ctx.publicClient,
    limits: info.limits as Partial<HubLimits>,
  });
  const mismatches: string[] = [];
  for (const [id, scores] of rebuilt.proposals) {
    const reported = (await getJson(`${base}/api/hub/proposals/${id}/results`)).scores as number[];
    const same = reported.length === scores.length && reported.every((x, i) => Math.abs(x - (scores[i] ?? 0)) < 1e-9);
    if (!same)
      mismatches.push(`${id}: the hub reports ${JSON.stringify(reported)}, the log gives ${JSON.stringify(scores)}`);
  }
  const summary = {
    messages: rebuilt.messages,
    proposals: rebuilt.proposals.size,
    mismatches,
    verified: mismatches.length === 0,
  };
  if (o.json) return JSON.stringify(summary, null, 2);
  if (mismatches.length > 0)
    throw new UsageError(`the hub's results differ from its own log:\n  ${mismatches.join("\n  ")}`);
  return `verified ${rebuilt.messages} messages and ${rebuilt.proposals.size} proposals: every signature checks, and every result matches`;
}

/** `aidao hub proposals --space ID`: a space's latest proposals with their state and scores. */
export async function hubProposals(_ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const space = String(o.space ?? "aidao");
  const page = await getJson(`${base}/api/hub/spaces/${encodeURIComponent(space)}/proposals?limit=20`);
  const rows = page.proposals as Array<{ id: string; title: string; state: string; type: string }>;
  if (o.json) return JSON.stringify(rows, null, 2);
  if (rows.length === 0) return `no proposals in ${space}`;
  return rows.map((p) => `${p.id}  ${p.state.padEnd(9)} ${p.type.padEnd(14)} ${p.title}`).join("\n");
}
