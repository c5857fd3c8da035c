import { type LocalChain, startAnvil } from "@aidao/contracts/anvil";
import { defaultConfig, deployArtifact, deployDemoUSD, deployProtocol, readArtifact } from "@aidao/contracts/deploy";
import {
  addModelVersion,
  ChannelPayer,
  type Deployment,
  demoUsdAbi,
  modelRegistryAbi,
  openChannel,
  readChannel,
  registerModel,
  setContributorsCall,
  setEndpointCall,
  setStageCall,
  stakingAbi,
  usageChannelsAbi,
  writeChecked,
} from "@aidao/sdk";
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  parseEther,
  type Transport,
  toHex,
  type WalletClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";

export const dev = (i: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i });

export type Wallet = WalletClient<Transport, Chain, Account>;

/** A local chain with the protocol deployed and, owned by the main DAO, a model with served endpoints. */
export type LocalStack = {
  chain: LocalChain;
  publicClient: PublicClient;
  deployment: Deployment;
  token: Address;
  /** DemoUSD: the local EIP-3009 stablecoin (6 decimals), the token of the `faceUsd` endpoint. */
  demoUSD: Address;
  usageChannels: Address;
  modelId: bigint;
  endpoints: Record<string, bigint>;
  wallet(i: number): Wallet;
  rpc(method: string, params: unknown[]): Promise<unknown>;
  /** Advances the chain's clock. */
  travel(seconds: number): Promise<void>;
  /** Gives `to` AIDAO from the main DAO's reserve. */
  fund(to: Address, amount: bigint): Promise<void>;
  /** Mints `to` DemoUSD (6 decimals). */
  mintUSD(to: Address, amount: bigint): Promise<void>;
  /** Opens a channel of customer `i` to an endpoint. */
  open(i: number, endpointId: bigint, deposit: bigint, expiresIn?: number): Promise<Hex>;
  /** Makes a call as the main DAO's executor (the timelock), as a passed proposal would. */
  asDAO(call: { target: Address; data: Hex }): Promise<void>;
  /** Funds dev account `i` with `amount` AIDAO and stakes it (a first stake delegates to itself; it matures later). */
  stake(i: number, amount: bigint): Promise<void>;
  /**
   * Sends a contract call from dev account `i` as the SDK does (simulated first, with its gas margin) and waits until
   * it is mined, failing if it reverted. A bare gas estimate can fall short: a votes checkpoint written in a later
   * second than the estimate's costs ~22k gas more (see the SDK's withGasMargin).
   */
  send(i: number, call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }): Promise<void>;
  /** A client of dev account `i` paying through channel `channelId` at the gateway `gatewayUrl` (the SDK's). */
  payer(i: number, channelId: Hex, gatewayUrl: string): Promise<ChannelPayer>;
  /**
   * A smart-wallet customer (UsageWallet, owned by dev account `owner`) with `deposit` AIDAO in a channel to
   * `endpointId`: the wallet is the channel's customer; its owner signs the vouchers, which the wallet vouches for
   * through ERC-1271.
   */
  walletChannel(owner: number, endpointId: bigint, deposit: bigint): Promise<{ wallet: Address; channelId: Hex }>;
  stop(): Promise<void>;
};

export const PRICES = { face: parseEther("1"), call: parseEther("0.001"), faceUsd: 10_000n /* $0.01 */ };

/**
 * Starts anvil, deploys the protocol, and has the main DAO serve one model through the gateway: `aidao:face-detection`
 * (unit "face", at most 20 per call), `aidao:echo` (unit "call") and any `upstreams` given (url → unit), with two
 * contributors sharing 30% of its revenue.
 */
export async function startLocalStack(upstreams: Record<string, string> = {}): Promise<LocalStack> {
  const chain = await startAnvil({ args: ["--accounts", "20"] });
  const transport = http(chain.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 }) as PublicClient;
  const wallet = (i: number): Wallet =>
    createWalletClient({ chain: foundry, transport, account: dev(i), pollingInterval: 50 }) as Wallet;
  const a = (i: number) => dev(i).address;
  const deployment = await deployProtocol(
    { publicClient, walletClient: wallet(0) },
    defaultConfig({ team: a(1), advisors: a(2), incentives: a(3), safeOwners: [a(4), a(5), a(6)], safeThreshold: 2 }),
  );
  const rpc = (method: string, params: unknown[]) =>
    publicClient.request({ method: method as never, params: params as never }) as Promise<unknown>;
  const timelock = deployment.contracts.TimelockController.address;
  await rpc("anvil_impersonateAccount", [timelock]);
  await rpc("anvil_setBalance", [timelock, toHex(parseEther("10"))]);
  const dao = createWalletClient({ chain: foundry, transport, account: timelock, pollingInterval: 50 });
  // A receipt is returned for a reverted transaction too: a setup step that did not happen fails here, not as a
  // puzzling state (no voting power, no balance) in a later step.
  const mined = async (hash: Hex, what: string) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${what} reverted (${hash})`);
  };
  const send: LocalStack["send"] = async (i, call) => {
    await mined(await writeChecked(wallet(i), call as never), `${call.functionName} by dev account ${i}`);
  };
  const asDAO = async (call: { target: Address; data: Hex }) => {
    await mined(await dao.sendTransaction({ to: call.target, data: call.data }), `the DAO's call to ${call.target}`);
  };
  const token = deployment.contracts.AIDAOToken.address;
  const usageChannels = deployment.contracts.UsageChannels.address;
  const modelRegistry = deployment.contracts.ModelRegistry.address;

  const { modelId } = await registerModel(dao as never, {
    modelRegistry,
    daoId: 1n,
    name: "faces",
    metadataURI: "ipfs://faces",
  });
  const { versionId } = await addModelVersion(dao as never, {
    modelRegistry,
    modelId,
    contentHash: keccak256(toHex("ssd_mobilenetv1")),
    uri: "npm:@vladmandic/face-api/model/ssd_mobilenetv1_model.bin",
    framework: "tfjs-4.22",
    license: "MIT",
    metricsURI: "",
  });
  await asDAO(setStageCall(modelRegistry, modelId, versionId, "Staging"));
  await asDAO(setStageCall(modelRegistry, modelId, versionId, "Production"));
  await asDAO(
    setContributorsCall(modelRegistry, modelId, [
      { account: a(10), role: "Data", shareBps: 2_000 },
      { account: a(11), role: "Model", shareBps: 1_000 },
    ]),
  );
  const endpoints: Record<string, bigint> = {};
  const addEndpoint = async (key: string, url: string, unit: string, unitPrice: bigint) => {
    await asDAO(
      setEndpointCall(modelRegistry, modelId, versionId, { url, unit, paymentToken: token, unitPrice, active: true }),
    );
    endpoints[key] = (await publicClient.readContract({
      address: modelRegistry,
      abi: modelRegistryAbi,
      functionName: "endpointCount",
    })) as bigint;
  };
  await addEndpoint("face", "aidao:face-detection#max=20", "face", PRICES.face);
  // The same detector sold in DemoUSD under its own model name (x402 `exact` needs an EIP-3009 token).
  const demoUSD = (await deployDemoUSD({ publicClient, walletClient: wallet(0) }, a(0))).address;
  const usd = await registerModel(dao as never, {
    modelRegistry,
    daoId: 1n,
    name: "faces-usd",
    metadataURI: "ipfs://faces",
  });
  const usdVersion = await addModelVersion(dao as never, {
    modelRegistry,
    modelId: usd.modelId,
    contentHash: keccak256(toHex("ssd_mobilenetv1")),
    uri: "npm:@vladmandic/face-api/model/ssd_mobilenetv1_model.bin",
    framework: "tfjs-4.22",
    license: "MIT",
    metricsURI: "",
  });
  await asDAO(setStageCall(modelRegistry, usd.modelId, usdVersion.versionId, "Staging"));
  await asDAO(
    setContributorsCall(modelRegistry, usd.modelId, [
      { account: a(10), role: "Data", shareBps: 2_000 },
      { account: a(11), role: "Model", shareBps: 1_000 },
    ]),
  );
  await asDAO(
    setEndpointCall(modelRegistry, usd.modelId, usdVersion.versionId, {
      url: "aidao:face-detection#max=20",
      unit: "face",
      paymentToken: demoUSD,
      unitPrice: PRICES.faceUsd,
      active: true,
    }),
  );
  endpoints.faceUsd = (await publicClient.readContract({
    address: modelRegistry,
    abi: modelRegistryAbi,
    functionName: "endpointCount",
  })) as bigint;
  await addEndpoint("echo", "aidao:echo", "call", PRICES.call);
  for (const [url, unit] of Object.entries(upstreams)) await addEndpoint(url, url, unit, PRICES.call);

  const fund = async (to: Address, amount: bigint) => {
    await asDAO({
      target: token,
      data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] }),
    });
  };
  const mintUSD = async (to: Address, amount: bigint) => {
    const hash = await wallet(0).writeContract({
      address: demoUSD,
      abi: demoUsdAbi,
      functionName: "mint",
      args: [to, amount],
    });
    await mined(hash, `minting DemoUSD to ${to}`);
  };
  const open = async (i: number, endpointId: bigint, deposit: bigint, expiresIn = 30 * 86_400) => {
    const now = (await publicClient.getBlock()).timestamp;
    const c = await openChannel(wallet(i), {
      usageChannels,
      modelRegistry,
      endpointId,
      amount: deposit,
      expiresAt: now + BigInt(expiresIn),
    });
    return c.channelId;
  };
  return {
    chain,
    publicClient,
    deployment,
    token,
    demoUSD,
    usageChannels,
    modelId,
    endpoints,
    wallet,
    rpc,
    travel: async (seconds) => {
      await rpc("evm_increaseTime", [seconds]);
      await rpc("evm_mine", []);
    },
    fund,
    mintUSD,
    open,
    asDAO,
    stake: async (i, amount) => {
      await fund(a(i), amount);
      const staking = deployment.contracts.Staking.address;
      await send(i, { address: token, abi: erc20Abi, functionName: "approve", args: [staking, amount] });
      await send(i, { address: staking, abi: stakingAbi, functionName: "stake", args: [amount] });
    },
    send,
    payer: async (i, channelId, gatewayUrl) => {
      const c = await readChannel(publicClient, { usageChannels, channelId });
      return new ChannelPayer({
        client: wallet(i),
        gatewayUrl,
        chainId: deployment.chainId,
        usageChannels,
        channel: { channelId, token: c.token, recipient: c.recipient },
      });
    },
    walletChannel: async (owner, endpointId, deposit) => {
      const walletClient = wallet(owner);
      const { address } = await deployArtifact({ publicClient, walletClient }, "UsageWallet", [a(owner)]);
      await fund(address, deposit);
      const { abi } = readArtifact("UsageWallet");
      const viaWallet = (target: Address, data: Hex) =>
        send(owner, { address, abi, functionName: "execute", args: [target, data] });
      await viaWallet(
        token,
        encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [usageChannels, deposit] }),
      );
      const channelId = await publicClient.readContract({
        address: usageChannels,
        abi: usageChannelsAbi,
        functionName: "nextChannelId",
        args: [address, endpointId, token],
      });
      const expiresAt = (await publicClient.getBlock()).timestamp + 86_400n;
      await viaWallet(
        usageChannels,
        encodeFunctionData({ abi: usageChannelsAbi, functionName: "open", args: [endpointId, deposit, expiresAt] }),
      );
      return { wallet: address, channelId };
    },
    stop: () => chain.stop(),
  };
}
