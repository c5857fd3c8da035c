import type { Address } from "viem";

const DAY = 24 * 60 * 60;
const YEAR = 365 * DAY;

/** A vested allocation: cliff, then linear vesting until `start + duration`. */
export type VestingConfig = {
  beneficiary: Address;
  /** Unix seconds; defaults to the deployment time. */
  start?: number;
  duration: number;
  cliff: number;
};

/** Everything `deployProtocol` needs to know. Durations are in seconds, token amounts in wei (18 decimals). */
export type DeployConfig = {
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
    safe: { owners: people.safeOwners, threshold: people.safeThreshold },
  };
}
