import { createDAO, createDAOParams, type GovernanceModeName, listDAOs, type TemplateParameters } from "@aidao/sdk";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { address, duration, id, integer, pairs, tokens } from "../parse.ts";

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);

export const daoOptions = {
  template: { type: "string" },
  name: { type: "string" },
  symbol: { type: "string" },
  holders: { type: "string" },
  allow: { type: "string" },
  members: { type: "string" },
  weighted: { type: "boolean" },
  "veto-window": { type: "string" },
  "veto-quorum": { type: "string" },
  mode: { type: "string" },
  "safe-owners": { type: "string" },
  "safe-threshold": { type: "string" },
  "voting-delay": { type: "string" },
  "voting-period": { type: "string" },
  quorum: { type: "string" },
  threshold: { type: "string" },
  "timelock-delay": { type: "string" },
  "dao-uri": { type: "string" },
  salt: { type: "string" },
  parent: { type: "string" },
  "receipt-name": { type: "string" },
  "receipt-symbol": { type: "string" },
  "investor-weight": { type: "string" },
} as const;

function template(o: Options): TemplateParameters {
  const kind = str(o, "template");
  const holders = () =>
    pairs(str(o, "holders"), "holders").map(([a, v]) => ({
      account: address(a, "holders"),
      amount: tokens(v, "holders"),
    }));
  const name = () => str(o, "name") ?? "";
  const symbol = () =>
    str(o, "symbol") ??
    (name()
      .replace(/[^A-Za-z]/g, "")
      .slice(0, 5)
      .toUpperCase() ||
      "DAO");
  switch (kind) {
    case "revenue-sharing":
      return { template: kind, name: name(), symbol: symbol(), holders: holders() };
    case "grant":
      return {
        template: kind,
        name: name(),
        symbol: symbol(),
        holders: holders(),
        vetoWindow: duration(str(o, "veto-window"), "veto-window", 3 * 86_400),
        vetoQuorumBps: integer(str(o, "veto-quorum"), "veto-quorum", 1000, 1, 10_000),
      };
    case "donation":
      return {
        template: kind,
        allowedTokens: pairs(str(o, "allow"), "allow").map(([t, rate]) => ({
          token: t.toUpperCase() === "ETH" ? "ETH" : address(t, "allow"),
          unitsPerToken: tokens(rate, "allow"),
        })),
      };
    case "consortium":
      return {
        template: kind,
        weightedByStake: o.weighted === true,
        members: pairs(str(o, "members"), "members").map(([a, share]) => ({
          account: address(a, "members"),
          revenueShareBps: integer(share, "members", 0, 0, 10_000),
        })),
      };
    case "venture":
      return {
        template: kind,
        receiptName: str(o, "receipt-name") ?? `${name()} Receipt`,
        receiptSymbol: str(o, "receipt-symbol") ?? `${symbol()}-R`,
        investorWeight: integer(str(o, "investor-weight"), "investor-weight", 60, 1, 99),
      };
    default:
      throw new UsageError("--template must be revenue-sharing, donation, grant, consortium or venture");
  }
}

/** `aidao dao create`: one transaction, prints the new DAO's contracts. */
export async function daoCreate(ctx: Context, o: Options): Promise<string> {
  const name = str(o, "name");
  if (!name) throw new UsageError("--name is required");
  const mode = (str(o, "mode") ?? "OnChain") as GovernanceModeName;
  if (!["OnChain", "OffChain", "Both"].includes(mode)) throw new UsageError("--mode must be OnChain, OffChain or Both");
  const owners = str(o, "safe-owners")
    ?.split(",")
    .map((a) => address(a.trim(), "safe-owners"));
  const parent = str(o, "parent");
  const params = {
    factory: ctx.deployment.contracts.AIDAOFactory.address,
    name,
    daoURI: str(o, "dao-uri") ?? "",
    salt: str(o, "salt") ?? `${name}-${Date.now()}`,
    ...(parent === undefined ? {} : { parentId: id(parent, "parent") }),
    governance: {
      mode,
      votingDelay: duration(str(o, "voting-delay"), "voting-delay", 86_400),
      votingPeriod: duration(str(o, "voting-period"), "voting-period", 5 * 86_400),
      quorumPercent: integer(str(o, "quorum"), "quorum", 4, 0, 100),
      proposalThreshold: str(o, "threshold") === undefined ? 0n : tokens(str(o, "threshold"), "threshold"),
      timelockDelay: duration(str(o, "timelock-delay"), "timelock-delay", 2 * 86_400),
      ...(owners ? { safeOwners: owners } : {}),
      ...(str(o, "safe-threshold")
        ? { safeThreshold: integer(str(o, "safe-threshold"), "safe-threshold", 1, 1, 100) }
        : {}),
    },
    template: template(o),
  };
  // Check everything that can be checked before a transaction: those are usage errors, not chain refusals.
  try {
    createDAOParams(params);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dao = await createDAO(ctx.signer(), params);
  const lines = [`created DAO ${dao.daoId} in ${dao.hash}`];
  for (const [k, v] of Object.entries(dao)) if (k !== "hash" && k !== "daoId") lines.push(`  ${k.padEnd(9)} ${v}`);
  return lines.join("\n");
}

/** `aidao dao list [--parent N]`: the DAO-of-DAOs tree (or one DAO's children). */
export async function daoList(ctx: Context, o: Options): Promise<string> {
  const parent = str(o, "parent");
  const registry = ctx.deployment.contracts.DAORegistry;
  const daos = await listDAOs(ctx.publicClient, {
    registry: registry.address,
    fromBlock: registry.block,
    ...(parent === undefined ? {} : { parentId: id(parent, "parent") }),
  });
  if (daos.length === 0) return parent ? `DAO ${parent} has no children` : "no DAOs";
  return daos
    .map(
      (d) =>
        `${String(d.daoId).padStart(4)}  parent ${String(d.parentId).padStart(3)}  ${d.template.padEnd(15)} ${d.mode.padEnd(8)} treasury ${d.treasury}`,
    )
    .join("\n");
}
