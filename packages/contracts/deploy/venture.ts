import { type Address, decodeEventLog, encodeAbiParameters, keccak256, parseAbiParameters, toHex } from "viem";
import { readArtifact } from "./artifacts.ts";
import type { DeployClients, DeployedContract } from "./clients.ts";
import type { DeployConfig } from "./config.ts";
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

/**
 * Creates AIDAO's Venture DAO through the factory from the `venture` template, as a child of the main DAO: its fund
 * and receipts, its 60/40 governor (over the receipts and the protocol's staking) and its timelock and treasury. It
 * uses the main governor's voting settings. Returns the DAO's id and its contracts.
 */
export async function createVentureDAO(
  clients: DeployClients,
  factory: Address,
  registry: Address,
  config: DeployConfig,
): Promise<{ daoId: bigint; contracts: Record<VentureContractName, DeployedContract> }> {
  const { publicClient, walletClient } = clients;
  const factoryAbi = readArtifact("AIDAOFactory").abi;
  const g = config.governor;
  const hash = await walletClient.writeContract({
    address: factory,
    abi: factoryAbi,
    functionName: "createDAO",
    args: [
      {
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
          safeOwners: [],
          safeThreshold: 0n,
        },
        templateData: encodeAbiParameters(parseAbiParameters("string, string, uint8"), [
          "AIDAO Venture Receipt",
          "AIDAO-VR",
          VENTURE_INVESTOR_WEIGHT,
        ]),
      },
    ],
    chain: walletClient.chain,
    account: walletClient.account,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`createDAO (venture) reverted in transaction ${hash}`);
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== factory.toLowerCase()) continue;
    const event = decodeEventLog({ abi: factoryAbi, data: log.data, topics: log.topics, strict: false });
    if (event.eventName !== "DAOCreated") continue;
    const daoId = (event.args as unknown as { daoId: bigint }).daoId;
    const dao = (await publicClient.readContract({
      address: registry,
      abi: readArtifact("DAORegistry").abi,
      functionName: "dao",
      args: [daoId],
    })) as { treasury: Address; token: Address; governor: Address; timelock: Address; module: Address };
    const at = (address: Address): DeployedContract => ({ address, block: receipt.blockNumber });
    return {
      daoId,
      contracts: {
        VentureTreasury: at(dao.treasury),
        VentureFund: at(dao.module),
        VentureReceipts: at(dao.token),
        VentureGovernor: at(dao.governor),
        VentureTimelock: at(dao.timelock),
      },
    };
  }
  throw new Error(`createDAO (venture) emitted no DAOCreated in transaction ${hash}`);
}
