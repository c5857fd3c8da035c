import {
  approveIfShort,
  extendChannel,
  modelRegistryAbi,
  openChannel,
  readChannel,
  reclaimChannel,
  topUpChannel,
} from "@aidao/sdk";
import { formatUnits, type Hex } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { duration, id } from "../parse.ts";
import { decimalsOf, tokenAmount } from "../tokens.ts";

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);

export const channelOptions = {
  endpoint: { type: "string" },
  amount: { type: "string" },
  for: { type: "string" },
  channel: { type: "string" },
  json: { type: "boolean" },
} as const;

function channelId(o: Options): Hex {
  const v = str(o, "channel");
  if (!v) throw new UsageError("--channel is required");
  if (!/^0x[0-9a-fA-F]{64}$/.test(v))
    throw new UsageError(`--channel: "${v}" is not a channel id (0x + 64 hex digits)`);
  return v as Hex;
}

function amount(value: string | undefined, decimals: number): bigint {
  const parsed = tokenAmount(value, decimals, "amount");
  if (parsed === 0n) throw new UsageError(`--amount: "${value}" is not a positive amount`);
  return parsed;
}

const json = (data: unknown) => JSON.stringify(data, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);

/** `aidao channel open --endpoint N --amount X [--for 30d]`: deposits into a new channel to a model endpoint. */
export async function channelOpen(ctx: Context, o: Options): Promise<string> {
  const c = ctx.deployment.contracts;
  const endpointId = id(str(o, "endpoint"), "endpoint");
  const endpoint = await ctx.publicClient.readContract({
    address: c.ModelRegistry.address,
    abi: modelRegistryAbi,
    functionName: "endpoint",
    args: [endpointId],
  });
  const decimals = await decimalsOf(ctx, endpoint.paymentToken);
  const block = await ctx.publicClient.getBlock();
  const expiresAt = block.timestamp + BigInt(duration(str(o, "for"), "for", 30 * 86_400));
  const opened = await openChannel(ctx.signer(), {
    usageChannels: c.UsageChannels.address,
    modelRegistry: c.ModelRegistry.address,
    endpointId,
    amount: amount(str(o, "amount"), decimals),
    expiresAt,
  });
  if (o.json) return json(opened);
  return [
    `opened channel ${opened.channelId} (${opened.hash})`,
    `  endpoint ${endpointId} (${endpoint.unit} at ${formatUnits(endpoint.unitPrice, decimals)} each)`,
    `  deposit ${formatUnits(opened.deposit, decimals)}, expires ${new Date(Number(expiresAt) * 1000).toISOString()}`,
  ].join("\n");
}

/** `aidao channel show --channel ID`: its deposit, what was redeemed and when it expires. */
export async function channelShow(ctx: Context, o: Options): Promise<string> {
  const ch = await readChannel(ctx.publicClient, {
    usageChannels: ctx.deployment.contracts.UsageChannels.address,
    channelId: channelId(o),
  });
  if (o.json) return json(ch);
  const d = await decimalsOf(ctx, ch.token);
  return [
    `channel ${ch.channelId}`,
    `  customer ${ch.customer}, endpoint ${ch.endpointId} (model ${ch.modelId}), pays ${ch.recipient}`,
    `  deposit ${formatUnits(ch.deposit, d)}, redeemed ${formatUnits(ch.redeemed, d)}, left ${formatUnits(ch.deposit - ch.redeemed, d)}`,
    `  expires ${new Date(Number(ch.expiresAt) * 1000).toISOString()}`,
  ].join("\n");
}

/** `aidao channel topup --channel ID --amount X [--for 30d]`: adds to the deposit (and extends it with --for). */
export async function channelTopUp(ctx: Context, o: Options): Promise<string> {
  const usageChannels = ctx.deployment.contracts.UsageChannels.address;
  const ch = await readChannel(ctx.publicClient, { usageChannels, channelId: channelId(o) });
  const signer = ctx.signer();
  const lines: string[] = [];
  if (str(o, "amount") !== undefined) {
    const value = amount(str(o, "amount"), await decimalsOf(ctx, ch.token));
    await approveIfShort(signer, { token: ch.token, spender: usageChannels, amount: value });
    lines.push(`topped up (${await topUpChannel(signer, { usageChannels, channelId: ch.channelId, amount: value })})`);
  }
  if (str(o, "for") !== undefined) {
    const expiresAt = ch.expiresAt + BigInt(duration(str(o, "for"), "for", 0));
    lines.push(`extended (${await extendChannel(signer, { usageChannels, channelId: ch.channelId, expiresAt })})`);
  }
  if (lines.length === 0) throw new UsageError("say what to do: --amount X to add, --for 7d to extend, or both");
  return lines.join("\n");
}

/** `aidao channel close --channel ID`: takes back what was not redeemed, after expiry and the grace window. */
export async function channelClose(ctx: Context, o: Options): Promise<string> {
  const usageChannels = ctx.deployment.contracts.UsageChannels.address;
  const hash = await ctx.confirm(reclaimChannel(ctx.signer(), { usageChannels, channelId: channelId(o) }));
  return `closed; the rest of the deposit went back to the customer (${hash})`;
}
