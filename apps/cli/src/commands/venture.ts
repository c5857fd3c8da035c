import {
  acceptTokenCall,
  castVote,
  combinedResult,
  daoRegistryAbi,
  execute,
  type GovernanceCall,
  investCall,
  listReceipts,
  listRounds,
  openRoundCall,
  propose,
  queue,
  type Support,
  setPriceCall,
  ventureClaim,
  ventureDeposit,
  ventureDistribute,
  ventureFundAbi,
  ventureGovernorAbi,
  withdrawEarnings,
} from "@aidao/sdk";
import { type Address, formatUnits, keccak256, toHex } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { address, duration, id, tokens } from "../parse.ts";
import { decimalsOf, tokenAmount } from "../tokens.ts";
import { STATES } from "./governance.ts";

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);
const TEMPLATE_VENTURE = keccak256(toHex("venture"));

export const ventureOptions = {
  dao: { type: "string" },
  round: { type: "string" },
  token: { type: "string" },
  amount: { type: "string" },
  "min-value": { type: "string" },
  receipt: { type: "string" },
  tokens: { type: "string" },
  owner: { type: "string" },
  proposal: { type: "string" },
  support: { type: "string" },
  reason: { type: "string" },
  description: { type: "string" },
  "accept-token": { type: "string" },
  price: { type: "string" },
  "max-age": { type: "string" },
  "open-round": { type: "boolean" },
  cap: { type: "string" },
  "deposit-period": { type: "string" },
  lock: { type: "string" },
  invest: { type: "boolean" },
  "target-dao": { type: "string" },
  "receive-token": { type: "string" },
  "receive-amount": { type: "string" },
  terms: { type: "string" },
  json: { type: "boolean" },
} as const;

type Venture = { daoId: bigint; fund: Address; receipts: Address; governor: Address; since: bigint };

/** The venture DAO the command is about: `--dao N`, or AIDAO Venture from the deployment. */
async function ventureOf(ctx: Context, o: Options): Promise<Venture> {
  const c = ctx.deployment.contracts;
  const daoOption = str(o, "dao");
  if (daoOption === undefined) {
    return {
      daoId: 2n,
      fund: c.VentureFund.address,
      receipts: c.VentureReceipts.address,
      governor: c.VentureGovernor.address,
      since: c.VentureFund.block,
    };
  }
  const daoId = id(daoOption, "dao");
  const dao = await ctx.publicClient.readContract({
    address: c.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "dao",
    args: [daoId],
  });
  if (dao.templateId !== TEMPLATE_VENTURE) throw new UsageError(`DAO ${daoId} is not a venture DAO`);
  return { daoId, fund: dao.module, receipts: dao.token, governor: dao.governor, since: c.AIDAOFactory.block };
}

/** Parses a decimal amount of `token` in its own decimals. */
async function amountOf(ctx: Context, token: Address, value: string | undefined, option: string): Promise<bigint> {
  if (!value) throw new UsageError(`--${option} is required`);
  return tokenAmount(value, await decimalsOf(ctx, token), option);
}

const value18 = (v: bigint) => formatUnits(v, 18);
const when = (t: bigint) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
const json = (data: unknown) => JSON.stringify(data, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);

/** `aidao venture rounds`: every round with its state, cap and schedule. */
export async function ventureRounds(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const rounds = await listRounds(ctx.publicClient, { fund: v.fund });
  if (o.json) return json(rounds);
  if (rounds.length === 0)
    return `venture DAO ${v.daoId} has no rounds yet (governance opens them: venture propose --open-round)`;
  return rounds
    .map(
      (r) =>
        `round ${r.roundId}  ${r.state.padEnd(12)} raised ${value18(r.raised)} of ${value18(r.cap)}  ` +
        `deposits until ${when(r.closesAt)}  unlocks ${when(r.unlocksAt)}`,
    )
    .join("\n");
}

/** `aidao venture deposit --round N --token T --amount X`: deposits and prints the receipt. */
export async function ventureDepositCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const token = address(str(o, "token"), "token");
  const amount = await amountOf(ctx, token, str(o, "amount"), "amount");
  const minValue = str(o, "min-value") === undefined ? 0n : tokens(str(o, "min-value"), "min-value");
  const r = await ventureDeposit(ctx.signer(), {
    fund: v.fund,
    roundId: id(str(o, "round"), "round"),
    token,
    amount,
    minValue,
  });
  if (o.json) return json(r);
  return `receipt ${r.receiptId}: ${formatUnits(r.amount, 0)} units credited, worth ${value18(r.value)} (${r.hash})`;
}

/** `aidao venture withdraw --receipt N`: withdraws all the receipt's earnings once its round unlocks. */
export async function ventureWithdrawCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const receiptId = id(str(o, "receipt"), "receipt");
  const r = await withdrawEarnings(ctx.signer(), { fund: v.fund, receipts: v.receipts, receiptId });
  if (r.hash) await ctx.confirm(r.hash);
  if (o.json) return json(r);
  if (!r.hash) return `receipt ${receiptId} has nothing left to withdraw`;
  return [
    `withdrew the earnings of receipt ${receiptId} (${r.hash})`,
    ...r.paid.map((x) => `  ${x.token}: ${x.amount} units`),
  ].join("\n");
}

/** `aidao venture distribute --round N --token T`: makes a distributing round's holdings claimable. */
export async function ventureDistributeCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const hash = await ctx.confirm(
    ventureDistribute(ctx.signer(), {
      fund: v.fund,
      roundId: id(str(o, "round"), "round"),
      token: address(str(o, "token"), "token"),
    }),
  );
  return `distributed (${hash})`;
}

/** `aidao venture claim --receipt N [--tokens A,B]`: pays the receipt's earnings (all tokens by default). */
export async function ventureClaimCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const receiptId = id(str(o, "receipt"), "receipt");
  const list = str(o, "tokens");
  const claimTokens = list
    ? list.split(",").map((t) => address(t.trim(), "tokens"))
    : [
        ...(await ctx.publicClient.readContract({
          address: v.fund,
          abi: ventureFundAbi,
          functionName: "bookedTokens",
        })),
      ];
  const owed = await Promise.all(
    claimTokens.map((token) =>
      ctx.publicClient.readContract({
        address: v.fund,
        abi: ventureFundAbi,
        functionName: "claimable",
        args: [receiptId, token],
      }),
    ),
  );
  const due = claimTokens.filter((_, i) => (owed[i] ?? 0n) > 0n);
  if (due.length === 0) return `receipt ${receiptId} has nothing to claim now`;
  const hash = await ctx.confirm(ventureClaim(ctx.signer(), { fund: v.fund, receiptId, tokens: due }));
  const lines = due.map((t) => `  ${t}: ${owed[claimTokens.indexOf(t)]} units`);
  return `claimed for receipt ${receiptId} (${hash})\n${lines.join("\n")}`;
}

/** `aidao venture receipts [--owner A]`: the receipts an account holds. */
export async function ventureReceipts(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const owner = str(o, "owner") ? address(str(o, "owner"), "owner") : ctx.signer().account.address;
  const list = await listReceipts(ctx.publicClient, { receipts: v.receipts, owner, fromBlock: v.since });
  if (o.json) return json(list);
  if (list.length === 0) return `${owner} holds no receipts of venture DAO ${v.daoId}`;
  return list
    .map(
      (r) => `receipt ${r.receiptId}  round ${r.roundId}  ${r.amount} units of ${r.token}  value ${value18(r.value)}`,
    )
    .join("\n");
}

/** `aidao venture propose …`: one proposal to the 60/40 governor (accept a token, open a round, invest). */
export async function ventureProposeCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const calls: GovernanceCall[] = [];
  const what: string[] = [];
  try {
    const accepted = str(o, "accept-token");
    if (accepted) {
      const token = address(accepted, "accept-token");
      calls.push(acceptTokenCall(v.fund, { token, maxAgeSeconds: duration(str(o, "max-age"), "max-age", 7 * 86_400) }));
      what.push(`accept ${token}`);
      if (str(o, "price")) {
        calls.push(setPriceCall(v.fund, token, tokens(str(o, "price"), "price")));
        what.push(`at ${str(o, "price")} per token`);
      }
    }
    if (o["open-round"]) {
      const now = BigInt(Math.floor(Date.now() / 1000));
      const block = await ctx.publicClient.getBlock();
      const start = block.timestamp > now ? block.timestamp : now;
      const closesAt = start + BigInt(duration(str(o, "deposit-period"), "deposit-period", 30 * 86_400));
      const unlocksAt = closesAt + BigInt(duration(str(o, "lock"), "lock", 180 * 86_400));
      calls.push(openRoundCall(v.fund, { cap: tokens(str(o, "cap"), "cap"), closesAt, unlocksAt }));
      what.push(`open a round capped at ${str(o, "cap")}`);
    }
    if (o.invest) {
      const payToken = address(str(o, "token"), "token");
      const receiveToken = str(o, "receive-token") ? address(str(o, "receive-token"), "receive-token") : undefined;
      calls.push(
        investCall(v.fund, {
          roundId: id(str(o, "round"), "round"),
          daoId: id(str(o, "target-dao"), "target-dao"),
          payToken,
          amount: await amountOf(ctx, payToken, str(o, "amount"), "amount"),
          ...(receiveToken
            ? {
                receiveToken,
                receiveAmount: await amountOf(ctx, receiveToken, str(o, "receive-amount"), "receive-amount"),
              }
            : {}),
          terms: str(o, "terms") ?? "",
        }),
      );
      what.push(`invest ${str(o, "amount")} in DAO ${str(o, "target-dao")}`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
  if (calls.length === 0) throw new UsageError("say what to propose: --accept-token, --open-round and/or --invest");
  const description = str(o, "description") ?? `Venture: ${what.join("; ")}`;
  const r = await propose(ctx.signer(), {
    governor: v.governor,
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value),
    calldatas: calls.map((c) => c.data),
    description,
  });
  await ctx.confirm(r.hash);
  return `proposed ${r.proposalId} to venture DAO ${v.daoId} (${r.hash}): ${description}`;
}

const SUPPORT: Record<string, Support> = { against: 0, for: 1, abstain: 2 };

/** `aidao venture vote --proposal ID --support for|against|abstain`: one ballot counts on both sides. */
export async function ventureVoteCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const support = SUPPORT[str(o, "support") ?? ""];
  if (support === undefined) throw new UsageError("--support must be for, against or abstain");
  const proposalId = id(str(o, "proposal"), "proposal");
  const reason = str(o, "reason");
  const hash = await ctx.confirm(
    castVote(ctx.signer(), {
      governor: v.governor,
      proposalId,
      support,
      ...(reason ? { reason } : {}),
    }),
  );
  return `voted ${str(o, "support")} on ${proposalId} (${hash})`;
}

/** `aidao venture result --proposal ID`: both sides' tallies and the combined 60/40 result. */
export async function ventureResultCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const proposalId = id(str(o, "proposal"), "proposal");
  const r = await combinedResult(ctx.publicClient, { governor: v.governor, proposalId });
  const state = await ctx.publicClient.readContract({
    address: v.governor,
    abi: ventureGovernorAbi,
    functionName: "state",
    args: [proposalId],
  });
  if (o.json) return json({ ...r, state: STATES[state] });
  const t = r.tally;
  return [
    `proposal ${proposalId}: ${STATES[state]}`,
    `  investors (${r.investorWeight}%): for ${value18(t.investorFor)}  against ${value18(t.investorAgainst)}  abstain ${value18(t.investorAbstain)}`,
    `  holders   (${r.holderWeight}%): for ${value18(t.holderFor)}  against ${value18(t.holderAgainst)}  abstain ${value18(t.holderAbstain)}`,
    `  combined: ${value18(r.forPoints)} for / ${value18(r.againstPoints)} against (points of 100)`,
  ].join("\n");
}

/** The calls and description of `proposalId`, read back from its ProposalCreated event. */
async function proposalCalls(ctx: Context, v: Venture, proposalId: bigint) {
  const events = await ctx.publicClient.getContractEvents({
    address: v.governor,
    abi: ventureGovernorAbi,
    eventName: "ProposalCreated",
    fromBlock: v.since,
    toBlock: "latest",
  });
  const e = events.find((x) => x.args.proposalId === proposalId);
  if (!e?.args.targets || !e.args.values || !e.args.calldatas || e.args.description === undefined) {
    throw new UsageError(`venture DAO ${v.daoId} has no proposal ${proposalId}`);
  }
  return {
    targets: [...e.args.targets],
    values: [...e.args.values],
    calldatas: [...e.args.calldatas],
    description: e.args.description,
  };
}

/** `aidao venture queue --proposal ID`: queues a succeeded proposal in the venture timelock. */
export async function ventureQueueCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const p = await proposalCalls(ctx, v, id(str(o, "proposal"), "proposal"));
  const hash = await ctx.confirm(queue(ctx.signer(), { governor: v.governor, ...p }));
  return `queued (${hash})`;
}

/** `aidao venture execute --proposal ID`: executes a queued proposal after the timelock delay. */
export async function ventureExecuteCommand(ctx: Context, o: Options): Promise<string> {
  const v = await ventureOf(ctx, o);
  const p = await proposalCalls(ctx, v, id(str(o, "proposal"), "proposal"));
  const hash = await ctx.confirm(execute(ctx.signer(), { governor: v.governor, ...p }));
  return `executed (${hash})`;
}
