import { readFileSync } from "node:fs";
import { hubSpaceTypes, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import { type ExportedMessage, type HubLimits, rebuild, spacesOf } from "@aidao/server";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";

export const hubOptions = { hub: { type: "string" }, json: { type: "boolean" } } as const;

const hubUrl = (o: Record<string, unknown>) =>
  String(o.hub ?? process.env.AIDAO_HUB ?? "http://127.0.0.1:8787").replace(/\/$/, "");

async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let r: Response;
  try {
    r = await fetch(url, init);
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

/**
 * `aidao hub settings --space ID --set FILE|JSON`: signs a Snapshot `space` message with the signer (an admin of the
 * space: one of its Safe's owners) and sends it; prints the space's settings as the hub now applies them.
 */
export async function hubSettings(ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const space = o.space;
  if (typeof space !== "string" || space === "") throw new UsageError("--space is required (e.g. aidao, dao-3)");
  if (typeof o.set !== "string") throw new UsageError("--set is required: a JSON object, or a file holding one");
  const text = o.set.trimStart().startsWith("{") ? o.set : readSettingsFile(o.set);
  try {
    JSON.parse(text);
  } catch {
    throw new UsageError("--set is not valid JSON");
  }
  const signer = ctx.signer();
  const message = {
    from: signer.account.address,
    space,
    timestamp: Math.floor(Date.now() / 1000),
    settings: text,
  };
  const sig = await signer.signTypedData({
    domain: SNAPSHOT_DOMAIN,
    types: hubSpaceTypes,
    primaryType: "Space",
    message: message as never,
  });
  const receipt = await getJson(`${base}/api/msg`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      address: signer.account.address,
      sig,
      data: { domain: SNAPSHOT_DOMAIN, types: hubSpaceTypes, message },
    }),
  });
  const now = await getJson(`${base}/api/hub/spaces/${encodeURIComponent(space)}`);
  if (o.json) return JSON.stringify({ id: receipt.id, space: now }, null, 2);
  return [
    `settings of ${space} set (message ${String(receipt.id)})`,
    `  name          ${String(now.name)}`,
    `  voting types  ${(now.votingTypes as string[]).join(", ")}`,
    `  delay         ${JSON.stringify(now.delay)} s   period ${JSON.stringify(now.period)} s`,
    `  threshold     ${String(now.proposalThreshold)}   quorum ${String(now.quorum)}`,
    `  moderators    ${(now.moderators as string[]).join(", ") || "none"}`,
  ].join("\n");
}

function readSettingsFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`--set ${path}: not JSON, and no such file`);
  }
}
