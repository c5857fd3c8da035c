// An AI DAO's own on-chain governance: `aidao dao proposals|vote|queue|execute --dao N` (`aidao vote`, `queue` and
// `execute` act on the main DAO's governor, `aidao venture …` on AIDAO Venture's). The demo's loop uses them for the
// Face DAO's votes (a trained version's Staging proposal, its promotion, a badge): the SDK's castVote, queue and
// execute on the DAO's governor, as registered in the DAORegistry.
import { aidaoGovernorAbi, castVote, daoRegistryAbi, execute, queue, type Support } from "@aidao/sdk";
import { type Address, type Hex, zeroAddress } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { id } from "../parse.ts";
import { STATES } from "./governance.ts";

const SUPPORT: Record<string, Support> = { against: 0, for: 1, abstain: 2 };

type Proposal = { proposalId: bigint; targets: Address[]; values: bigint[]; calldatas: Hex[]; description: string };

/** The DAO's governor (`--dao N`), from the DAORegistry. */
async function governorOf(ctx: Context, dao: string | undefined): Promise<{ daoId: bigint; governor: Address }> {
  const daoId = id(dao, "dao");
  const record = await ctx.publicClient.readContract({
    address: ctx.deployment.contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "dao",
    args: [daoId],
  });
  if (record.governor === zeroAddress) throw new UsageError(`DAO ${daoId} decides off-chain (its Safe executes)`);
  return { daoId, governor: record.governor };
}

/** Every proposal made to `governor`, oldest first, as created (its calls and description: what queue and execute need). */
async function proposals(ctx: Context, governor: Address): Promise<Proposal[]> {
  const events = await ctx.publicClient.getContractEvents({
    address: governor,
    abi: aidaoGovernorAbi,
    eventName: "ProposalCreated",
    fromBlock: 0n,
  });
  return events.map(({ args: a }) => ({
    proposalId: a.proposalId as bigint,
    targets: [...(a.targets ?? [])],
    values: [...(a.values ?? [])],
    calldatas: [...(a.calldatas ?? [])],
    description: a.description ?? "",
  }));
}

const state = async (ctx: Context, governor: Address, proposalId: bigint) =>
  STATES[
    await ctx.publicClient.readContract({
      address: governor,
      abi: aidaoGovernorAbi,
      functionName: "state",
      args: [proposalId],
    })
  ];

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, key: string) => (typeof o[key] === "string" ? (o[key] as string) : undefined);

/** `aidao dao proposals --dao N`: every proposal of the DAO's governor with its state. */
export async function daoProposals(ctx: Context, o: Options): Promise<string> {
  const { daoId, governor } = await governorOf(ctx, str(o, "dao"));
  const all = await proposals(ctx, governor);
  if (all.length === 0) return `DAO ${daoId}'s governor ${governor} has no proposals yet`;
  const lines = await Promise.all(
    all.map(async (p) => `${p.proposalId}  ${await state(ctx, governor, p.proposalId)}  ${p.description}`),
  );
  return [`DAO ${daoId}'s governor ${governor}:`, ...lines].join("\n");
}

async function act(ctx: Context, o: Options, action: "vote" | "queue" | "execute"): Promise<string> {
  const { daoId, governor } = await governorOf(ctx, str(o, "dao"));
  const proposalId = id(str(o, "proposal"), "proposal");
  const support = SUPPORT[str(o, "support") ?? "for"];
  if (action === "vote" && support === undefined) throw new UsageError("--support must be for, against or abstain");
  const p = (await proposals(ctx, governor)).find((x) => x.proposalId === proposalId);
  if (!p) throw new UsageError(`DAO ${daoId}'s governor has no proposal ${proposalId}`);
  const signer = ctx.signer();
  const hash: Hex =
    action === "vote"
      ? await ctx.confirm(castVote(signer, { governor, proposalId, support: support as Support }))
      : await ctx.confirm((action === "queue" ? queue : execute)(signer, { governor, ...p }));
  const now = await state(ctx, governor, proposalId);
  return `${action} on DAO ${daoId}'s proposal ${proposalId} as ${signer.account.address}: ${now} (${hash})`;
}

const options = { dao: { type: "string" }, proposal: { type: "string" }, support: { type: "string" } } as const;

export const daoGovernanceCommands = {
  "dao proposals": {
    run: daoProposals,
    options,
    usage: "dao proposals --dao N   (an AI DAO's on-chain proposals with their state)",
  },
  "dao vote": {
    run: (ctx: Context, o: Options) => act(ctx, o, "vote"),
    options,
    usage: "dao vote --dao N --proposal ID [--support for|against|abstain]   (in an AI DAO's own governor)",
  },
  "dao queue": {
    run: (ctx: Context, o: Options) => act(ctx, o, "queue"),
    options,
    usage: "dao queue --dao N --proposal ID   (a succeeded proposal into the DAO's timelock)",
  },
  "dao execute": {
    run: (ctx: Context, o: Options) => act(ctx, o, "execute"),
    options,
    usage: "dao execute --dao N --proposal ID   (once the DAO's timelock delay has passed)",
  },
};
