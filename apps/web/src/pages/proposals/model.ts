import { treasuryAbi } from "@aidao/sdk";
import { type Address, decodeFunctionData, encodeFunctionData, getAddress, type Hex, isAddress } from "viem";
import { parseAmount } from "../../lib/format.ts";

/** OpenZeppelin Governor's ProposalState, by its index. */
export const ONCHAIN_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type OnchainState = (typeof ONCHAIN_STATES)[number];

export const VOTING_TYPES = ["single-choice", "approval", "weighted", "quadratic", "ranked-choice", "basic"] as const;
export type VotingType = (typeof VOTING_TYPES)[number];

/** A row of the indexer's /api/proposals. */
export type IndexedProposal = {
  governor: string;
  proposalId: string;
  proposer: string;
  description: string;
  calls: Array<{ target: string; value: string; calldata: string }>;
  voteStart: string;
  voteEnd: string;
  status: string;
  eta: string | null;
  votes: { for: string; against: string; abstain: string; voters: number };
  blockNumber: number;
};

/** A hub proposal (/api/hub/proposals/:id). */
export type HubProposal = {
  id: string;
  space: string;
  author: string;
  created: number;
  type: VotingType;
  title: string;
  body: string;
  choices: string[];
  start: number;
  end: number;
  snapshot: number;
  state: "pending" | "active" | "closed" | "cancelled";
};

export type HubResults = {
  state: string;
  type: string;
  choices: string[];
  votes: number;
  scores: number[];
  scoresTotal: number;
  quorum: number;
  quorumReached: boolean;
};

export type HubVote = { id: string; voter: string; created: number; choice: unknown; vp: number; reason: string };

/** One line of the combined list. */
export type ListItem = {
  kind: "onchain" | "offchain";
  id: string;
  title: string;
  state: string;
  /** When voting opens and closes (unix s). */
  start: number;
  end: number;
  summary: string;
};

/** A proposal's title: the first line of its description, without a Markdown heading mark. */
export const titleOf = (description: string) =>
  (description.split("\n")[0] ?? "").replace(/^#+\s*/, "").trim() || "(untitled)";

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Both kinds in one list, the latest voting first. */
export function mergeProposals(
  onchain: Array<IndexedProposal & { state?: OnchainState | undefined }>,
  offchain: HubProposal[],
  formatVotes: (p: IndexedProposal) => string,
): ListItem[] {
  const a: ListItem[] = onchain.map((p) => ({
    kind: "onchain",
    id: p.proposalId,
    title: titleOf(p.description),
    state: p.state ?? capital(p.status),
    start: Number(p.voteStart),
    end: Number(p.voteEnd),
    summary: formatVotes(p),
  }));
  const b: ListItem[] = offchain.map((p) => ({
    kind: "offchain",
    id: p.id,
    title: p.title,
    state: capital(p.state),
    start: p.start,
    end: p.end,
    summary: `${p.type}, ${p.choices.length} choices`,
  }));
  return [...a, ...b].sort((x, y) => y.start - x.start);
}

/** Whether an on-chain proposal reached its quorum (GovernorCountingSimple: for + abstain ≥ quorum). */
export const quorumReached = (votes: { for: bigint; abstain: bigint }, quorum: bigint) =>
  votes.for + votes.abstain >= quorum;

/** "3 d 4 h", "12 min", "now" until `eta` from `now` (both unix s). */
export function countdown(eta: number, now: number): string {
  let s = Math.max(0, Math.floor(eta - now));
  if (s === 0) return "now";
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = d ? [`${d} d`, h ? `${h} h` : ""] : h ? [`${h} h`, m ? `${m} min` : ""] : m ? [`${m} min`] : [`${s} s`];
  return parts.filter(Boolean).join(" ");
}

/** What a ballot holds before it is encoded. */
export type Ballot =
  | { type: "single-choice" | "basic"; choice: number | null }
  | { type: "approval"; chosen: number[] }
  | { type: "ranked-choice"; order: number[] }
  | { type: "weighted" | "quadratic"; weights: string[] };

export function emptyBallot(type: VotingType, choices: number): Ballot {
  switch (type) {
    case "single-choice":
    case "basic":
      return { type, choice: null };
    case "approval":
      return { type, chosen: [] };
    case "ranked-choice":
      return { type, order: Array.from({ length: choices }, (_, i) => i + 1) };
    case "weighted":
    case "quadratic":
      return { type, weights: Array.from({ length: choices }, () => "") };
  }
}

/** The vote message's choice as the hub wants it for this type, or why the ballot is not valid. */
export function encodeBallot(
  b: Ballot,
):
  | { ok: true; choice: number | number[] | string; shape: "uint32" | "uint32[]" | "string" }
  | { ok: false; error: string } {
  switch (b.type) {
    case "single-choice":
    case "basic":
      return b.choice === null
        ? { ok: false, error: "Pick a choice." }
        : { ok: true, choice: b.choice, shape: "uint32" };
    case "approval":
      return { ok: true, choice: [...b.chosen].sort((x, y) => x - y), shape: "uint32[]" };
    case "ranked-choice":
      return b.order.length === 0
        ? { ok: false, error: "Rank at least one choice." }
        : { ok: true, choice: b.order, shape: "uint32[]" };
    case "weighted":
    case "quadratic": {
      const weights: Record<string, number> = {};
      for (const [i, raw] of b.weights.entries()) {
        const t = raw.trim();
        if (t === "") continue;
        const w = Number(t);
        if (!Number.isFinite(w) || w < 0)
          return { ok: false, error: `The weight of choice ${i + 1} must be a number ≥ 0.` };
        if (w > 0) weights[String(i + 1)] = w;
      }
      if (Object.keys(weights).length === 0) return { ok: false, error: "Give at least one choice a weight above 0." };
      return { ok: true, choice: JSON.stringify(weights), shape: "string" };
    }
  }
}

/** A stored vote's choice in words ("Face detection", "1st A, 2nd B", "A 2 · B 1"). */
export function describeChoice(type: string, choice: unknown, choices: string[]): string {
  const name = (n: unknown) => choices[Number(n) - 1] ?? `#${String(n)}`;
  if (typeof choice === "number") return name(choice);
  if (Array.isArray(choice)) {
    if (choice.length === 0) return "none";
    return type === "ranked-choice"
      ? choice.map((c, i) => `${i + 1}. ${name(c)}`).join(", ")
      : choice.map(name).join(", ");
  }
  const weights = typeof choice === "string" ? safeJson(choice) : choice;
  if (weights && typeof weights === "object") {
    return Object.entries(weights as Record<string, number>)
      .map(([k, w]) => `${name(k)} ${w}`)
      .join(" · ");
  }
  return String(choice);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** The off-chain proposal form's values. */
export type HubDraft = { title: string; body: string; type: VotingType; choices: string; start: string; end: string };

/** Checks an off-chain draft; the errors by field, or the message fields. */
export function checkHubDraft(
  d: HubDraft,
  now: number,
):
  | { ok: true; choices: string[]; start: number; end: number }
  | { ok: false; errors: Partial<Record<keyof HubDraft, string>> } {
  const errors: Partial<Record<keyof HubDraft, string>> = {};
  if (!d.title.trim()) errors.title = "Give the proposal a title.";
  else if (d.title.length > 256) errors.title = "The title has at most 256 characters.";
  if (d.body.length > 10_000) errors.body = "The body has at most 10,000 characters.";
  const choices = d.choices
    .split("\n")
    .map((c) => c.trim())
    .filter(Boolean);
  if (d.type === "basic" && choices.length !== 3)
    errors.choices = "A basic vote has exactly three choices: For, Against, Abstain.";
  else if (choices.length < 1 || choices.length > 64) errors.choices = "Write 1 to 64 choices, one a line.";
  else if (new Set(choices).size !== choices.length) errors.choices = "Each choice must be different.";
  const start = d.start ? Math.floor(Date.parse(d.start) / 1000) : now;
  const end = Math.floor(Date.parse(d.end) / 1000);
  if (!Number.isFinite(start)) errors.start = "Not a date and time.";
  if (!Number.isFinite(end)) errors.end = "Not a date and time.";
  else if (end <= Math.max(start, now)) errors.end = "The vote must end after it starts.";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, choices, start: Math.max(start, now), end };
}

/** The on-chain proposal form's values. */
export type OnchainDraft = { title: string; body: string; action: "transfer" | "text"; to: string; amount: string };

export type Calls = { targets: Address[]; values: bigint[]; calldatas: Hex[] };

/**
 * The governor's calls for a draft: a treasury transfer is `Treasury.spend(AIDAO, to, amount)` (the timelock owns the
 * treasury); a text-only proposal still needs one call, so it sends nothing to the timelock itself (its receive()).
 */
export function buildOnchainProposal(
  d: OnchainDraft,
  c: { treasury: Address; token: Address; timelock: Address },
):
  | { ok: true; calls: Calls; description: string }
  | { ok: false; errors: Partial<Record<keyof OnchainDraft, string>> } {
  const errors: Partial<Record<keyof OnchainDraft, string>> = {};
  const title = d.title.trim();
  if (!title) errors.title = "Give the proposal a title.";
  let calls: Calls = { targets: [c.timelock], values: [0n], calldatas: ["0x"] };
  if (d.action === "transfer") {
    const amount = parseAmount(d.amount);
    if (!isAddress(d.to.trim(), { strict: false })) errors.to = "Not an address (0x followed by 40 hex digits).";
    if (amount === null) errors.amount = "Write a positive amount of AIDAO, e.g. 1000 or 12.5.";
    if (!errors.to && amount !== null) {
      const data = encodeFunctionData({
        abi: treasuryAbi,
        functionName: "spend",
        args: [c.token, getAddress(d.to.trim()), amount],
      });
      calls = { targets: [c.treasury], values: [0n], calldatas: [data] };
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const body = d.body.trim();
  return { ok: true, calls, description: body ? `# ${title}\n\n${body}` : `# ${title}` };
}

/** A call in words when it is a treasury transfer; its selector otherwise. */
export function describeCall(
  call: { target: string; value: string; calldata: string },
  c: { treasury: string; timelock: string },
  amount: (wei: bigint) => string,
): string {
  if (call.target.toLowerCase() === c.treasury.toLowerCase()) {
    try {
      const d = decodeFunctionData({ abi: treasuryAbi, data: call.calldata as Hex });
      if (d.functionName === "spend") {
        const [, to, wei] = d.args as readonly [Address, Address, bigint];
        return `Treasury: send ${amount(wei)} to ${to}`;
      }
      return `Treasury: ${d.functionName}`;
    } catch {
      // Not a treasury function this app knows: fall through to the selector.
    }
  }
  if (call.calldata === "0x" && call.target.toLowerCase() === c.timelock.toLowerCase()) return "Nothing (text only)";
  return `${call.target}: ${call.calldata.slice(0, 10)}…`;
}

/** A description without its title line (the page shows the title as its heading). */
export const bodyOf = (description: string) => description.split("\n").slice(1).join("\n").trim();
