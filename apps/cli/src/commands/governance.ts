import { readFileSync } from "node:fs";
import {
  aidaoGovernorAbi,
  BaseError,
  castVote,
  execute,
  formatDuration,
  type GovernanceCall,
  propose,
  queue,
  type Support,
} from "@aidao/sdk";
import {
  type AbiFunction,
  type AbiParameter,
  type Address,
  encodeFunctionData,
  formatUnits,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  parseAbiItem,
  parseEventLogs,
  parseUnits,
} from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";

// Helpers shared by the main DAO's commands (stake, governance, rewards, status).

/** Parsed options; `--call` may be repeated, so a value can also be a list. */
export type Options = Record<string, unknown>;
export const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);
export const aidao = (v: bigint) => `${formatUnits(v, 18)} AIDAO`;
export const json = (data: unknown) => JSON.stringify(data, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);
export const when = (t: bigint) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
/** "in 3 d 4 h" or "2 h ago", against the chain's clock (not this machine's: a local chain may run ahead). */
export const relative = (t: bigint, now: bigint) =>
  t > now ? `in ${formatDuration(Number(t - now))}` : `${formatDuration(Number(now - t))} ago`;

/** The latest block's timestamp: "now" for the contracts. */
export async function chainTime(ctx: Context): Promise<bigint> {
  return (await ctx.publicClient.getBlock({ blockTag: "latest" })).timestamp;
}

/** The account a read is about: `--account`, else the configured signer's. */
export function accountOf(ctx: Context, o: Options, option = "account"): Address {
  const given = str(o, option);
  if (given !== undefined) {
    if (!isAddress(given, { strict: false })) throw new UsageError(`--${option}: "${given}" is not an address`);
    return getAddress(given);
  }
  try {
    return ctx.signer().account.address;
  } catch {
    throw new UsageError(
      `--${option} is required (or set AIDAO_PRIVATE_KEY, or --dev-account N locally, for your own)`,
    );
  }
}

/**
 * Runs a write; when the chain refuses it, re-throws the refusal (exit code 1) with the contract's error name and,
 * from `hint`, what the account can do about it.
 */
export async function explained<T>(
  action: () => Promise<T>,
  hint: (error: BaseError) => Promise<string | undefined> | string | undefined,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof BaseError) || !error.errorName) throw error;
    const more = await Promise.resolve()
      .then(() => hint(error))
      .catch(() => undefined);
    const message = MESSAGES[error.errorName] ?? error.shortMessage;
    throw new BaseError(`${message} [${error.errorName}]${more ? `\n  ${more}` : ""}`, {
      cause: error,
      errorName: error.errorName,
      ...(error.args ? { args: error.args } : {}),
    });
  }
}

/** Sentences for refusals the SDK leaves as raw names. */
const MESSAGES: Record<string, string> = {
  TimelockUnexpectedOperationState: "The timelock has not released this operation.",
};

// The main DAO's on-chain governance: AIDAOGovernor, executing through the TimelockController.

export const governanceOptions = {
  title: { type: "string" },
  description: { type: "string" },
  call: { type: "string", multiple: true },
  calls: { type: "string" },
  proposal: { type: "string" },
  support: { type: "string" },
  reason: { type: "string" },
  state: { type: "string" },
  json: { type: "boolean" },
} as const;

export const STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type StateName = (typeof STATES)[number];
const OPEN: readonly StateName[] = ["Pending", "Active", "Succeeded", "Queued"];

/** The governor's clock (ERC-6372): timepoints are unix seconds (`timestamp`) or block numbers. */
type Clock = { mode: "timestamp" | "blocknumber"; now: bigint; time: bigint };

export type Proposal = {
  proposalId: bigint;
  title: string;
  description: string;
  proposer: Address;
  /** The block and transaction that created it. */
  block: bigint;
  transaction: Hex;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  state: StateName;
  /** Votes count as delegated at this timepoint; voting opens right after it. */
  snapshot: bigint;
  /** Voting closes at this timepoint (later if a late quorum extended it). */
  deadline: bigint;
  /** When a queued proposal becomes executable (unix seconds), else 0. */
  eta: bigint;
  votes: { for: bigint; against: bigint; abstain: bigint };
  /** The quorum at the snapshot, once the snapshot is in the past. */
  quorum: bigint | undefined;
};

async function readClock(ctx: Context): Promise<Clock> {
  const governor = ctx.deployment.contracts.AIDAOGovernor.address;
  const [mode, now, block] = await Promise.all([
    ctx.publicClient.readContract({ address: governor, abi: aidaoGovernorAbi, functionName: "CLOCK_MODE" }),
    ctx.publicClient.readContract({ address: governor, abi: aidaoGovernorAbi, functionName: "clock" }),
    ctx.publicClient.getBlock({ blockTag: "latest" }),
  ]);
  return { mode: mode.includes("blocknumber") ? "blocknumber" : "timestamp", now: BigInt(now), time: block.timestamp };
}

/** A governor timepoint for people: a time (and how far) or a block (and how many blocks away). */
function timepoint(t: bigint, clock: Clock): string {
  if (clock.mode === "blocknumber") {
    return `block ${t} (${t > clock.now ? `in ${t - clock.now} blocks` : `${clock.now - t} blocks ago`})`;
  }
  return `${when(t)} (${relative(t, clock.now)})`;
}

const titleOf = (description: string) => (description.split("\n")[0] ?? "").replace(/^#+\s*/, "").trim();

type Created = Omit<Proposal, "state" | "snapshot" | "deadline" | "eta" | "votes" | "quorum">;

/** The proposals made to the main DAO's governor, oldest first, as created (their calls and description). */
async function createdProposals(ctx: Context): Promise<Created[]> {
  const governor = ctx.deployment.contracts.AIDAOGovernor;
  const events = await ctx.publicClient.getContractEvents({
    address: governor.address,
    abi: aidaoGovernorAbi,
    eventName: "ProposalCreated",
    fromBlock: governor.block,
    toBlock: "latest",
  });
  return events.map((e) => {
    // Every field of a mined ProposalCreated is set; viem types them optional for partial decodes.
    const a = e.args as {
      proposalId: bigint;
      proposer: Address;
      targets: readonly Address[];
      values: readonly bigint[];
      calldatas: readonly Hex[];
      description: string;
    };
    return {
      proposalId: a.proposalId,
      title: titleOf(a.description),
      description: a.description,
      proposer: a.proposer,
      block: e.blockNumber,
      transaction: e.transactionHash,
      targets: [...a.targets],
      values: [...a.values],
      calldatas: [...a.calldatas],
    };
  });
}

/** Every proposal ever made to the main DAO's governor, oldest first, with its state and tally now. */
export async function listProposals(ctx: Context): Promise<Proposal[]> {
  const [created, clock] = await Promise.all([createdProposals(ctx), readClock(ctx)]);
  return Promise.all(created.map((p) => withState(ctx, clock, p)));
}

async function withState(ctx: Context, clock: Clock, p: Created): Promise<Proposal> {
  const read = { address: ctx.deployment.contracts.AIDAOGovernor.address, abi: aidaoGovernorAbi } as const;
  const args = [p.proposalId] as const;
  const [state, snapshot, deadline, eta, [against, forVotes, abstain]] = await Promise.all([
    ctx.publicClient.readContract({ ...read, functionName: "state", args }),
    ctx.publicClient.readContract({ ...read, functionName: "proposalSnapshot", args }),
    ctx.publicClient.readContract({ ...read, functionName: "proposalDeadline", args }),
    ctx.publicClient.readContract({ ...read, functionName: "proposalEta", args }),
    ctx.publicClient.readContract({ ...read, functionName: "proposalVotes", args }),
  ]);
  // The quorum reads the staked supply at the snapshot, which only exists once the snapshot is past.
  const quorum =
    snapshot < clock.now
      ? await ctx.publicClient.readContract({ ...read, functionName: "quorum", args: [snapshot] })
      : undefined;
  return {
    ...p,
    state: STATES[state] ?? "Pending",
    snapshot,
    deadline,
    eta,
    votes: { for: forVotes, against, abstain },
    quorum,
  };
}

/** One proposal, read back from its ProposalCreated event (its calls are needed to queue and execute it). */
async function readProposal(ctx: Context, proposalId: bigint): Promise<{ proposal: Proposal; clock: Clock }> {
  const created = (await createdProposals(ctx)).find((p) => p.proposalId === proposalId);
  if (!created) throw new UsageError(`the main DAO has no proposal ${proposalId} (aidao proposals lists them)`);
  const clock = await readClock(ctx);
  return { proposal: await withState(ctx, clock, created), clock };
}

/** Where a proposal stands and what comes next, in one line. */
function standing(p: Proposal, clock: Clock): string {
  const v = p.votes;
  switch (p.state) {
    case "Pending":
      return `voting opens ${timepoint(p.snapshot, clock)}`;
    case "Active":
      return `voting closes ${timepoint(p.deadline, clock)}`;
    case "Succeeded":
      return `passed: queue it (aidao queue --proposal ${p.proposalId}), then wait for the timelock`;
    case "Queued":
      return p.eta > clock.time
        ? `executable from ${when(p.eta)} (${relative(p.eta, clock.time)}), once the timelock delay has passed`
        : `executable now: aidao execute --proposal ${p.proposalId}`;
    case "Defeated":
      return (
        `defeated: for ${formatUnits(v.for, 18)}, against ${formatUnits(v.against, 18)}, abstain ` +
        `${formatUnits(v.abstain, 18)}; it needed for > against and for + abstain ≥ the quorum of ` +
        `${p.quorum === undefined ? "?" : aidao(p.quorum)}`
      );
    case "Executed":
      return "executed: nothing left to do";
    case "Canceled":
      return "canceled";
    case "Expired":
      return "expired";
  }
}

/** Why the governor refused an action on `proposalId`: where it stands now. */
async function proposalHint(ctx: Context, proposalId: bigint): Promise<string> {
  const { proposal, clock } = await readProposal(ctx, proposalId);
  if (proposal.state === "Succeeded") {
    return `proposal ${proposalId} is Succeeded but not queued: aidao queue --proposal ${proposalId} first`;
  }
  return `proposal ${proposalId} is ${proposal.state}: ${standing(proposal, clock)}`;
}

function proposalOption(o: Options): bigint {
  const v = str(o, "proposal");
  if (!v) throw new UsageError("--proposal is required (aidao proposals lists them)");
  if (!/^(\d+|0x[0-9a-fA-F]{1,64})$/.test(v) || BigInt(v) === 0n) {
    throw new UsageError(`--proposal: "${v}" is not a proposal id (the number aidao proposals shows)`);
  }
  return BigInt(v);
}

const SUPPORT: Record<string, Support> = { against: 0, for: 1, abstain: 2 };

// --- aidao propose ----------------------------------------------------------------------------------------------

type Call = GovernanceCall & { label: string };

/** Splits on commas outside brackets, parentheses and double quotes. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "[" || ch === "(")) depth++;
    else if (!quoted && (ch === "]" || ch === ")")) depth--;
    if (ch === "," && depth === 0 && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/** One command-line argument as the value of an ABI parameter. */
function argument(param: AbiParameter, raw: string, where: string): unknown {
  const t = param.type;
  const bad = (what: string) => new UsageError(`${where}: "${raw}" is not ${what} (${t})`);
  const list = /^(.*)\[(\d*)\]$/.exec(t);
  if (list) {
    if (!/^\[.*\]$/s.test(raw)) throw bad("a list like [a,b]");
    const inner = raw.slice(1, -1).trim();
    const items = inner === "" ? [] : splitTop(inner);
    if (list[2] && items.length !== Number(list[2])) throw bad(`a list of ${list[2]}`);
    return items.map((item) => argument({ ...param, type: list[1] as string }, item, where));
  }
  if (t.startsWith("tuple")) {
    throw new UsageError(`${where}: struct arguments are not supported here; use 0xTARGET:0xCALLDATA or --calls FILE`);
  }
  if (t === "address") {
    if (!isAddress(raw, { strict: false })) throw bad("an address");
    return getAddress(raw);
  }
  if (t === "bool") {
    if (raw === "true" || raw === "false") return raw === "true";
    throw bad("true or false");
  }
  if (/^u?int\d*$/.test(t)) {
    // 100e18 (a hundred 18-decimal tokens) or a plain integer of the smallest unit.
    const m = /^(-?\d+)(?:\.(\d+))?(?:e(\d+))?$/.exec(raw);
    if (!m || (m[2] !== undefined && (m[3] === undefined || m[2].length > Number(m[3])))) {
      throw bad("an integer (e.g. 42, or 100e18 for 100 tokens of 18 decimals)");
    }
    return m[3] === undefined ? BigInt(m[1] as string) : parseUnits(`${m[1]}.${m[2] ?? "0"}`, Number(m[3]));
  }
  if (t.startsWith("bytes")) {
    if (!isHex(raw)) throw bad("0x-prefixed hex");
    return raw;
  }
  if (t === "string") return /^".*"$/s.test(raw) ? raw.slice(1, -1) : raw;
  throw new UsageError(`${where}: arguments of type ${t} are not supported here; use --calls FILE`);
}

/** `0xTARGET:transfer(address,uint256):0xTO,100e18`, or `0xTARGET:0xCALLDATA`, as a call the timelock makes. */
export function parseCall(spec: string): Call {
  const where = `--call "${spec}"`;
  const [target = "", signature, ...rest] = spec.split(":");
  if (!isAddress(target, { strict: false })) {
    throw new UsageError(`${where}: "${target}" is not an address (the form is 0xTARGET:SIG:ARGS, e.g. ${EXAMPLE})`);
  }
  if (!signature) throw new UsageError(`${where}: no function (the form is 0xTARGET:SIG:ARGS, e.g. ${EXAMPLE})`);
  const raw = rest.join(":");
  if (signature.startsWith("0x")) {
    if (!isHex(signature) || rest.length > 0) throw new UsageError(`${where}: "${signature}" is not calldata (0x…)`);
    return { target: getAddress(target), value: 0n, data: signature, label: `${signature.slice(0, 10)}…` };
  }
  let fn: AbiFunction;
  try {
    const item = parseAbiItem(`function ${signature}`);
    if (item.type !== "function") throw new Error("not a function");
    fn = item;
  } catch {
    throw new UsageError(`${where}: "${signature}" is not a function signature like transfer(address,uint256)`);
  }
  const params = fn.inputs;
  // A single string parameter takes the whole rest, commas and colons included (a URI, a sentence).
  const raws = params.length === 1 && params[0]?.type === "string" ? [raw] : raw === "" ? [] : splitTop(raw);
  if (raws.length !== params.length) {
    throw new UsageError(
      `${where}: ${fn.name} takes ${params.length} argument${params.length === 1 ? "" : "s"}, got ${raws.length} ` +
        "(separate them with commas)",
    );
  }
  const args = params.map((p, i) => argument(p, raws[i] as string, where));
  let data: Hex;
  try {
    data = encodeFunctionData({ abi: [fn], functionName: fn.name, args } as never);
  } catch (error) {
    throw new UsageError(`${where}: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`);
  }
  return { target: getAddress(target), value: 0n, data, label: `${fn.name}(${raws.join(", ")})` };
}
const EXAMPLE = "0xTOKEN:transfer(address,uint256):0xTO,100e18";

/** `--calls FILE.json`: `{ "targets": [...], "values": [...], "calldatas": [...] }` or `[{ "target", "value", "data" }]`. */
export function readCalls(path: string): Call[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--calls ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not valid JSON"}`,
    );
  }
  const fail = (field: string, what: string): never => {
    throw new UsageError(`--calls ${path}: ${field} must be ${what}`);
  };
  const wei = (v: unknown, field: string) =>
    v === undefined
      ? 0n
      : (typeof v === "string" && /^\d+$/.test(v)) || (typeof v === "number" && Number.isSafeInteger(v) && v >= 0)
        ? BigInt(v)
        : fail(field, "wei as a decimal string");
  const one = (target: unknown, value: unknown, data: unknown, at: string): Call => {
    if (typeof target !== "string" || !isAddress(target, { strict: false })) fail(`${at}target`, "an address");
    if (typeof data !== "string" || !isHex(data)) fail(`${at}data`, "0x-prefixed calldata");
    return {
      target: getAddress(target as string),
      value: wei(value, `${at}value`),
      data: data as Hex,
      label: `${(data as string).slice(0, 10)}…`,
    };
  };
  const p = parsed as Record<string, unknown>;
  let calls: Call[];
  if (Array.isArray(parsed) || Array.isArray(p?.calls)) {
    const list = (Array.isArray(parsed) ? parsed : p.calls) as Array<Record<string, unknown>>;
    calls = list.map((c, i) => one(c?.target, c?.value, c?.data ?? c?.calldata, `call ${i}: `));
  } else if (p && Array.isArray(p.targets) && Array.isArray(p.calldatas)) {
    const values = (p.values ?? []) as unknown[];
    if (!Array.isArray(values)) fail("values", "a list");
    if (p.calldatas.length !== p.targets.length || (values.length > 0 && values.length !== p.targets.length)) {
      fail("targets, values and calldatas", "lists of the same length");
    }
    calls = p.targets.map((t, i) => one(t, values[i], (p.calldatas as unknown[])[i], `call ${i}: `));
  } else {
    return fail("the file", "{ targets, values, calldatas } or a list of { target, value, data }");
  }
  if (calls.length === 0) fail("the file", "at least one call");
  return calls;
}

/** `aidao propose --title T [--description D] --call 0xTARGET:SIG:ARGS… | --calls FILE`: a proposal to the main DAO. */
export async function proposeCommand(ctx: Context, o: Options): Promise<string> {
  const title = str(o, "title")?.trim();
  if (!title) throw new UsageError("--title is required");
  const specs = Array.isArray(o.call) ? (o.call as string[]) : typeof o.call === "string" ? [o.call] : [];
  const calls = [...specs.map(parseCall), ...(str(o, "calls") ? readCalls(str(o, "calls") as string) : [])];
  if (calls.length === 0) {
    throw new UsageError(`say what the proposal does: --call 0xTARGET:SIG:ARGS (repeatable) or --calls FILE.json`);
  }
  const body = str(o, "description")?.trim();
  const description = body ? `# ${title}\n\n${body}` : `# ${title}`;
  const governor = ctx.deployment.contracts.AIDAOGovernor.address;
  const proposal = {
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value),
    calldatas: calls.map((c) => c.data),
  };
  const signer = ctx.signer();
  const r = await explained(
    () => propose(signer, { governor, ...proposal, description }),
    async (e) => {
      if (e.errorName === "GovernorInsufficientProposerVotes") {
        return "proposing needs that much matured stake delegated to you: aidao stake, wait out the minimum period, aidao stake show";
      }
      if (e.errorName === "GovernorUnexpectedProposalState") {
        return `these calls with this title and description were already proposed: ${await proposalHint(ctx, BigInt(e.args?.[0] as bigint))}`;
      }
      return undefined;
    },
  );
  await ctx.confirm(r.hash);
  const { proposal: p, clock } = await readProposal(ctx, r.proposalId);
  if (o.json) return json({ ...p, hash: r.hash });
  const codes = await Promise.all(calls.map((c) => ctx.publicClient.getCode({ address: c.target })));
  return [
    `proposed ${p.proposalId} to the main DAO (${r.hash}, block ${p.block})`,
    `  title     ${title}`,
    ...calls.map(
      (c, i) =>
        `  call ${i + 1}    ${c.target} ${c.label}${c.value ? ` with ${formatUnits(c.value, 18)} ETH` : ""}` +
        (codes[i] ? "" : "   (no contract at this address!)"),
    ),
    `  state     ${p.state}`,
    `  voting    opens ${timepoint(p.snapshot, clock)}`,
    `            closes ${timepoint(p.deadline, clock)}`,
    `  next      aidao vote --proposal ${p.proposalId} --support for|against|abstain, once voting opens`,
  ].join("\n");
}

/** `aidao vote --proposal ID --support for|against|abstain [--reason R]`: votes with the stake delegated to you. */
export async function voteCommand(ctx: Context, o: Options): Promise<string> {
  const supportName = str(o, "support") ?? "";
  const support = SUPPORT[supportName];
  if (support === undefined) throw new UsageError("--support must be for, against or abstain");
  const proposalId = proposalOption(o);
  await readProposal(ctx, proposalId);
  const reason = str(o, "reason");
  const signer = ctx.signer();
  const hash = await ctx.confirm(
    explained(
      () =>
        castVote(signer, {
          governor: ctx.deployment.contracts.AIDAOGovernor.address,
          proposalId,
          support,
          ...(reason ? { reason } : {}),
        }),
      (e) => (e.errorName === "GovernorAlreadyCastVote" ? undefined : proposalHint(ctx, proposalId)),
    ),
  );
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash });
  const [cast] = parseEventLogs({ abi: aidaoGovernorAbi, eventName: "VoteCast", logs: receipt.logs });
  const weight = cast?.args.weight ?? 0n;
  const { proposal: p, clock } = await readProposal(ctx, proposalId);
  if (o.json) return json({ proposalId, support: supportName, weight, hash, state: p.state, votes: p.votes });
  return [
    `voted ${supportName} on proposal ${proposalId} with ${aidao(weight)} (${hash})`,
    ...(weight === 0n
      ? [
          `  note      your vote weighs nothing: no matured stake was delegated to ${signer.account.address} at the ` +
            `snapshot, ${timepoint(p.snapshot, clock)}`,
        ]
      : []),
    `  tally     for ${formatUnits(p.votes.for, 18)}, against ${formatUnits(p.votes.against, 18)}, abstain ` +
      `${formatUnits(p.votes.abstain, 18)}${p.quorum === undefined ? "" : ` (quorum ${aidao(p.quorum)})`}`,
    `  state     ${p.state}: ${standing(p, clock)}`,
  ].join("\n");
}

/**
 * Moves a proposal on with `action` (queue or execute: both take the proposal's calls and description): the
 * proposal before and after, and the transaction. A refusal is explained from where the proposal stands.
 */
async function advance(ctx: Context, proposalId: bigint, action: typeof queue | typeof execute) {
  const { proposal: before } = await readProposal(ctx, proposalId);
  const signer = ctx.signer();
  const hash = await ctx.confirm(
    explained(
      () =>
        action(signer, {
          governor: ctx.deployment.contracts.AIDAOGovernor.address,
          targets: before.targets,
          values: before.values,
          calldatas: before.calldatas,
          description: before.description,
        }),
      () => proposalHint(ctx, proposalId),
    ),
  );
  const { proposal: after, clock } = await readProposal(ctx, proposalId);
  return { before, after, clock, hash };
}

/** `aidao queue --proposal ID`: puts a succeeded proposal in the timelock. */
export async function queueCommand(ctx: Context, o: Options): Promise<string> {
  const proposalId = proposalOption(o);
  const { before, after: p, clock, hash } = await advance(ctx, proposalId, queue);
  if (o.json) return json({ proposalId, hash, from: before.state, state: p.state, eta: p.eta });
  return [
    `queued proposal ${proposalId} (${hash})`,
    `  state     ${before.state} → ${p.state}`,
    `  next      ${standing(p, clock)}`,
  ].join("\n");
}

/** `aidao execute --proposal ID`: runs a queued proposal's calls once the timelock delay has passed. */
export async function executeCommand(ctx: Context, o: Options): Promise<string> {
  const proposalId = proposalOption(o);
  const { before, after: p, hash } = await advance(ctx, proposalId, execute);
  if (o.json) return json({ proposalId, hash, from: before.state, state: p.state });
  return [`executed proposal ${proposalId} (${hash})`, `  state     ${before.state} → ${p.state}`].join("\n");
}

/** `aidao proposals [--state active,queued] [--json]`: the main DAO's proposals, newest first. */
export async function proposalsCommand(ctx: Context, o: Options): Promise<string> {
  const wanted = str(o, "state")
    ?.split(",")
    .flatMap((s): readonly StateName[] => {
      const name = s.trim().toLowerCase();
      if (name === "open") return OPEN;
      const state = STATES.find((x) => x.toLowerCase() === name);
      if (!state) throw new UsageError(`--state: "${s}" is not open or one of ${STATES.join(", ").toLowerCase()}`);
      return [state];
    });
  const all = (await listProposals(ctx)).reverse();
  const shown = wanted ? all.filter((p) => wanted.includes(p.state)) : all;
  if (o.json) return json(shown);
  if (shown.length === 0) {
    return all.length === 0
      ? "the main DAO has no proposals yet (aidao propose --title T --call 0xTARGET:SIG:ARGS)"
      : `none of the main DAO's ${all.length} proposals is ${str(o, "state")}`;
  }
  const clock = await readClock(ctx);
  return shown
    .map((p) =>
      [
        `proposal ${p.proposalId}`,
        `  title     ${p.title}`,
        `  state     ${p.state}: ${standing(p, clock)}`,
        `  votes     for ${formatUnits(p.votes.for, 18)}, against ${formatUnits(p.votes.against, 18)}, abstain ` +
          `${formatUnits(p.votes.abstain, 18)}${p.quorum === undefined ? "" : ` (quorum ${aidao(p.quorum)})`}`,
        `  voting    ${timepoint(p.snapshot, clock)} → ${timepoint(p.deadline, clock)}`,
        `  proposer  ${p.proposer}, block ${p.block}, ${p.targets.length} call${p.targets.length === 1 ? "" : "s"}`,
      ].join("\n"),
    )
    .join("\n\n");
}
