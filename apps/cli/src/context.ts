import { join, resolve } from "node:path";
import type { Deployment } from "@aidao/sdk";
import { loadDeployment } from "@aidao/sdk/node";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { UsageError } from "./errors.ts";

const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** What every command works with: the chain, the deployment, and (for writes) a signer. */
export type Context = {
  rpc: string;
  publicClient: PublicClient;
  deployment: Deployment;
  signer(): WalletClient<Transport, Chain, Account>;
  /** Waits until the transaction is mined; a revert becomes an error, so a command never reports a write that failed. */
  confirm(hash: Hex | Promise<Hex>): Promise<Hex>;
};

export type GlobalOptions = {
  rpc?: string | undefined;
  deployments?: string | undefined;
  "dev-account"?: string | undefined;
};

export async function connect(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Promise<Context> {
  const rpc = options.rpc ?? env.AIDAO_RPC ?? "http://127.0.0.1:8545";
  const transport = http(rpc);
  const probe = createPublicClient({ transport });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (cause) {
    throw new UsageError(`Cannot reach the chain at ${rpc}: is it running? (npm start runs a local one)`, { cause });
  }
  const chain: Chain = {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  };
  const dir = resolve(options.deployments ?? join(env.AIDAO_HOME ?? ".aidao", "deployments"));
  const deployment = loadDeployment(dir, chainId);
  const publicClient = createPublicClient({ chain, transport }) as PublicClient;
  return {
    rpc,
    publicClient,
    deployment,
    signer() {
      const account = signerAccount(options, env, chainId);
      return createWalletClient({ chain, transport, account });
    },
    async confirm(pending) {
      const hash = await pending;
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`transaction ${hash} was mined but reverted`);
      return hash;
    },
  };
}

function signerAccount(options: GlobalOptions, env: NodeJS.ProcessEnv, chainId: number): Account {
  const dev = options["dev-account"];
  if (dev !== undefined) {
    if (chainId !== 31337) throw new UsageError("--dev-account uses public test keys: only on a local chain (31337)");
    const index = Number(dev);
    if (!Number.isInteger(index) || index < 0 || index > 19) throw new UsageError("--dev-account must be 0..19");
    return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  }
  const key = env.AIDAO_PRIVATE_KEY;
  if (!key)
    throw new UsageError("This command sends a transaction: set AIDAO_PRIVATE_KEY (or --dev-account N locally)");
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new UsageError("AIDAO_PRIVATE_KEY must be 0x followed by 64 hex digits");
  return privateKeyToAccount(key as Hex);
}
