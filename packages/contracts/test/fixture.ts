import { timelockControllerAbi } from "@aidao/sdk";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, getContract, parseAbi, parseEther } from "viem";
import { type DeployConfig, defaultConfig } from "../deploy/config.ts";
import { deployProtocol } from "../deploy/protocol.ts";

export const DAY = 24 * 60 * 60;

/** The part of Safe 1.4.1 the tests read. */
const SAFE_ABI = parseAbi([
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
  "function nonce() view returns (uint256)",
]);

/** The real deploy module on Hardhat's in-process chain, with the white paper's defaults. */
export async function deployFixture(connection: NetworkConnection, overrides: Partial<DeployConfig> = {}) {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const all = await viem.getWalletClients();
  const pick = (i: number) => {
    const wallet = all[i];
    if (!wallet) throw new Error(`Hardhat network has fewer than ${i + 1} accounts`);
    return wallet;
  };
  const names = [
    "deployer",
    "team",
    "advisors",
    "incentives",
    "owner1",
    "owner2",
    "owner3",
    "alice",
    "bob",
    "carol",
    "mallory",
  ] as const;
  const wallets = Object.fromEntries(names.map((name, i) => [name, pick(i)])) as Record<
    (typeof names)[number],
    ReturnType<typeof pick>
  >;
  const { deployer, team, advisors, incentives, owner1, owner2, owner3 } = wallets;
  const config: DeployConfig = {
    ...defaultConfig({
      team: team.account.address,
      advisors: advisors.account.address,
      incentives: incentives.account.address,
      safeOwners: [owner1.account.address, owner2.account.address, owner3.account.address],
      safeThreshold: 2,
    }),
    ...overrides,
  };
  const deployment = await deployProtocol({ publicClient, walletClient: deployer }, config);
  const c = deployment.contracts;
  const client = { public: publicClient, wallet: deployer };
  return {
    connection,
    publicClient,
    config,
    deployment,
    wallets,
    token: await viem.getContractAt("AIDAOToken", c.AIDAOToken.address),
    staking: await viem.getContractAt("Staking", c.Staking.address),
    governor: await viem.getContractAt("AIDAOGovernor", c.AIDAOGovernor.address),
    timelock: getContract({ address: c.TimelockController.address, abi: timelockControllerAbi, client }),
    treasury: await viem.getContractAt("Treasury", c.Treasury.address),
    educationFund: await viem.getContractAt("EducationFund", c.EducationFund.address),
    rewards: await viem.getContractAt("RewardsDistributor", c.RewardsDistributor.address),
    safe: getContract({ address: c.Safe.address, abi: SAFE_ABI, client }),
  };
}

export type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** Gives `amount` AIDAO to each account from the timelock's reserve (impersonated: tests only). */
export async function fund(f: Fixture, accounts: Address[], amount = parseEther("1000000")) {
  const timelock = f.deployment.contracts.TimelockController.address;
  const { networkHelpers } = f.connection;
  await networkHelpers.impersonateAccount(timelock);
  await networkHelpers.setBalance(timelock, parseEther("10"));
  for (const account of accounts) {
    await f.token.write.transfer([account, amount], { account: timelock });
  }
  await networkHelpers.stopImpersonatingAccount(timelock);
}
