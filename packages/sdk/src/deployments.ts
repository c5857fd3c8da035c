import { type Address, isAddress } from "viem";
import { BaseError } from "./errors.ts";
import { CONTRACT_NAMES } from "./generated/contracts.ts";

export { CONTRACT_NAMES };
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** A deployment as read back: each contract's address and the block it was created in. */
export type Deployment = {
  chainId: number;
  deployer: Address;
  contracts: Record<ContractName, { address: Address; block: bigint }>;
  safeInfrastructure: Record<string, Address>;
};

/** Validates a parsed `deployments/<chainId>.json`; throws a {BaseError} naming the first bad field. */
export function parseDeployment(json: unknown): Deployment {
  const bad = (field: string) => new BaseError(`Invalid deployment file: ${field}`);
  if (typeof json !== "object" || json === null) throw bad("not an object");
  const d = json as Record<string, unknown>;
  if (typeof d.chainId !== "number" || !Number.isInteger(d.chainId) || d.chainId <= 0) throw bad("chainId");
  if (typeof d.deployer !== "string" || !isAddress(d.deployer)) throw bad("deployer");
  const raw = d.contracts as Record<string, { address?: unknown; block?: unknown }> | undefined;
  if (typeof raw !== "object" || raw === null) throw bad("contracts");
  const contracts = {} as Deployment["contracts"];
  for (const name of CONTRACT_NAMES) {
    const entry = raw[name];
    if (!entry || typeof entry.address !== "string" || !isAddress(entry.address))
      throw bad(`contracts.${name}.address`);
    if (typeof entry.block !== "number" && typeof entry.block !== "string") throw bad(`contracts.${name}.block`);
    contracts[name] = { address: entry.address, block: BigInt(entry.block) };
  }
  const safeInfrastructure = (d.safeInfrastructure ?? {}) as Record<string, Address>;
  return { chainId: d.chainId, deployer: d.deployer, contracts, safeInfrastructure };
}
