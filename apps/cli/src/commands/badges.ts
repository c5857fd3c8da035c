import { writeFileSync } from "node:fs";
import {
  awardBadgeCall,
  BaseError,
  badgeKind,
  type ContributorBadge,
  contributorBadgesAbi,
  daoRegistryAbi,
  type GovernanceCall,
  listBadges,
  propose,
  revokeBadgeCall,
} from "@aidao/sdk";
import { type Address, zeroAddress } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { address, id } from "../parse.ts";
import { accountOf, json, type Options, str, when } from "./governance.ts";

// `aidao badges`: the contributor badges an account holds or a DAO awarded, and the governance calls that award or
// revoke one (ContributorBadges: only the awarding DAO's timelock, or Safe if it decides off-chain, may make them).

type Handler = (ctx: Context, o: Options, positionals: string[]) => Promise<string>;

const listOptions = {
  account: { type: "string" },
  dao: { type: "string" },
  json: { type: "boolean" },
} as const;

const governanceOptions = {
  dao: { type: "string" },
  kind: { type: "string" },
  to: { type: "string" },
  uri: { type: "string" },
  badge: { type: "string" },
  reason: { type: "string" },
  title: { type: "string" },
  description: { type: "string" },
  out: { type: "string" },
  propose: { type: "boolean" },
  json: { type: "boolean" },
} as const;

const badgesAddress = (ctx: Context) => ctx.deployment.contracts.ContributorBadges.address;

function line(b: ContributorBadge): string {
  const uri = b.uri ? `  ${b.uri}` : "";
  return `#${b.tokenId}  ${b.kindName}  DAO ${b.daoId}  ${b.holder}  awarded ${when(b.awardedAt)}${uri}`;
}

/** `aidao badges [--account A] [--dao N] [--json]`: an account's badges (yours by default), or a DAO's. */
const listBadgesCommand: Handler = async (ctx, o) => {
  const daoId = str(o, "dao") === undefined ? undefined : id(str(o, "dao"), "dao");
  if (daoId !== undefined) await requireDAO(ctx, daoId);
  const holder = str(o, "account") !== undefined || daoId === undefined ? accountOf(ctx, o) : undefined;
  const badges = await listBadges(ctx.publicClient, { badges: badgesAddress(ctx), holder, daoId });
  if (o.json) return json(badges);
  const whose = holder ? `${holder} holds` : `DAO ${daoId} awarded`;
  const scope = holder && daoId !== undefined ? ` from DAO ${daoId}` : "";
  if (badges.length === 0) return `${whose} no contributor badges${scope}`;
  const n = badges.length;
  return [`${whose} ${n} contributor badge${n === 1 ? "" : "s"}${scope}:`, ...badges.map((b) => `  ${line(b)}`)].join(
    "\n",
  );
};

async function requireDAO(ctx: Context, daoId: bigint): Promise<void> {
  const count = await ctx.publicClient.readContract({
    address: ctx.deployment.contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "daoCount",
  });
  if (daoId > count) throw new UsageError(`--dao: there is no DAO ${daoId} (DAOs are 1..${count})`);
}

/**
 * Writes (`--out`) and prints the proposal's calls in the form `aidao propose --calls FILE.json` reads, or, with
 * `--propose`, proposes them in the DAO's governor; an off-chain DAO's Safe must execute them instead.
 */
async function governed(ctx: Context, o: Options, daoId: bigint, call: GovernanceCall, title: string) {
  const dao = await ctx.publicClient.readContract({
    address: ctx.deployment.contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "dao",
    args: [daoId],
  });
  const calls = { targets: [call.target], values: [call.value.toString()], calldatas: [call.data] };
  const out = str(o, "out");
  if (out) writeFileSync(out, `${JSON.stringify(calls, null, 2)}\n`);
  const body = str(o, "description")?.trim();
  const description = body ? `# ${title}\n\n${body}` : `# ${title}`;
  if (!o.propose) {
    if (o.json) return json({ daoId, governor: dao.governor, safe: dao.safe, description, ...calls });
    const next =
      dao.governor === zeroAddress
        ? `DAO ${daoId} decides off-chain: have its Safe ${dao.safe} execute this call`
        : daoId === 1n
          ? `propose it: aidao propose --title "${title}" --calls ${out ?? "FILE.json"}, or run this again with --propose`
          : `propose it in DAO ${daoId}'s governor ${dao.governor}: run this again with --propose`;
    return [
      `${title}: the call DAO ${daoId}'s governance makes`,
      `  to     ${call.target}`,
      `  value  0`,
      `  data   ${call.data}`,
      ...(out ? [`  wrote  ${out}`] : []),
      `  next   ${next}`,
    ].join("\n");
  }
  if (dao.governor === zeroAddress) {
    throw new UsageError(
      `DAO ${daoId} decides off-chain: --propose needs a governor; have its Safe ${dao.safe} execute`,
    );
  }
  const signer = ctx.signer();
  const r = await propose(signer, {
    governor: dao.governor,
    targets: [call.target],
    values: [call.value],
    calldatas: [call.data],
    description,
  });
  await ctx.confirm(r.hash);
  if (o.json) return json({ daoId, governor: dao.governor, proposalId: r.proposalId, hash: r.hash, ...calls });
  return `proposed ${r.proposalId} in DAO ${daoId}'s governor ${dao.governor} (${r.hash}): ${title}`;
}

/** `aidao badges award --dao N --kind K --to 0xA [--uri U] [--propose | --out FILE.json]`. */
const awardCommand: Handler = async (ctx, o) => {
  const daoId = id(str(o, "dao"), "dao");
  const kind = str(o, "kind");
  if (!kind) throw new UsageError("--kind is required (FirstContribution, VersionPromoted or the DAO's own)");
  const holder = address(str(o, "to"), "to");
  let call: GovernanceCall;
  try {
    call = awardBadgeCall(badgesAddress(ctx), { daoId, kind, holder, uri: str(o, "uri") ?? "" });
  } catch (error) {
    if (error instanceof BaseError) throw new UsageError(`--kind: ${error.shortMessage}`);
    throw error;
  }
  await requireDAO(ctx, daoId);
  const held = await ctx.publicClient.readContract({
    address: badgesAddress(ctx),
    abi: contributorBadgesAbi,
    functionName: "badgeOf",
    args: [daoId, badgeKind(kind), holder],
  });
  if (held !== 0n) throw new UsageError(`${holder} already holds DAO ${daoId}'s ${kind} badge (#${held})`);
  return governed(ctx, o, daoId, call, str(o, "title") ?? `Award the ${kind} badge to ${holder}`);
};

/** `aidao badges revoke --badge ID [--reason R] [--propose | --out FILE.json]`. */
const revokeCommand: Handler = async (ctx, o) => {
  const tokenId = id(str(o, "badge"), "badge");
  let badge: { daoId: bigint; holder: Address };
  try {
    badge = await ctx.publicClient.readContract({
      address: badgesAddress(ctx),
      abi: contributorBadgesAbi,
      functionName: "badge",
      args: [tokenId],
    });
  } catch {
    throw new UsageError(`--badge: there is no badge #${tokenId} (never awarded, or revoked)`);
  }
  const call = revokeBadgeCall(badgesAddress(ctx), tokenId, str(o, "reason") ?? "");
  return governed(ctx, o, badge.daoId, call, str(o, "title") ?? `Revoke badge #${tokenId} of ${badge.holder}`);
};

/** The `aidao badges …` commands, for apps/cli/src/main.ts's COMMANDS. */
export const badgesCommands: Record<
  string,
  { run: Handler; options: Record<string, { type: "string" | "boolean" }>; usage: string }
> = {
  badges: {
    run: listBadgesCommand,
    options: listOptions,
    usage: "badges [--account 0xACCOUNT] [--dao DAO_ID] [--json]   (an account's badges, yours by default, or a DAO's)",
  },
  "badges award": {
    run: awardCommand,
    options: governanceOptions,
    usage:
      "badges award --dao DAO_ID --kind FirstContribution|VersionPromoted|OWN_KIND --to 0xHOLDER [--uri URI]\n" +
      "    [--title T --description D] [--out FILE.json] [--propose] [--json]\n" +
      "    (builds the call the DAO's governance makes; --propose proposes it in the DAO's governor)",
  },
  "badges revoke": {
    run: revokeCommand,
    options: governanceOptions,
    usage:
      "badges revoke --badge ID [--reason TEXT] [--title T --description D] [--out FILE.json] [--propose] [--json]",
  },
};
