import type { Address } from "viem";

const DAY = 24 * 60 * 60;
const YEAR = 365 * DAY;

/** A vested allocation: cliff, then linear vesting until `start + duration`. */
export type VestingConfig = {
  beneficiary: Address;
  /** Unix seconds; defaults to the config's `startTime`. */
  start?: number;
  duration: number;
  cliff: number;
};

/** Everything `deployProtocol` needs to know. Durations are in seconds, token amounts in wei (18 decimals). */
export type DeployConfig = {
  /**
   * Unix seconds when the programme starts: vesting (unless a schedule sets its own `start`) and the rewards programme
   * (which ends `rewardsProgrammeDuration` later). Defaults to the chain's time at deployment; set it to deploy the
   * same addresses on every chain and to resume an interrupted deploy (`aidao deploy` requires it).
   */
  startTime?: number;
  timelockDelay: number;
  governor: {
    votingDelay: number;
    votingPeriod: number;
    proposalThreshold: bigint;
    /** Percent of the matured staked supply. */
    quorumPercent: number;
    lateQuorumExtension: number;
  };
  minStakePeriod: number;
  educationBps: number;
  /** The rewards programme runs this long from deployment (three years in the white paper). */
  rewardsProgrammeDuration: number;
  vesting: { team: VestingConfig; advisors: VestingConfig; incentives: VestingConfig };
  /** Receives the 7% for venture investors; defaults to the timelock (governance custody). */
  ventureRecipient?: Address;
  /** Share of every child DAO's income paid to the main treasury, in basis points (at most 1000 = 10%). */
  protocolFeeBps: number;
  /** Where the shipped templates' metadata lives; `<base><template>/1.json`. */
  templateMetadataBaseURI: string;
  /** After a usage channel expires, how long its provider can still redeem vouchers before the customer reclaims. */
  channelGraceSeconds: number;
  /** The Safe multisig that spends within governance-set limits. */
  safe: { owners: Address[]; threshold: number; saltNonce?: bigint };
};

/** The production defaults of the white paper, with the given people filled in. */
export function defaultConfig(people: {
  team: Address;
  advisors: Address;
  incentives: Address;
  safeOwners: Address[];
  safeThreshold: number;
}): DeployConfig {
  return {
    timelockDelay: 2 * DAY,
    governor: {
      votingDelay: DAY,
      votingPeriod: 5 * DAY,
      proposalThreshold: 100_000n * 10n ** 18n,
      quorumPercent: 4,
      lateQuorumExtension: DAY,
    },
    minStakePeriod: 7 * DAY,
    educationBps: 800,
    rewardsProgrammeDuration: 3 * YEAR,
    vesting: {
      team: { beneficiary: people.team, duration: 4 * YEAR, cliff: YEAR },
      advisors: { beneficiary: people.advisors, duration: 2 * YEAR, cliff: YEAR / 2 },
      incentives: { beneficiary: people.incentives, duration: 3 * YEAR, cliff: YEAR / 4 },
    },
    protocolFeeBps: 200,
    templateMetadataBaseURI: "ipfs://aidao-templates/",
    channelGraceSeconds: DAY,
    safe: { owners: people.safeOwners, threshold: people.safeThreshold },
  };
}

/**
 * Validates a JSON deploy configuration (amounts as decimal strings of wei) and returns a {DeployConfig}.
 * Throws an Error naming the first missing or malformed field.
 */
export function parseDeployConfig(json: unknown): DeployConfig {
  const fail = (field: string, expected: string): never => {
    throw new Error(`deploy config: ${field} must be ${expected}`);
  };
  const obj = (v: unknown, field: string) =>
    typeof v === "object" && v !== null ? (v as Record<string, unknown>) : fail(field, "an object");
  const int = (v: unknown, field: string, min = 0) =>
    typeof v === "number" && Number.isSafeInteger(v) && v >= min ? v : fail(field, `an integer >= ${min}`);
  const address = (v: unknown, field: string) =>
    typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v) ? (v as `0x${string}`) : fail(field, "an 0x address");
  const wei = (v: unknown, field: string) =>
    typeof v === "string" && /^[0-9]+$/.test(v) ? BigInt(v) : fail(field, "a decimal string of wei");
  const decimal = (v: unknown, field: string) =>
    typeof v === "string" && /^[0-9]{1,78}$/.test(v) && BigInt(v) < 2n ** 256n
      ? BigInt(v)
      : fail(field, "a decimal string (a uint256)");
  const vesting = (v: unknown, field: string): VestingConfig => {
    const o = obj(v, field);
    return {
      beneficiary: address(o.beneficiary, `${field}.beneficiary`),
      ...(o.start === undefined ? {} : { start: int(o.start, `${field}.start`) }),
      duration: int(o.duration, `${field}.duration`, 1),
      cliff: int(o.cliff, `${field}.cliff`),
    };
  };
  const c = obj(json, "the file");
  const g = obj(c.governor, "governor");
  const v = obj(c.vesting, "vesting");
  const s = obj(c.safe, "safe");
  const owners = Array.isArray(s.owners)
    ? s.owners.map((o, i) => address(o, `safe.owners[${i}]`))
    : fail("safe.owners", "a list of addresses");
  const threshold = int(s.threshold, "safe.threshold", 1);
  if (threshold > owners.length) fail("safe.threshold", `at most the number of owners (${owners.length})`);
  return {
    ...(c.startTime === undefined ? {} : { startTime: int(c.startTime, "startTime") }),
    timelockDelay: int(c.timelockDelay, "timelockDelay"),
    governor: {
      votingDelay: int(g.votingDelay, "governor.votingDelay"),
      votingPeriod: int(g.votingPeriod, "governor.votingPeriod", 1),
      proposalThreshold: wei(g.proposalThreshold, "governor.proposalThreshold"),
      quorumPercent: int(g.quorumPercent, "governor.quorumPercent"),
      lateQuorumExtension: int(g.lateQuorumExtension, "governor.lateQuorumExtension"),
    },
    minStakePeriod: int(c.minStakePeriod, "minStakePeriod", 1),
    educationBps: int(c.educationBps, "educationBps", 800),
    protocolFeeBps: int(c.protocolFeeBps ?? 200, "protocolFeeBps"),
    channelGraceSeconds: int(c.channelGraceSeconds ?? DAY, "channelGraceSeconds", 60),
    templateMetadataBaseURI:
      typeof c.templateMetadataBaseURI === "string" ? c.templateMetadataBaseURI : "ipfs://aidao-templates/",
    rewardsProgrammeDuration: int(c.rewardsProgrammeDuration, "rewardsProgrammeDuration", 1),
    vesting: {
      team: vesting(v.team, "vesting.team"),
      advisors: vesting(v.advisors, "vesting.advisors"),
      incentives: vesting(v.incentives, "vesting.incentives"),
    },
    ...(c.ventureRecipient === undefined ? {} : { ventureRecipient: address(c.ventureRecipient, "ventureRecipient") }),
    safe: {
      owners,
      threshold,
      ...(s.saltNonce === undefined ? {} : { saltNonce: decimal(s.saltNonce, "safe.saltNonce") }),
    },
  };
}
