import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { readArtifact } from "./artifacts.ts";

/** The two clients a deployment needs: one to read and wait, one (with an account) to send. */
export type DeployClients = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
};

/** A deployed contract: where it is and in which block it appeared (where indexers start). */
export type DeployedContract = { address: Address; block: bigint };

/** Deploys `contractName` from its artifact and waits for the receipt. */
export async function deployArtifact(
  { publicClient, walletClient }: DeployClients,
  contractName: string,
  args: readonly unknown[] = [],
): Promise<DeployedContract> {
  const { abi, bytecode } = readArtifact(contractName);
  const hash = await walletClient.deployContract({
    abi: abi as Abi,
    bytecode,
    args,
    account: walletClient.account,
    chain: walletClient.chain,
  } as Parameters<typeof walletClient.deployContract>[0]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`Deploying ${contractName} failed in transaction ${hash}`);
  }
  return { address: getAddress(receipt.contractAddress), block: receipt.blockNumber };
}

/** Sends a contract call and waits for it; throws if it reverted. */
export async function send(
  { publicClient, walletClient }: DeployClients,
  call: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[]; value?: bigint },
): Promise<Hex> {
  const hash = await walletClient.writeContract({
    ...call,
    account: walletClient.account,
    chain: walletClient.chain,
  } as unknown as Parameters<typeof walletClient.writeContract>[0]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${call.functionName} reverted in transaction ${hash}`);
  return hash;
}
