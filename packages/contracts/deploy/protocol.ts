import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Address, getContractAddress, keccak256, toHex } from "viem";
import { readArtifact } from "./artifacts.ts";
import { type DeployClients, type DeployedContract, deployArtifact, send } from "./clients.ts";
import type { DeployConfig, VestingConfig } from "./config.ts";
import { deployFactoryStack, FACTORY_CONTRACTS } from "./factory.ts";
import { createSafe, ensureSafeInfrastructure, type SafeInfrastructure } from "./safe.ts";
import { createVentureDAO, VENTURE_CONTRACTS } from "./venture.ts";

/** The names under which the protocol's contracts are recorded, in deployment order. */
export const PROTOCOL_CONTRACTS = [
  "TimelockController",
  "Safe",
  "EducationFund",
  "Treasury",
  "TeamVesting",
  "AdvisorsVesting",
  "IncentivesVesting",
  "RewardsDistributor",
  "AIDAOToken",
  "Staking",
  "AIDAOGovernor",
  ...FACTORY_CONTRACTS,
  ...VENTURE_CONTRACTS,
  "UsageChannels",
] as const;
export type ProtocolContractName = (typeof PROTOCOL_CONTRACTS)[number];

/** What `deployProtocol` returns and `writeDeployment` stores as `deployments/<chainId>.json`. */
export type ProtocolDeployment = {
  chainId: number;
  deployer: Address;
  contracts: Record<ProtocolContractName, DeployedContract>;
  safeInfrastructure: SafeInfrastructure;
};

const role = (name: string) => keccak256(toHex(name));
export const TIMELOCK_ROLES = {
  admin: `0x${"00".repeat(32)}` as const,
  proposer: role("PROPOSER_ROLE"),
  executor: role("EXECUTOR_ROLE"),
  canceller: role("CANCELLER_ROLE"),
};

/**
 * Deploys the whole AIDAO protocol to the chain behind `clients`: timelock, Safe, treasury and education fund,
 * vesting wallets, rewards distributor, the token (minting the allocation), staking and the governor; then hands
 * the timelock to the governor and renounces the deployer's admin role; then the AI DAO factory stack (registries,
 * template implementations and setups, factory, model registry), and creates AIDAO's Venture DAO (DAO 2) through
 * the factory, and the usage channels for pay-per-use endpoints. Nothing stays privileged to the deployer.
 */
export async function deployProtocol(clients: DeployClients, config: DeployConfig): Promise<ProtocolDeployment> {
  const { publicClient, walletClient } = clients;
  const deployer = walletClient.account.address;
  const chainId = await publicClient.getChainId();
  const now = Number((await publicClient.getBlock()).timestamp);
  const contracts = {} as Record<ProtocolContractName, DeployedContract>;

  contracts.TimelockController = await deployArtifact(clients, "TimelockController", [
    BigInt(config.timelockDelay),
    [],
    [],
    deployer,
  ]);
  const timelock = contracts.TimelockController.address;

  const safeInfrastructure = await ensureSafeInfrastructure(clients);
  contracts.Safe = await createSafe(
    clients,
    safeInfrastructure,
    config.safe.owners,
    config.safe.threshold,
    config.safe.saltNonce ?? BigInt(now),
  );

  contracts.EducationFund = await deployArtifact(clients, "EducationFund", [timelock]);
  contracts.Treasury = await deployArtifact(clients, "Treasury", [
    timelock,
    contracts.EducationFund.address,
    config.educationBps,
    contracts.Safe.address,
  ]);

  const vesting = (v: VestingConfig) => [v.beneficiary, BigInt(v.start ?? now), BigInt(v.duration), BigInt(v.cliff)];
  contracts.TeamVesting = await deployArtifact(clients, "AIDAOVesting", vesting(config.vesting.team));
  contracts.AdvisorsVesting = await deployArtifact(clients, "AIDAOVesting", vesting(config.vesting.advisors));
  contracts.IncentivesVesting = await deployArtifact(clients, "AIDAOVesting", vesting(config.vesting.incentives));

  // The distributor must know the token and the token must know the distributor: the token is the next contract
  // this account creates after the distributor, so its address follows from the account's nonce.
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: "pending" });
  const predictedToken = getContractAddress({ from: deployer, nonce: BigInt(nonce + 1) });
  contracts.RewardsDistributor = await deployArtifact(clients, "RewardsDistributor", [
    predictedToken,
    timelock,
    BigInt(now + config.rewardsProgrammeDuration),
  ]);
  contracts.AIDAOToken = await deployArtifact(clients, "AIDAOToken", [
    {
      rewards: contracts.RewardsDistributor.address,
      team: contracts.TeamVesting.address,
      venture: config.ventureRecipient ?? timelock,
      treasury: contracts.Treasury.address,
      advisors: contracts.AdvisorsVesting.address,
      incentives: contracts.IncentivesVesting.address,
      reserved: timelock,
    },
  ]);
  if (contracts.AIDAOToken.address.toLowerCase() !== predictedToken.toLowerCase()) {
    throw new Error(
      `AIDAOToken landed at ${contracts.AIDAOToken.address}, not ${predictedToken}: another transaction from ${deployer} interleaved; redeploy from a quiet account.`,
    );
  }

  contracts.Staking = await deployArtifact(clients, "Staking", [
    contracts.AIDAOToken.address,
    timelock,
    BigInt(config.minStakePeriod),
  ]);
  const g = config.governor;
  contracts.AIDAOGovernor = await deployArtifact(clients, "AIDAOGovernor", [
    contracts.Staking.address,
    timelock,
    {
      votingDelay: g.votingDelay,
      votingPeriod: g.votingPeriod,
      proposalThreshold: g.proposalThreshold,
      quorumNumerator: BigInt(g.quorumPercent),
      lateQuorumExtension: g.lateQuorumExtension,
    },
  ]);

  const { abi } = readArtifact("TimelockController");
  const governor = contracts.AIDAOGovernor.address;
  for (const r of [TIMELOCK_ROLES.proposer, TIMELOCK_ROLES.canceller, TIMELOCK_ROLES.executor]) {
    await send(clients, { address: timelock, abi, functionName: "grantRole", args: [r, governor] });
  }
  await send(clients, { address: timelock, abi, functionName: "renounceRole", args: [TIMELOCK_ROLES.admin, deployer] });

  Object.assign(
    contracts,
    await deployFactoryStack(clients, safeInfrastructure, {
      timelock,
      treasury: contracts.Treasury.address,
      token: contracts.AIDAOToken.address,
      governor,
      staking: contracts.Staking.address,
      safe: contracts.Safe.address,
      protocolFeeBps: config.protocolFeeBps,
      metadataBaseURI: config.templateMetadataBaseURI,
    }),
  );
  const venture = await createVentureDAO(
    clients,
    contracts.AIDAOFactory.address,
    contracts.DAORegistry.address,
    config,
  );
  Object.assign(contracts, venture.contracts);
  contracts.UsageChannels = await deployArtifact(clients, "UsageChannels", [
    contracts.ModelRegistry.address,
    BigInt(config.channelGraceSeconds),
  ]);
  return { chainId, deployer, contracts, safeInfrastructure };
}

/** Writes `<dir>/<chainId>.json` (name → address and block) and returns its path. */
export function writeDeployment(dir: string, deployment: ProtocolDeployment): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${deployment.chainId}.json`);
  const json = JSON.stringify(deployment, (_, v) => (typeof v === "bigint" ? Number(v) : v), 2);
  writeFileSync(path, `${json}\n`);
  return path;
}
