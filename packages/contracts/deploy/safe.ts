import {
  type Address,
  concat,
  encodeFunctionData,
  encodePacked,
  type Hex,
  keccak256,
  pad,
  parseEventLogs,
  zeroAddress,
  zeroHash,
} from "viem";
import { readArtifact } from "./artifacts.ts";
import type { DeployClients, DeployedContract } from "./clients.ts";
import { create2Address, SAFE_SINGLETON_FACTORY } from "./deterministic.ts";
import { type ContractStep, runSteps } from "./steps.ts";
import { safeCanonicalCodeHash } from "./verify.ts";

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

/** Each Safe contract: its key, its artifact, and the `@safe-global/safe-deployments` getter of its canonical record. */
export const SAFE_INFRA: Array<[keyof SafeInfrastructure, string, string]> = [
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
 * Safe 1.4.1's contracts at their canonical addresses: what Safe's singleton factory CREATE2s from the official build
 * with salt zero, on every chain (so `@safe-global/protocol-kit` and the Safe apps know them). A step for each, which
 * finds the contract there or deploys it (installing the factory first on a development chain).
 */
export function safeInfrastructurePlan(): { infrastructure: SafeInfrastructure; steps: ContractStep[] } {
  const infrastructure = {} as SafeInfrastructure;
  const steps: ContractStep[] = SAFE_INFRA.map(([key, artifact, getter]) => {
    const initCode = readArtifact(artifact).bytecode;
    const address = create2Address(SAFE_SINGLETON_FACTORY, zeroHash, initCode);
    infrastructure[key] = address;
    const codeHash = safeCanonicalCodeHash(getter, address);
    return {
      kind: "contract",
      name: artifact,
      address,
      initCode,
      via: { kind: "create2", proxy: SAFE_SINGLETON_FACTORY, salt: zeroHash },
      expected: codeHash ? { artifact, codeHash } : { artifact },
      recorded: false,
    };
  });
  return { infrastructure, steps };
}

/**
 * Finds Safe 1.4.1 at its canonical addresses, or deploys it there through Safe's singleton factory (which a
 * development chain gets installed).
 */
export async function ensureSafeInfrastructure(clients: DeployClients): Promise<SafeInfrastructure> {
  const { infrastructure, steps } = safeInfrastructurePlan();
  await runSteps(clients, steps);
  return infrastructure;
}

/** Safe's `setup` call that makes a new proxy a Safe of `owners` with `threshold`. */
export function safeInitializer(infra: SafeInfrastructure, owners: Address[], threshold: number): Hex {
  if (owners.length === 0 || threshold < 1 || threshold > owners.length) {
    throw new Error(`Invalid Safe: ${threshold} of ${owners.length} owners`);
  }
  return encodeFunctionData({
    abi: readArtifact("SafeL2").abi,
    functionName: "setup",
    args: [owners, BigInt(threshold), zeroAddress, "0x", infra.fallbackHandlerAddress, zeroAddress, 0n, zeroAddress],
  });
}

/** Where {createSafe} with these arguments puts the Safe: the proxy factory's CREATE2 address for them. */
export function predictSafe(
  infra: SafeInfrastructure,
  owners: Address[],
  threshold: number,
  saltNonce: bigint,
): Address {
  const initializer = safeInitializer(infra, owners, threshold);
  const salt = keccak256(encodePacked(["bytes32", "uint256"], [keccak256(initializer), saltNonce]));
  const proxyCode = concat([readArtifact("SafeProxy").bytecode, pad(infra.safeSingletonAddress)]);
  return create2Address(infra.safeProxyFactoryAddress, salt, proxyCode);
}

/** Creates a Safe proxy with `owners` and `threshold` through the proxy factory (at {predictSafe}'s address). */
export async function createSafe(
  clients: DeployClients,
  infra: SafeInfrastructure,
  owners: Address[],
  threshold: number,
  saltNonce = 0n,
): Promise<DeployedContract & { hash: Hex }> {
  const initializer = safeInitializer(infra, owners, threshold);
  const factory = readArtifact("SafeProxyFactory");
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
  return { address: proxy, block: receipt.blockNumber, hash };
}
