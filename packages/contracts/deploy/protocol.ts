import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Address,
  encodeAbiParameters,
  encodePacked,
  type Hex,
  hexToBigInt,
  keccak256,
  type PublicClient,
  parseAbiParameters,
  toHex,
  zeroHash,
} from "viem";
import { readArtifact } from "./artifacts.ts";
import { type DeployClients, type DeployedContract, send } from "./clients.ts";
import type { DeployConfig, VestingConfig } from "./config.ts";
import {
  codeAt,
  create2Address,
  creationBlock,
  DETERMINISTIC_DEPLOYMENT_PROXY,
  ensureCreate2Proxy,
} from "./deterministic.ts";
import { FACTORY_CONTRACTS, type FactoryContractName, planFactoryStack } from "./factory.ts";
import { createSafe, predictSafe, SAFE_INFRA, type SafeInfrastructure, safeInfrastructurePlan } from "./safe.ts";
import { type ActionStep, type ContractStep, contractPlanner, runSteps, type Step, type StepEvent } from "./steps.ts";
import { ensureVentureDAO, VENTURE_CONTRACTS, type VentureContractName } from "./venture.ts";
import { type CodeCheck, checkCode, type ExpectedCode, safeCanonicalCodeHash } from "./verify.ts";

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
  "ContributorBadges",
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

/** The salt of a deployment that names none. */
export const DEFAULT_SALT: Hex = keccak256(toHex("aidao"));

/** How to run {deployProtocol}, beyond what to deploy. */
export type DeployOptions = {
  /**
   * Names the deployment (default {DEFAULT_SALT}). The same config, salt and deployer give the same addresses on
   * every chain, and running {deployProtocol} again with them resumes (or re-checks) that deployment.
   */
  salt?: Hex | undefined;
  /** Called after each step with what it found or did. */
  onStep?: ((event: StepEvent) => void) | undefined;
  /** Stops after this many steps, throwing `DeployStopped`: an interrupted deploy, for tests. */
  stopAfter?: number | undefined;
};

/** A config whose start time is fixed: a deployment's addresses follow from it, its deployer and its salt. */
export type ResolvedDeployConfig = DeployConfig & { startTime: number };

/** The config as canonical JSON: sorted keys, amounts as decimal strings, addresses in lower case. */
function canonicalJSON(value: unknown): string {
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (typeof value === "string") return JSON.stringify(/^0x[0-9a-fA-F]{40}$/.test(value) ? value.toLowerCase() : value);
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What names a deployment: every contract's salt derives from it, so another config gets other addresses. */
export function deploymentId(config: ResolvedDeployConfig, deployer: Address, salt: Hex): Hex {
  const configHash = keccak256(toHex(canonicalJSON(config)));
  return keccak256(encodeAbiParameters(parseAbiParameters("address, bytes32, bytes32"), [deployer, salt, configHash]));
}

type PlannedName = Exclude<ProtocolContractName, "Safe" | VentureContractName>;

/** Every address of a deployment, and the steps that create its contracts, computed before anything is sent. */
export function planProtocol(config: ResolvedDeployConfig, deployer: Address, salt: Hex) {
  const id = deploymentId(config, deployer, salt);
  const create3Code = readArtifact("Create3Deployer").bytecode;
  const create3Deployer: ContractStep = {
    kind: "contract",
    name: "Create3Deployer",
    address: create2Address(DETERMINISTIC_DEPLOYMENT_PROXY, zeroHash, create3Code),
    initCode: create3Code,
    via: { kind: "create2", proxy: DETERMINISTIC_DEPLOYMENT_PROXY, salt: zeroHash },
    expected: { artifact: "Create3Deployer" },
    recorded: false,
  };
  const plan = contractPlanner(deployer, id, create3Deployer.address);
  const { infrastructure: safeInfrastructure, steps: safeInfrastructureSteps } = safeInfrastructurePlan();
  const c = {} as Record<PlannedName, ContractStep>;

  // The deployer administers the timelock only until the governor holds its roles (see deployProtocol).
  c.TimelockController = plan.create2("TimelockController", "TimelockController", [
    BigInt(config.timelockDelay),
    [],
    [],
    deployer,
  ]);
  const timelock = c.TimelockController.address;
  const safeNonce = config.safe.saltNonce ?? hexToBigInt(keccak256(encodePacked(["bytes32", "string"], [id, "Safe"])));
  const safe = {
    address: predictSafe(safeInfrastructure, config.safe.owners, config.safe.threshold, safeNonce),
    owners: config.safe.owners,
    threshold: config.safe.threshold,
    saltNonce: safeNonce,
  };
  c.EducationFund = plan.create2("EducationFund", "EducationFund", [timelock]);
  c.Treasury = plan.create2("Treasury", "Treasury", [
    timelock,
    c.EducationFund.address,
    config.educationBps,
    safe.address,
  ]);
  const vesting = (v: VestingConfig) => [
    v.beneficiary,
    BigInt(v.start ?? config.startTime),
    BigInt(v.duration),
    BigInt(v.cliff),
  ];
  c.TeamVesting = plan.create2("TeamVesting", "AIDAOVesting", vesting(config.vesting.team));
  c.AdvisorsVesting = plan.create2("AdvisorsVesting", "AIDAOVesting", vesting(config.vesting.advisors));
  c.IncentivesVesting = plan.create2("IncentivesVesting", "AIDAOVesting", vesting(config.vesting.incentives));
  // The distributor must know the token and the token must know the distributor: the token goes through CREATE3,
  // so its address is known before its allocation is.
  c.RewardsDistributor = plan.create2("RewardsDistributor", "RewardsDistributor", [
    plan.create3Address("AIDAOToken", "AIDAOToken"),
    timelock,
    BigInt(config.startTime + config.rewardsProgrammeDuration),
  ]);
  c.AIDAOToken = plan.create3("AIDAOToken", "AIDAOToken", [
    {
      rewards: c.RewardsDistributor.address,
      team: c.TeamVesting.address,
      venture: config.ventureRecipient ?? timelock,
      treasury: c.Treasury.address,
      advisors: c.AdvisorsVesting.address,
      incentives: c.IncentivesVesting.address,
      reserved: timelock,
    },
  ]);
  c.Staking = plan.create2("Staking", "Staking", [c.AIDAOToken.address, timelock, BigInt(config.minStakePeriod)]);
  const g = config.governor;
  c.AIDAOGovernor = plan.create2("AIDAOGovernor", "AIDAOGovernor", [
    c.Staking.address,
    timelock,
    {
      votingDelay: g.votingDelay,
      votingPeriod: g.votingPeriod,
      proposalThreshold: g.proposalThreshold,
      quorumNumerator: BigInt(g.quorumPercent),
      lateQuorumExtension: g.lateQuorumExtension,
    },
  ]);
  Object.assign(
    c,
    planFactoryStack(plan, safeInfrastructure, {
      timelock,
      treasury: c.Treasury.address,
      token: c.AIDAOToken.address,
      governor: c.AIDAOGovernor.address,
      staking: c.Staking.address,
      safe: safe.address,
      protocolFeeBps: config.protocolFeeBps,
      metadataBaseURI: config.templateMetadataBaseURI,
      deployer,
    }),
  );
  c.UsageChannels = plan.create2("UsageChannels", "UsageChannels", [
    c.ModelRegistry.address,
    BigInt(config.channelGraceSeconds),
  ]);
  // Last, so that adding it moved no other contract: each address follows from its own name and init code only.
  c.ContributorBadges = plan.create2("ContributorBadges", "ContributorBadges", [c.DAORegistry.address]);
  return { id, deployer, create3Deployer, safeInfrastructure, safeInfrastructureSteps, safe, contracts: c };
}

/** A deployment's addresses, without deploying: all but the Venture DAO's, which the factory places when it runs. */
export type PredictedDeployment = {
  contracts: Record<Exclude<ProtocolContractName, VentureContractName>, Address>;
  safeInfrastructure: SafeInfrastructure;
  create3Deployer: Address;
};

/**
 * Where {deployProtocol} puts each contract for this config, deployer and salt: the same on every chain. The config
 * must fix `startTime`.
 */
export function predictProtocol(config: DeployConfig, options: { deployer: Address; salt?: Hex }): PredictedDeployment {
  if (config.startTime === undefined) throw new Error("predictProtocol needs a config with a startTime");
  const p = planProtocol({ ...config, startTime: config.startTime }, options.deployer, options.salt ?? DEFAULT_SALT);
  const contracts = { Safe: p.safe.address } as PredictedDeployment["contracts"];
  for (const [name, step] of Object.entries(p.contracts)) contracts[name as PlannedName] = step.address;
  return { contracts, safeInfrastructure: p.safeInfrastructure, create3Deployer: p.create3Deployer.address };
}

/**
 * Deploys the whole AIDAO protocol to the chain behind `clients`, each contract at an address fixed in advance
 * (CREATE2 through the deterministic-deployment proxy, or CREATE3 where two contracts must know each other): timelock,
 * Safe, treasury and education fund, vesting wallets, rewards distributor, the token (minting the allocation), staking
 * and the governor; then hands the timelock to the governor and renounces the deployer's admin role; then the AI DAO
 * factory stack (registries, template implementations and setups, factory, model registry), AIDAO's Venture DAO
 * (created through the factory), the usage channels for pay-per-use endpoints and the contributor badges. Nothing
 * stays privileged to the deployer.
 *
 * Each step first checks whether its work is already on chain (the contract at its address with the expected code,
 * the role granted) and skips it if so: running it again after an interruption finishes the job, duplicating nothing.
 */
export async function deployProtocol(
  clients: DeployClients,
  config: DeployConfig,
  options: DeployOptions = {},
): Promise<ProtocolDeployment> {
  const { publicClient, walletClient } = clients;
  const deployer = walletClient.account.address;
  const chainId = await publicClient.getChainId();
  const startTime = config.startTime ?? Number((await publicClient.getBlock()).timestamp);
  const resolved: ResolvedDeployConfig = { ...config, startTime };
  const p = planProtocol(resolved, deployer, options.salt ?? DEFAULT_SALT);
  const c = p.contracts;
  const contracts = {} as Record<ProtocolContractName, DeployedContract>;

  const proxy: ActionStep = {
    kind: "action",
    name: "deterministic-deployment proxy",
    async run(clients) {
      return {
        address: DETERMINISTIC_DEPLOYMENT_PROXY,
        ...(await ensureCreate2Proxy(clients, DETERMINISTIC_DEPLOYMENT_PROXY)),
      };
    },
  };
  const safe: ActionStep = {
    kind: "action",
    name: "Safe",
    async run(clients) {
      const { address, owners, threshold, saltNonce } = p.safe;
      if ((await codeAt(publicClient, address)) !== "0x") {
        const expected = { safeProxyOf: p.safeInfrastructure.safeSingletonAddress };
        const check = await checkCode(publicClient, "Safe", address, expected);
        if (!check.ok) throw new Error(`${address} already holds other code: ${check.detail}`);
        contracts.Safe = { address, block: (await creationBlock(publicClient, address)).block };
        return { status: "already there", address };
      }
      const created = await createSafe(clients, p.safeInfrastructure, owners, threshold, saltNonce);
      if (created.address !== address) throw new Error(`landed at ${created.address}, not at ${address}`);
      contracts.Safe = { address, block: created.block };
      return { status: "deployed", address, hash: created.hash };
    },
  };
  const timelock = c.TimelockController.address;
  const governor = c.AIDAOGovernor.address;
  const timelockAbi = readArtifact("TimelockController").abi;
  const hasRole = (r: Hex, account: Address) =>
    publicClient.readContract({ address: timelock, abi: timelockAbi, functionName: "hasRole", args: [r, account] });
  const grant = (label: string, r: Hex): ActionStep => ({
    kind: "action",
    name: `TimelockController: grant ${label} to AIDAOGovernor`,
    async run(clients) {
      if (await hasRole(r, governor)) return { status: "already done" };
      const hash = await send(clients, {
        address: timelock,
        abi: timelockAbi,
        functionName: "grantRole",
        args: [r, governor],
      });
      return { status: "done", hash };
    },
  });
  const renounce: ActionStep = {
    kind: "action",
    name: "TimelockController: the deployer renounces its admin role",
    async run(clients) {
      if (!(await hasRole(TIMELOCK_ROLES.admin, deployer))) return { status: "already done" };
      const hash = await send(clients, {
        address: timelock,
        abi: timelockAbi,
        functionName: "renounceRole",
        args: [TIMELOCK_ROLES.admin, deployer],
      });
      return { status: "done", hash };
    },
  };
  const venture: ActionStep = {
    kind: "action",
    name: "Venture DAO (AIDAOFactory.createDAO)",
    async run(clients) {
      const dao = await ensureVentureDAO(clients, c.AIDAOFactory.address, resolved);
      Object.assign(contracts, dao.contracts);
      return dao.hash
        ? { status: "deployed", address: dao.treasury, hash: dao.hash }
        : { status: "already there", address: dao.treasury };
    },
  };

  const steps: Step[] = [
    proxy,
    p.create3Deployer,
    ...p.safeInfrastructureSteps,
    c.TimelockController,
    safe,
    c.EducationFund,
    c.Treasury,
    c.TeamVesting,
    c.AdvisorsVesting,
    c.IncentivesVesting,
    c.RewardsDistributor,
    c.AIDAOToken,
    c.Staking,
    c.AIDAOGovernor,
    grant("PROPOSER_ROLE", TIMELOCK_ROLES.proposer),
    grant("CANCELLER_ROLE", TIMELOCK_ROLES.canceller),
    grant("EXECUTOR_ROLE", TIMELOCK_ROLES.executor),
    renounce,
    ...FACTORY_CONTRACTS.map((name: FactoryContractName) => c[name]),
    venture,
    c.UsageChannels,
    c.ContributorBadges,
  ];
  const outcomes = await runSteps(clients, steps, options);
  for (const [i, step] of steps.entries()) {
    const outcome = outcomes[i];
    if (step.kind === "contract" && step.recorded && outcome?.address && outcome.block !== undefined) {
      contracts[step.name as PlannedName] = { address: outcome.address, block: outcome.block };
    }
  }
  const ordered = {} as Record<ProtocolContractName, DeployedContract>;
  for (const name of PROTOCOL_CONTRACTS) {
    const deployed = contracts[name];
    if (!deployed) throw new Error(`the deployment lacks ${name}`);
    ordered[name] = deployed;
  }
  return { chainId, deployer, contracts: ordered, safeInfrastructure: p.safeInfrastructure };
}

/** The implementation artifact behind each `…Impl` entry, and the implementation behind each Venture DAO clone. */
const IMPLEMENTATIONS: Partial<Record<ProtocolContractName, string>> = {
  ChildTreasuryImpl: "ChildTreasury",
  ChildGovernorImpl: "ChildGovernor",
  ChildTimelockImpl: "ChildTimelock",
  RevenueShareTokenImpl: "RevenueShareToken",
  DonationVaultImpl: "DonationVault",
  GrantProgramImpl: "GrantProgram",
  ConsortiumImpl: "Consortium",
  VentureFundImpl: "VentureFund",
  VentureReceiptsImpl: "VentureReceipts",
  VentureGovernorImpl: "VentureGovernor",
};
const CLONES: Record<VentureContractName, ProtocolContractName> = {
  VentureTreasury: "ChildTreasuryImpl",
  VentureFund: "VentureFundImpl",
  VentureReceipts: "VentureReceiptsImpl",
  VentureGovernor: "VentureGovernorImpl",
  VentureTimelock: "ChildTimelockImpl",
};

/** What the code of the contract recorded as `name` should be. */
export function expectedCode(name: ProtocolContractName, deployment: ProtocolDeployment): ExpectedCode {
  if (name === "Safe") return { safeProxyOf: deployment.safeInfrastructure.safeSingletonAddress };
  if (name === "TeamVesting" || name === "AdvisorsVesting" || name === "IncentivesVesting") {
    return { artifact: "AIDAOVesting" };
  }
  if (name in CLONES) {
    const implementation = CLONES[name as VentureContractName];
    return { cloneOf: deployment.contracts[implementation].address, implementationName: implementation };
  }
  return { artifact: IMPLEMENTATIONS[name] ?? name };
}

/**
 * Compares the code of every contract in `deployment` (and of Safe's infrastructure it names) with what this build
 * deploys: our contracts against their artifacts' runtime code (immutables masked), Safe's against its canonical code,
 * the Venture DAO's clones against the implementation they delegate to. One verdict per contract, by name.
 */
export async function verifyDeployment(
  publicClient: PublicClient,
  deployment: ProtocolDeployment,
): Promise<CodeCheck[]> {
  // One request at a time: public RPC endpoints limit bursts.
  const checks: CodeCheck[] = [];
  for (const [key, artifact, getter] of SAFE_INFRA) {
    const address = deployment.safeInfrastructure[key];
    if (!address) continue;
    const codeHash = safeCanonicalCodeHash(getter, address);
    checks.push(await checkCode(publicClient, artifact, address, codeHash ? { artifact, codeHash } : { artifact }));
  }
  for (const name of PROTOCOL_CONTRACTS) {
    const deployed = deployment.contracts[name];
    if (!deployed) checks.push({ name, address: "0x", ok: false, detail: "missing from the deployment" });
    else checks.push(await checkCode(publicClient, name, deployed.address, expectedCode(name, deployment)));
  }
  return checks;
}

/** Writes `<dir>/<chainId>.json` (name → address and block) and returns its path. */
export function writeDeployment(dir: string, deployment: ProtocolDeployment): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${deployment.chainId}.json`);
  const json = JSON.stringify(deployment, (_, v) => (typeof v === "bigint" ? Number(v) : v), 2);
  writeFileSync(path, `${json}\n`);
  return path;
}
