import { createRequire } from "node:module";
import { type Address, encodeFunctionData, parseEventLogs, zeroAddress } from "viem";
import { readArtifact } from "./artifacts.ts";
import { type DeployClients, type DeployedContract, deployArtifact } from "./clients.ts";

const require = createRequire(import.meta.url);

/** The Safe 1.4.1 contracts that `@safe-global/protocol-kit` needs, by its `contractNetworks` key. */
export type SafeInfrastructure = {
  safeSingletonAddress: Address;
  safeProxyFactoryAddress: Address;
  fallbackHandlerAddress: Address;
  multiSendAddress: Address;
  multiSendCallOnlyAddress: Address;
  signMessageLibAddress: Address;
  createCallAddress: Address;
  simulateTxAccessorAddress: Address;
};

const INFRA: Array<[keyof SafeInfrastructure, string, string]> = [
  ["safeSingletonAddress", "SafeL2", "getSafeL2SingletonDeployment"],
  ["safeProxyFactoryAddress", "SafeProxyFactory", "getProxyFactoryDeployment"],
  ["fallbackHandlerAddress", "CompatibilityFallbackHandler", "getCompatibilityFallbackHandlerDeployment"],
  ["multiSendAddress", "MultiSend", "getMultiSendDeployment"],
  ["multiSendCallOnlyAddress", "MultiSendCallOnly", "getMultiSendCallOnlyDeployment"],
  ["signMessageLibAddress", "SignMessageLib", "getSignMessageLibDeployment"],
  ["createCallAddress", "CreateCall", "getCreateCallDeployment"],
  ["simulateTxAccessorAddress", "SimulateTxAccessor", "getSimulateTxAccessorDeployment"],
];

/**
 * Finds Safe 1.4.1 at its canonical addresses, or deploys it from the official artifacts (local chains, where
 * nothing is pre-deployed).
 */
export async function ensureSafeInfrastructure(clients: DeployClients): Promise<SafeInfrastructure> {
  const deployments = require("@safe-global/safe-deployments") as Record<
    string,
    (filter: { version: string }) => { deployments: { canonical?: { address: Address } } } | undefined
  >;
  const canonical = {} as SafeInfrastructure;
  let allCanonical = true;
  for (const [key, , getter] of INFRA) {
    const address = deployments[getter]?.({ version: "1.4.1" })?.deployments.canonical?.address;
    const code = address ? await clients.publicClient.getCode({ address }) : undefined;
    if (!address || !code || code === "0x") {
      allCanonical = false;
      break;
    }
    canonical[key] = address;
  }
  if (allCanonical) return canonical;

  const deployed = {} as SafeInfrastructure;
  for (const [key, name] of INFRA) deployed[key] = (await deployArtifact(clients, name)).address;
  return deployed;
}

/** Creates a Safe proxy with `owners` and `threshold` through the proxy factory. */
export async function createSafe(
  clients: DeployClients,
  infra: SafeInfrastructure,
  owners: Address[],
  threshold: number,
  saltNonce = 0n,
): Promise<DeployedContract> {
  if (owners.length === 0 || threshold < 1 || threshold > owners.length) {
    throw new Error(`Invalid Safe: ${threshold} of ${owners.length} owners`);
  }
  const singleton = readArtifact("SafeL2");
  const factory = readArtifact("SafeProxyFactory");
  const initializer = encodeFunctionData({
    abi: singleton.abi,
    functionName: "setup",
    args: [owners, BigInt(threshold), zeroAddress, "0x", infra.fallbackHandlerAddress, zeroAddress, 0n, zeroAddress],
  });
  const hash = await clients.walletClient.writeContract({
    address: infra.safeProxyFactoryAddress,
    abi: factory.abi,
    functionName: "createProxyWithNonce",
    args: [infra.safeSingletonAddress, initializer, saltNonce],
    account: clients.walletClient.account,
    chain: clients.walletClient.chain,
  });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  const [created] = parseEventLogs({ abi: factory.abi, logs: receipt.logs, eventName: "ProxyCreation" });
  const proxy = (created?.args as { proxy?: Address } | undefined)?.proxy;
  if (receipt.status !== "success" || !proxy) throw new Error(`Creating the Safe failed in transaction ${hash}`);
  return { address: proxy, block: receipt.blockNumber };
}
