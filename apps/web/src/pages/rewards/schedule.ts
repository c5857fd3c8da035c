/** The vesting rules of the contracts, for charts of what vests when (the contracts' own formulas, in bigint). */

/** RewardsDistributor.vestedAmount: linear from the epoch's posting to the programme's end. */
export function epochVested(amount: bigint, start: bigint, end: bigint, t: bigint): bigint {
  if (t >= end) return amount;
  if (t <= start) return 0n;
  return (amount * (t - start)) / (end - start);
}

export type WalletSchedule = { total: bigint; start: bigint; duration: bigint; cliff: bigint };

/** AIDAOVesting (OpenZeppelin VestingWallet + cliff): nothing before the cliff, then linear from start to start+duration. */
export function walletVested(s: WalletSchedule, t: bigint): bigint {
  if (t < s.cliff) return 0n;
  if (t >= s.start + s.duration) return s.total;
  return (s.total * (t - s.start)) / s.duration;
}

export type SchedulePoint = { t: number; vested: bigint };

/** `n` evenly spaced points of `vested` from `from` to `to`, plus the instants where the curve jumps (e.g. the cliff). */
export function sample(
  vested: (t: bigint) => bigint,
  from: number,
  to: number,
  n = 48,
  jumps: number[] = [],
): SchedulePoint[] {
  const times = new Set<number>();
  for (let i = 0; i <= n; i++) times.add(Math.round(from + ((to - from) * i) / n));
  for (const j of jumps) {
    if (j > from && j < to) {
      times.add(j - 1);
      times.add(j);
    }
  }
  return [...times].sort((a, b) => a - b).map((t) => ({ t, vested: vested(BigInt(t)) }));
}
