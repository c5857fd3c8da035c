// Pay-per-use channels: redemption gas per channel in a batch, measured on the same chain as gas.ts (see README).
import { modelRegistryAbi, usageChannelsAbi, usageChannelsDomain, voucherTypes } from "@aidao/sdk";
import {
  type Abi,
  type Address,
  createWalletClient,
  erc20Abi,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  parseEther,
  parseEventLogs,
  toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";

/** The budget: redemption gas per channel in a batch of 50. */
export const REDEEM_BUDGET_PER_CHANNEL = 40_000;

export type UsageRow = { op: string; aidao: number; reference: number; note: string; target?: [number, number] };

type Env = {
  publicClient: PublicClient;
  rpcUrl: string;
  contracts: Record<string, Address>;
  /** Sends `fn` from `from` in its own block; returns its gas and logs. */
  send: (
    from: Address,
    to: Address,
    abi: Abi,
    fn: string,
    args: unknown[],
  ) => Promise<{ gas: number; logs: { data: Hex; topics: Hex[] }[] }>;
  impersonated: (address: Address, fn: () => Promise<unknown>) => Promise<void>;
  /** An account holding AIDAO that pays the customers' deposits. */
  funder: Address;
};

export async function measureUsage(env: Env): Promise<UsageRow[]> {
  const c = env.contracts;
  const usage = c.UsageChannels as Address;
  const models = c.ModelRegistry as Address;
  const token = c.AIDAOToken as Address;
  const main = c.TimelockController as Address; // the main DAO's executor owns DAO 1's models
  const rpc = (method: string, params: unknown[]) => env.publicClient.request({ method, params } as never);

  // Setup (not measured): a model of the main DAO with a production version, a priced endpoint and 3 contributors.
  let endpointId = 0n;
  await env.impersonated(main, async () => {
    const r = await env.send(main, models, modelRegistryAbi as Abi, "registerModel", [1n, "bench-model", ""]);
    const [reg] = parseEventLogs({ abi: modelRegistryAbi, logs: r.logs as never, eventName: "ModelRegistered" });
    const modelId = reg?.args.modelId ?? 0n;
    await env.send(main, models, modelRegistryAbi as Abi, "addVersion", [
      modelId,
      { contentHash: keccak256(toHex("bench")), uri: "bench", framework: "", license: "", metricsURI: "" },
    ]);
    for (const stage of [1, 2]) await env.send(main, models, modelRegistryAbi as Abi, "setStage", [modelId, 1n, stage]);
    const e = await env.send(main, models, modelRegistryAbi as Abi, "setEndpoint", [
      modelId,
      1n,
      { url: "http://bench", unit: "call", paymentToken: token, unitPrice: 1n, active: true },
    ]);
    const [created] = parseEventLogs({ abi: modelRegistryAbi, logs: e.logs as never, eventName: "EndpointCreated" });
    endpointId = created?.args.endpointId ?? 0n;
    await env.send(main, models, modelRegistryAbi as Abi, "setContributors", [
      modelId,
      [1, 2, 3].map((i) => ({ account: `0x${i.toString().padStart(40, "0")}`, role: 0, shareBps: 1000 })),
    ]);
  });

  // 51 customers (local keys) each open a channel and sign one voucher.
  const chainId = await env.publicClient.getChainId();
  const customers = Array.from({ length: 51 }, (_, i) => privateKeyToAccount(keccak256(toHex(`bench customer ${i}`))));
  const vouchers: Array<{ channelId: Hex; cumulativeAmount: bigint; claim: bigint; signature: Hex }> = [];
  const expiresAt = BigInt((await env.publicClient.getBlock()).timestamp) + 30n * 86_400n;
  for (const customer of customers) {
    await env.send(env.funder, token, erc20Abi, "transfer", [customer.address, parseEther("10")]);
    await rpc("anvil_setBalance", [customer.address, toHex(parseEther("1"))]);
    const wallet = createWalletClient({ chain: foundry, transport: http(env.rpcUrl), account: customer });
    await env.publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [usage, parseEther("10")],
      }),
    });
    const opened = await env.publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: usage,
        abi: usageChannelsAbi,
        functionName: "open",
        args: [endpointId, parseEther("10"), expiresAt],
      }),
    });
    const [event] = parseEventLogs({ abi: usageChannelsAbi, logs: opened.logs, eventName: "ChannelOpened" });
    if (!event) throw new Error("the bench channel did not open");
    const cumulativeAmount = parseEther("1");
    const signature = await wallet.signTypedData({
      domain: usageChannelsDomain(chainId, usage),
      types: voucherTypes,
      primaryType: "Voucher",
      message: { channelId: event.args.channelId, token, recipient: event.args.recipient, cumulativeAmount },
    });
    // The gateway collects what it charged, a little under what the voucher authorised.
    vouchers.push({ channelId: event.args.channelId, cumulativeAmount, claim: cumulativeAmount - 1n, signature });
  }
  const one = await env.send(env.funder, usage, usageChannelsAbi as Abi, "redeem", [vouchers.slice(0, 1)]);
  const fifty = await env.send(env.funder, usage, usageChannelsAbi as Abi, "redeem", [vouchers.slice(1)]);
  const perChannel = Math.round(fifty.gas / 50);
  return [
    {
      op: "redeem, 1 channel",
      aidao: one.gas,
      reference: REDEEM_BUDGET_PER_CHANNEL,
      note: "one voucher: signature, channel, split to 3 contributors + the main treasury | the per-channel budget",
    },
    {
      op: "redeem, per channel",
      aidao: perChannel,
      reference: REDEEM_BUDGET_PER_CHANNEL,
      note: "a batch of 50 vouchers of one endpoint, split once | the issue's budget per channel",
      target: [0, 1],
    },
  ];
}
