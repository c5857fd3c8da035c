import { readFileSync } from "node:fs";
import {
  hubProposalTypes,
  hubSpaceTypes,
  hubVoteArrayTypes,
  hubVoteStringTypes,
  hubVoteTypes,
  SNAPSHOT_DOMAIN,
} from "@aidao/sdk";
import {
  buildSafePlugins,
  type ExecutionStatus,
  type ExportedMessage,
  executeSafeTx,
  type HubLimits,
  type PreparedSafeTxJSON,
  preparedSafeTxFromJSON,
  rebuild,
  type SafePayloadInput,
  safeTxTypedData,
  spacesOf,
} from "@aidao/server";
import { type Address, getAddress, type Hex } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { duration } from "../parse.ts";

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

/** Signs a message in Snapshot's domain with the signer and posts it; answers the hub's receipt. */
async function send(ctx: Context, base: string, types: Record<string, unknown>, message: Record<string, unknown>) {
  const signer = ctx.signer();
  const primaryType = Object.keys(types)[0] as string;
  const full = { from: signer.account.address, timestamp: Math.floor(Date.now() / 1000), ...message };
  const sig = await signer.signTypedData({ domain: SNAPSHOT_DOMAIN, types, primaryType, message: full } as never);
  return getJson(`${base}/api/msg`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      address: signer.account.address,
      sig,
      data: { domain: SNAPSHOT_DOMAIN, types, message: full },
    }),
  });
}

/** A payload given as JSON or a file: `{ "transactions": [{ "to", "value", "data" }] }` (safe and chain: the space's). */
function payloadFrom(text: string, safe: Address, chainId: number): SafePayloadInput {
  const raw = text.trimStart().startsWith("{") ? text : readSettingsFile(text);
  let json: { safe?: Address; chainId?: number; transactions?: SafePayloadInput["transactions"] };
  try {
    json = JSON.parse(raw);
  } catch {
    throw new UsageError("--payload is not valid JSON");
  }
  if (!Array.isArray(json.transactions))
    throw new UsageError('--payload needs "transactions": [{ "to", "value", "data" }]');
  return { safe: json.safe ?? safe, chainId: json.chainId ?? chainId, transactions: json.transactions };
}

/**
 * `aidao hub propose --space ID --title T [--type basic] [--choices For,Against,Abstain] [--period 3d] [--payload J]`:
 * a proposal signed by the signer, its power read at the chain's latest block; `--payload` attaches transactions the
 * space's Safe executes if it passes.
 */
export async function hubPropose(ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const spaceId = String(o.space ?? "aidao");
  if (typeof o.title !== "string" || o.title === "") throw new UsageError("--title is required");
  const type = String(o.type ?? "basic");
  const choices =
    typeof o.choices === "string"
      ? o.choices.split(",").map((c) => c.trim())
      : type === "basic"
        ? ["For", "Against", "Abstain"]
        : ["Yes", "No"];
  const period = duration(o.period as string | undefined, "period", 3 * 86_400);
  const space = await getJson(`${base}/api/hub/spaces/${encodeURIComponent(spaceId)}`);
  let plugins = "{}";
  if (typeof o.payload === "string") {
    if (typeof space.safe !== "string")
      throw new UsageError(`space ${spaceId} has no Safe: a proposal there cannot carry transactions`);
    plugins = buildSafePlugins(payloadFrom(o.payload, space.safe as Address, ctx.deployment.chainId));
  }
  const start = Math.floor(Date.now() / 1000);
  const snapshot = Number(await ctx.publicClient.getBlockNumber({ cacheTime: 0 }));
  const r = await send(ctx, base, hubProposalTypes, {
    space: spaceId,
    type,
    title: o.title,
    body: String(o.body ?? ""),
    discussion: "",
    choices,
    labels: [],
    start,
    end: start + period,
    snapshot,
    plugins,
    privacy: "",
    app: "aidao-cli",
  });
  if (o.json) return JSON.stringify(r, null, 2);
  return `proposal ${String(r.id)} in ${spaceId}: ${choices.join(" / ")}, voting until ${new Date((start + period) * 1000).toISOString()}${plugins === "{}" ? "" : " (executes on the Safe if it passes)"}`;
}

const proposalId = (o: Record<string, unknown>) => {
  if (typeof o.proposal !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(o.proposal)) {
    throw new UsageError("--proposal must be a proposal id (0x + 64 hex digits)");
  }
  return o.proposal;
};

function describeExecution(s: ExecutionStatus): string {
  const lines = [`${s.proposal}: ${s.state}${s.why ? ` (${s.why})` : ""}`];
  if (s.payload) lines.push(`  Safe ${s.payload.safe}: ${s.payload.transactions.length} transaction(s)`);
  if (s.safeTx) lines.push(`  SafeTx ${s.safeTx.hash} (nonce ${s.safeTx.tx.nonce})`);
  if (s.threshold !== undefined) {
    lines.push(
      `  signed by ${s.signatures?.length ?? 0} of ${s.threshold} needed: ${(s.signatures ?? []).map((x) => x.owner).join(", ") || "nobody yet"}`,
    );
  }
  if (s.executed)
    lines.push(`  executed in ${s.executed.txHash}${s.executed.success ? "" : " (the Safe reported a failure)"}`);
  return lines.join("\n");
}

/** `aidao hub execution --proposal ID`: where a proposal's Safe transaction stands. */
export async function hubExecution(_ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const s = (await getJson(`${hubUrl(o)}/api/hub/proposals/${proposalId(o)}/execution`)) as unknown as ExecutionStatus;
  return o.json ? JSON.stringify(s, null, 2) : describeExecution(s);
}

/** `aidao hub sign --proposal ID`: signs a passed proposal's SafeTx as one of the Safe's owners, and sends it. */
export async function hubSign(ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const id = proposalId(o);
  const s = (await getJson(`${base}/api/hub/proposals/${id}/execution`)) as unknown as ExecutionStatus;
  if (s.state !== "collecting" && s.state !== "queued") {
    throw new UsageError(`proposal ${id} is not collecting signatures: ${s.state}${s.why ? ` (${s.why})` : ""}`);
  }
  const prepared = preparedSafeTxFromJSON(s.safeTx as PreparedSafeTxJSON);
  const signer = ctx.signer();
  const signature = await signer.signTypedData(safeTxTypedData(prepared));
  const after = (await getJson(`${base}/api/hub/proposals/${id}/execution/signatures`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ signature }),
  })) as unknown as ExecutionStatus;
  return o.json ? JSON.stringify(after, null, 2) : describeExecution(after);
}

/** `aidao hub execute --proposal ID`: sends a ready SafeTx with the collected signatures (anyone may; you pay the gas). */
export async function hubExecute(ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const id = proposalId(o);
  const s = (await getJson(`${base}/api/hub/proposals/${id}/execution`)) as unknown as ExecutionStatus;
  if (s.state !== "ready")
    throw new UsageError(`proposal ${id} is not ready to execute: ${s.state}${s.why ? ` (${s.why})` : ""}`);
  const prepared = preparedSafeTxFromJSON(s.safeTx as PreparedSafeTxJSON);
  const signatures = (s.signatures ?? []).map((x) => ({
    owner: getAddress(x.owner),
    signature: x.signature as Hex,
    kind: "eip712" as const,
  }));
  const r = await executeSafeTx(ctx.signer(), prepared, signatures, { publicClient: ctx.publicClient });
  if (o.json)
    return JSON.stringify({ txHash: r.txHash, success: r.success, blockNumber: r.blockNumber.toString() }, null, 2);
  return `executed proposal ${id}'s SafeTx ${prepared.hash} in ${r.txHash}${r.success ? "" : " — the Safe reported a failure"}`;
}

/**
 * `aidao hub vote --proposal ID --choice C [--reason R]`: a signed off-chain vote. The choice is written as the
 * proposal's type wants it: `2` (single-choice, basic: 1 For, 2 Against, 3 Abstain), `1,3` (approval), `3,1,2`
 * (ranked-choice), `1=2,3=1` (weighted, quadratic: choice=weight).
 */
export async function hubVote(ctx: Context, o: Record<string, string | boolean | undefined>): Promise<string> {
  const base = hubUrl(o);
  const id = proposalId(o);
  if (typeof o.choice !== "string" || o.choice === "")
    throw new UsageError("--choice is required (e.g. 1, or 1,3, or 1=2,3=1)");
  const p = await getJson(`${base}/api/hub/proposals/${id}`);
  const type = String(p.type);
  const n = (p.choices as string[]).length;
  const index = (x: string) => {
    const v = Number(x.trim());
    if (!Number.isInteger(v) || v < 1 || v > n) throw new UsageError(`--choice: "${x}" is not a choice of 1..${n}`);
    return v;
  };
  let types: Record<string, unknown>;
  let choice: unknown;
  if (type === "single-choice" || type === "basic") {
    types = hubVoteTypes;
    choice = index(o.choice);
  } else if (type === "approval" || type === "ranked-choice") {
    types = hubVoteArrayTypes;
    choice = o.choice.split(",").map(index);
  } else {
    types = hubVoteStringTypes;
    const weights: Record<string, number> = {};
    for (const pair of o.choice.split(",")) {
      const [c, w] = pair.split("=");
      const weight = Number(w);
      if (c === undefined || !Number.isFinite(weight) || weight <= 0) {
        throw new UsageError(`--choice: "${pair}" is not choice=weight (e.g. 1=2,3=1)`);
      }
      weights[String(index(c))] = weight;
    }
    choice = JSON.stringify(weights);
  }
  const r = await send(ctx, base, types, {
    space: String(p.space),
    proposal: id,
    choice,
    reason: String(o.reason ?? ""),
    app: "aidao-cli",
    metadata: "{}",
  });
  if (o.json) return JSON.stringify(r, null, 2);
  const results = await getJson(`${base}/api/hub/proposals/${id}/results`);
  return `voted on ${id} (message ${String(r.id)}); scores now ${JSON.stringify(results.scores)}`;
}
