import { childTreasuryAbi, claimRevenue, daoRegistryAbi, depositRevenue } from "@aidao/sdk";
import { zeroAddress } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { address, id, tokens } from "../parse.ts";

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);

export const revenueOptions = {
  dao: { type: "string" },
  token: { type: "string" },
  amount: { type: "string" },
} as const;

async function daoOf(ctx: Context, o: Options) {
  return ctx.publicClient.readContract({
    address: ctx.deployment.contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "dao",
    args: [id(str(o, "dao"), "dao")],
  });
}

/** `aidao revenue deposit --dao N --amount X [--token T]`: pays an income into the DAO's treasury. */
export async function revenueDeposit(ctx: Context, o: Options): Promise<string> {
  const dao = await daoOf(ctx, o);
  const token = str(o, "token") ? address(str(o, "token"), "token") : ctx.deployment.contracts.AIDAOToken.address;
  const hash = await ctx.confirm(
    depositRevenue(ctx.signer(), {
      treasury: dao.treasury,
      token,
      amount: tokens(str(o, "amount"), "amount"),
    }),
  );
  return `paid into ${dao.treasury} in ${hash}`;
}

/** `aidao revenue claim --dao N [--token T]`: claims the caller's share of the DAO's revenue. */
export async function revenueClaim(ctx: Context, o: Options): Promise<string> {
  const dao = await daoOf(ctx, o);
  const [distributor] = await ctx.publicClient.readContract({
    address: dao.treasury,
    abi: childTreasuryAbi,
    functionName: "distribution",
  });
  if (distributor === zeroAddress)
    throw new UsageError(`DAO ${str(o, "dao")} shares no revenue (its template has no distributor)`);
  const token = str(o, "token") ? address(str(o, "token"), "token") : ctx.deployment.contracts.AIDAOToken.address;
  const hash = await ctx.confirm(claimRevenue(ctx.signer(), { distributor, payoutToken: token }));
  return `claimed in ${hash}`;
}
