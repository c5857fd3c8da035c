import { type Address, encodeAbiParameters, type Hex, keccak256, parseAbiParameters, toHex } from "viem";
import { readArtifact } from "./artifacts.ts";
import type { DeployClients, DeployedContract } from "./clients.ts";
import type { DeployConfig } from "./config.ts";
import { codeAt, creationBlock } from "./deterministic.ts";
import { TEMPLATES } from "./factory.ts";

/** The protocol's own Venture DAO, by the name the deployment file records each contract under. */
export const VENTURE_CONTRACTS = [
  "VentureTreasury",
  "VentureFund",
  "VentureReceipts",
  "VentureGovernor",
  "VentureTimelock",
] as const;
export type VentureContractName = (typeof VENTURE_CONTRACTS)[number];

/** The white paper's split of every venture vote: investors 60%, AIDAO holders 40%. */
export const VENTURE_INVESTOR_WEIGHT = 60;

/** The `createDAO` parameters of AIDAO's Venture DAO: the `venture` template under the main governor's settings. */
export function ventureDAOParams(config: DeployConfig) {
  const g = config.governor;
  return {
    templateId: TEMPLATES.venture,
    version: 1,
    parentId: 0n,
    name: "AIDAO Venture",
    daoURI: "",
    salt: keccak256(toHex("aidao-venture")),
    governance: {
      mode: 0,
      votingDelay: g.votingDelay,
      votingPeriod: g.votingPeriod,
      proposalThreshold: g.proposalThreshold,
      quorumPercent: g.quorumPercent,
      timelockDelay: config.timelockDelay,
      safeOwners: [] as Address[],
      safeThreshold: 0n,
    },
    templateData: encodeAbiParameters(parseAbiParameters("string, string, uint8"), [
      "AIDAO Venture Receipt",
      "AIDAO-VR",
      VENTURE_INVESTOR_WEIGHT,
    ]),
  } as const;
}

/**
 * Finds, or creates through the factory from the `venture` template, AIDAO's Venture DAO as a child of the main DAO:
 * its fund and receipts, its 60/40 governor (over the receipts and the protocol's staking) and its timelock and
 * treasury. The factory fixes its addresses from the creator (the deployer) and a salt, so `predictDAO` says where it
 * is; a re-run finds it there. Returns its contracts, read back from its treasury's record.
 */
export async function ensureVentureDAO(
  clients: DeployClients,
  factory: Address,
  config: DeployConfig,
): Promise<{ hash?: Hex; treasury: Address; contracts: Record<VentureContractName, DeployedContract> }> {
  const { publicClient, walletClient } = clients;
  const factoryAbi = readArtifact("AIDAOFactory").abi;
  const params = ventureDAOParams(config);
  const [treasury] = (await publicClient.readContract({
    address: factory,
    abi: factoryAbi,
    functionName: "predictDAO",
    args: [walletClient.account.address, params],
  })) as [Address, Address, Address];
  let hash: Hex | undefined;
  let block: bigint;
  if ((await codeAt(publicClient, treasury)) !== "0x") {
    block = (await creationBlock(publicClient, treasury)).block;
  } else {
    hash = await walletClient.writeContract({
      address: factory,
      abi: factoryAbi,
      functionName: "createDAO",
      args: [params],
      chain: walletClient.chain,
      account: walletClient.account,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`createDAO (venture) reverted in transaction ${hash}`);
    block = receipt.blockNumber;
  }
  const dao = (await publicClient.readContract({
    address: treasury,
    abi: readArtifact("ChildTreasury").abi,
    functionName: "daoRecord",
  })) as { treasury: Address; token: Address; governor: Address; timelock: Address; module: Address };
  const at = (address: Address): DeployedContract => ({ address, block });
  return {
    ...(hash ? { hash } : {}),
    treasury,
    contracts: {
      VentureTreasury: at(dao.treasury),
      VentureFund: at(dao.module),
      VentureReceipts: at(dao.token),
      VentureGovernor: at(dao.governor),
      VentureTimelock: at(dao.timelock),
    },
  };
}
