import type { Address } from "viem";
import { type DeployClients, type DeployedContract, deployArtifact } from "./clients.ts";

/**
 * Deploys DemoUSD, the local demo stablecoin (6 decimals, EIP-2612 permit and EIP-3009, what x402 `exact` pays
 * with), owned by `owner` (who mints). Local chains only: it is not part of the protocol and has no value.
 */
export function deployDemoUSD(clients: DeployClients, owner: Address): Promise<DeployedContract> {
  const chainId = clients.walletClient.chain?.id;
  if (chainId !== 31337) throw new Error(`DemoUSD is for local chains (31337) only, not chain ${chainId}`);
  return deployArtifact(clients, "DemoUSD", [owner]);
}
