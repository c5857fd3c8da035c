import { type Abi, ContractFunctionRevertedError, decodeErrorResult, type Hex, BaseError as ViemBaseError } from "viem";
import * as abis from "./generated/abis.ts";
import { RoundState } from "./roundState.ts";

/** Every custom error any protocol contract can raise, so a revert bubbling up from another contract (e.g. the
 * token inside a treasury deposit) is still decoded by name. */
export const protocolErrorsAbi: Abi = Object.values(abis)
  .flat()
  .filter(
    (item, i, all) => item.type === "error" && all.findIndex((o) => o.type === "error" && o.name === item.name) === i,
  );

/** The one error type the SDK throws: a short message for people, details for developers, the cause kept. */
export class BaseError extends Error {
  override name = "AidaoError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  /** The contract's custom error name when the error is a decoded revert (e.g. `StakingInsufficientMatured`). */
  readonly errorName: string | undefined;
  readonly args: readonly unknown[] | undefined;

  constructor(
    shortMessage: string,
    options: { details?: string; cause?: unknown; errorName?: string; args?: readonly unknown[] } = {},
  ) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.errorName = options.errorName;
    this.args = options.args;
  }
}

const ROUND_HINTS = [
  "deposits are still open; claims start when the round unlocks.",
  "deposits are closed; earnings are claimable once the round unlocks.",
  "deposits are closed; earnings are claimable once the round unlocks.",
  "its lock has ended; deposits and withdrawals are over, claim earnings instead.",
];
const tokens = (v: unknown) => `${formatUnits18(v as bigint)} AIDAO`;
function formatUnits18(v: bigint): string {
  const whole = v / 10n ** 18n;
  const frac = (v % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac.slice(0, 4)}` : `${whole}`;
}
/** "3 d 4 h" style durations for people. */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return "0 s";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return m > 0 ? `${m} min` : `${seconds} s`;
}
const until = (t: unknown) => formatDuration(Number(t as bigint) - Math.floor(Date.now() / 1000));

/** Sentences for the protocol's custom errors, by name. Unknown names fall back to the raw name and arguments. */
const MESSAGES: Record<string, (a: readonly unknown[]) => string> = {
  StakingZeroAmount: () => "Amount must be greater than zero.",
  StakingInsufficientMatured: (a) =>
    `Stake not matured: you asked for ${tokens(a[1])} but only ${tokens(a[2])} can be withdrawn now.`,
  StakingDelegateWhileMaturing: (a) => `Stake still maturing: delegation is possible in ${until(a[1])}.`,
  StakingPeriodOutOfBounds: (a) => `The minimum staking period must be between ${a[1]} and ${a[2]} seconds.`,
  StakingFutureLookup: (a) => `Timepoint ${a[0]} is not in the past yet.`,
  VotesExpiredSignature: () => "The delegation signature has expired.",
  InvalidAccountNonce: () => "The signature's nonce was already used.",
  TreasurySpendingLimitExceeded: (a) => `Above the Safe's spending limit: asked ${a[1]}, ${a[2]} left in this period.`,
  TreasuryNotSafe: () => "Only the treasury's Safe may spend within limits.",
  TreasuryEducationBpsOutOfRange: () => "The education share must stay between 8% and 100%.",
  TreasuryZeroAmount: () => "Amount must be greater than zero.",
  GovernorInsufficientProposerVotes: (a) => `Not enough voting power to propose: ${tokens(a[1])} of ${tokens(a[2])}.`,
  GovernorAlreadyCastVote: () => "This account has already voted on this proposal.",
  GovernorUnexpectedProposalState: () => "The proposal is not in the right state for this action.",
  GovernorNonexistentProposal: () => "No such proposal.",
  OwnableUnauthorizedAccount: (a) => `${a[0]} is not allowed to do this (governance only).`,
  // Any ERC-20 can raise it, so the amounts are in the token's smallest units, not assumed to be AIDAO.
  ERC20InsufficientBalance: (a) =>
    `Insufficient balance: ${a[0]} holds ${a[1]}, ${a[2]} needed (in the token's smallest units).`,
  VentureFundWrongState: (a) =>
    `Round ${a[0]} is ${RoundState[Number(a[1])]?.toLowerCase() ?? "in another state"}: ${ROUND_HINTS[Number(a[1])] ?? ""}`.trim(),
  VentureFundCapExceeded: (a) =>
    `This deposit would raise round ${a[0]} to ${formatUnits18(a[1] as bigint)} of its ${formatUnits18(a[2] as bigint)} cap (value units); deposit less.`,
  VentureFundStalePrice: (a) =>
    Number(a[1]) === 0
      ? `Token ${a[0]} has no price yet; governance must set one before deposits.`
      : `The price of token ${a[0]} is older than its ${formatDuration(Number(a[2]))} limit; deposits wait for a fresh price.`,
  VentureFundTokenNotAccepted: (a) => `Token ${a[0]} is not accepted for deposits (governance approves tokens).`,
  VentureFundValueTooLow: (a) =>
    `The deposit is worth ${formatUnits18(a[0] as bigint)}, below your minimum of ${formatUnits18(a[1] as bigint)}.`,
  VentureFundNotReceiptHolder: (a) => `${a[1]} does not hold receipt ${a[0]} and is not approved for it.`,
  VentureFundUnknownRound: (a) => `There is no round ${a[0]}.`,
  VentureFundEmptyRound: (a) => `Round ${a[0]} has no receipts to distribute to.`,
  ERC20InsufficientAllowance: () => "The token allowance is too low; approve first.",
  RewardsDistributorInvalidProof: () => "This reward claim is not in the epoch's Merkle tree.",
};

/** Human sentence for a decoded custom error. */
export function describeError(errorName: string, args: readonly unknown[] = []): string {
  const message = MESSAGES[errorName];
  return message ? message(args) : `${errorName}(${args.map(String).join(", ")})`;
}

/** Turns whatever a contract call threw into a {BaseError}, decoding custom reverts by name. */
export function toAidaoError(error: unknown): BaseError {
  if (error instanceof BaseError) return error;
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError) as
      | ContractFunctionRevertedError
      | undefined;
    let name = revert?.data?.errorName;
    let args = (revert?.data?.args ?? []) as readonly unknown[];
    if (revert && !name && revert.raw) {
      try {
        const decoded = decodeErrorResult({ abi: protocolErrorsAbi, data: revert.raw as Hex });
        name = decoded.errorName;
        args = (decoded.args ?? []) as readonly unknown[];
      } catch {}
    }
    if (revert && name) {
      return new BaseError(describeError(name, args), {
        details: error.shortMessage,
        cause: error,
        errorName: name,
        args,
      });
    }
    return new BaseError(error.shortMessage, { details: error.details, cause: error });
  }
  return new BaseError(error instanceof Error ? error.message : String(error), { cause: error });
}
