import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import {
  ChannelPayer,
  type GatewayEndpoint,
  GatewayRequestError,
  listGatewayModels,
  openChannel,
  usageChannelsAbi,
} from "@aidao/sdk";
import { formatUnits, type Hex } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { duration } from "../parse.ts";
import { decimalsOf, tokenAmount } from "../tokens.ts";

type Options = Record<string, string | boolean | undefined>;
const str = (o: Options, k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);

export const callOptions = {
  gateway: { type: "string" },
  channel: { type: "string" },
  deposit: { type: "string" },
  for: { type: "string" },
  unit: { type: "string" },
  json: { type: "boolean" },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".json": "application/json",
  ".txt": "text/plain",
};

/** What this machine signed per channel: a gateway can never make the CLI sign on top of a total it invented. */
function signedBook(home: string) {
  const path = join(home, "channels.json");
  let book: Record<string, string> = {};
  try {
    book = JSON.parse(readFileSync(path, "utf8")) as Record<string, string>;
  } catch {
    book = {};
  }
  return {
    get: (id: Hex) => BigInt(book[id.toLowerCase()] ?? "0"),
    set: (id: Hex, amount: bigint) => {
      book[id.toLowerCase()] = amount.toString();
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(book, null, 2)}\n`);
    },
  };
}

/**
 * `aidao call <model> <file>`: calls a model through a gateway and pays from a channel — the one given, else the
 * signer's latest open channel to that endpoint, else a new one with `--deposit`. Prints the result and the charge.
 */
export async function callCommand(ctx: Context, o: Options, positionals: string[]): Promise<string> {
  const [model, file] = positionals;
  if (!model || !file) throw new UsageError("say which model to call and with which file: aidao call <model> <file>");
  let body: Uint8Array;
  try {
    body = readFileSync(resolve(file));
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const gatewayUrl = str(o, "gateway") ?? process.env.AIDAO_GATEWAY ?? "http://127.0.0.1:8787";
  let listed: Awaited<ReturnType<typeof listGatewayModels>>;
  try {
    listed = await listGatewayModels(gatewayUrl);
  } catch {
    throw new UsageError(`cannot reach the gateway at ${gatewayUrl}: is it running? (aidao-server --mode gateway)`);
  }
  const unit = str(o, "unit");
  const matches = listed.endpoints.filter(
    (e) => (e.model === model || e.modelId === model || e.endpointId === model) && (!unit || e.unit === unit),
  );
  if (matches.length === 0) {
    const served = listed.endpoints.map((e) => `${e.model} (${e.unit})`).join(", ") || "nothing";
    throw new UsageError(`the gateway does not serve "${model}"${unit ? ` per ${unit}` : ""}; it serves ${served}`);
  }
  if (matches.length > 1) throw new UsageError(`"${model}" has several endpoints: pick one with --unit`);
  const endpoint = matches[0] as GatewayEndpoint;
  const signer = ctx.signer();
  const c = ctx.deployment.contracts;
  const decimals = await decimalsOf(ctx, endpoint.token);
  const channelId = await pickChannel(ctx, o, endpoint, signer.account.address, decimals);
  const channel = await ctx.publicClient.readContract({
    address: c.UsageChannels.address,
    abi: usageChannelsAbi,
    functionName: "channel",
    args: [channelId],
  });
  if (channel.customer.toLowerCase() !== signer.account.address.toLowerCase()) {
    throw new UsageError(`channel ${channelId} is not ${signer.account.address}'s`);
  }
  if (channel.endpointId.toString() !== endpoint.endpointId) {
    throw new UsageError(`channel ${channelId} pays endpoint ${channel.endpointId}, not ${endpoint.endpointId}`);
  }
  const home = process.env.AIDAO_HOME ?? ".aidao";
  const book = signedBook(home);
  const ledger = (await (await fetch(new URL(`/v1/channels/${channelId}`, gatewayUrl))).json()) as { charged?: string };
  const charged = BigInt(ledger.charged ?? "0");
  const payer = new ChannelPayer({
    client: signer,
    gatewayUrl,
    chainId: ctx.deployment.chainId,
    usageChannels: c.UsageChannels.address,
    channel: { channelId, token: channel.token, recipient: channel.recipient },
    charged,
    signed: book.get(channelId) > charged ? book.get(channelId) : charged,
    deposit: channel.deposit,
  });
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
  let answer: Awaited<ReturnType<typeof payer.invoke>>;
  try {
    answer = await payer.invoke(endpoint, body, contentType);
  } catch (error) {
    if (error instanceof GatewayRequestError) {
      const hint = error.retryAfter ? ` (retry in ${error.retryAfter} s)` : "";
      throw new Error(`the gateway refused: ${error.code}: ${error.message}${hint}`);
    }
    throw error;
  } finally {
    book.set(channelId, payer.signed);
  }
  if (o.json) return JSON.stringify(answer, null, 2);
  const u = answer.usage;
  const fmt = (x: string | bigint) => formatUnits(BigInt(x), decimals);
  return [
    describeResult(answer.result),
    `charged ${u.units} ${u.unit}${u.units === 1 ? "" : "s"} x ${fmt(u.unitPrice)} = ${fmt(u.charge)}; ` +
      `channel total ${fmt(u.charged)} of ${fmt(channel.deposit)} deposited (${channelId})`,
  ].join("\n");
}

async function pickChannel(
  ctx: Context,
  o: Options,
  e: GatewayEndpoint,
  customer: Hex,
  decimals: number,
): Promise<Hex> {
  const given = str(o, "channel");
  if (given) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(given)) throw new UsageError(`--channel: "${given}" is not a channel id`);
    return given.toLowerCase() as Hex;
  }
  const c = ctx.deployment.contracts;
  const deposit = str(o, "deposit");
  if (deposit === undefined) {
    const opened = await ctx.publicClient.getContractEvents({
      address: c.UsageChannels.address,
      abi: usageChannelsAbi,
      eventName: "ChannelOpened",
      args: { customer, endpointId: BigInt(e.endpointId) },
      fromBlock: 0n,
    });
    const now = (await ctx.publicClient.getBlock()).timestamp;
    for (const event of opened.reverse()) {
      const id = event.args.channelId as Hex;
      const ch = await ctx.publicClient.readContract({
        address: c.UsageChannels.address,
        abi: usageChannelsAbi,
        functionName: "channel",
        args: [id],
      });
      if (ch.customer !== "0x0000000000000000000000000000000000000000" && ch.expiresAt > now + 60n) return id;
    }
    throw new UsageError(`no open channel of yours to endpoint ${e.endpointId}: pass --deposit AMOUNT to open one`);
  }
  const amount = tokenAmount(deposit, decimals, "deposit");
  if (amount === 0n) throw new UsageError(`--deposit: "${deposit}" is not a positive amount`);
  const block = await ctx.publicClient.getBlock();
  const opened = await openChannel(ctx.signer(), {
    usageChannels: c.UsageChannels.address,
    modelRegistry: c.ModelRegistry.address,
    endpointId: BigInt(e.endpointId),
    amount,
    expiresAt: block.timestamp + BigInt(duration(str(o, "for"), "for", 30 * 86_400)),
  });
  return opened.channelId;
}

function describeResult(result: unknown): string {
  const faces = (
    result as { faces?: Array<{ box: { x: number; y: number; width: number; height: number }; score: number }> }
  )?.faces;
  if (Array.isArray(faces)) {
    const lines = faces.map(
      (f, i) => `  face ${i + 1}: at ${f.box.x},${f.box.y} size ${f.box.width}x${f.box.height} (score ${f.score})`,
    );
    return [`${faces.length} face${faces.length === 1 ? "" : "s"} found`, ...lines].join("\n");
  }
  return JSON.stringify(result, null, 2);
}
