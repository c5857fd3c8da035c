import { aidaoVestingAbi, writeChecked } from "@aidao/sdk";
import { useContracts } from "../../config.ts";
import { formatAmount, formatDuration, formatTime } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Address } from "../../ui/Address.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { ScheduleChart } from "./ScheduleChart.tsx";
import { sample, walletVested } from "./schedule.ts";
import type { VestingWallet } from "./useRewards.ts";

const NAMES = { TeamVesting: "Team", AdvisorsVesting: "Advisors", IncentivesVesting: "Incentives" } as const;

/** Why the release button is off, or null when there is something to release. */
export function releaseBlocker(
  w: Pick<VestingWallet, "releasable" | "cliff" | "start" | "duration">,
  now: number,
): string | null {
  if (w.releasable > 0n) return null;
  if (BigInt(now) < w.cliff)
    return `Nothing to release before the cliff, ${formatTime(w.cliff)} (in ${formatDuration(Number(w.cliff) - now)}).`;
  if (BigInt(now) >= w.start + w.duration) return "Everything has been released.";
  return "Nothing new has vested since the last release.";
}

/** One vesting wallet: beneficiary, schedule (cliff, then linear) and a release that pays the beneficiary. */
export function VestingCard({
  wallet,
  now,
  isBeneficiary,
}: {
  wallet: VestingWallet;
  now: number;
  isBeneficiary: boolean;
}) {
  const c = useContracts();
  const signer = useSigner();
  const tx = useTx();
  const total = wallet.balance + wallet.released;
  const end = wallet.start + wallet.duration;
  const schedule = { total, start: wallet.start, duration: wallet.duration, cliff: wallet.cliff };
  const blocker = releaseBlocker(wallet, now);
  const name = NAMES[wallet.name];
  return (
    <article className="vesting" aria-label={`${name} vesting`}>
      <h3>
        {name} <span className="muted">({wallet.name})</span>
      </h3>
      <p>
        Beneficiary <Address address={wallet.beneficiary} />
        {isBeneficiary ? <span className="badge live">you</span> : null} · {formatAmount(total)} AIDAO, cliff{" "}
        {formatTime(wallet.cliff)}, linear from {formatTime(wallet.start)} to {formatTime(end)}.
      </p>
      <ScheduleChart
        title={`${name} schedule`}
        points={sample((t) => walletVested(schedule, t), Number(wallet.start), Number(end), 48, [Number(wallet.cliff)])}
        total={total}
        now={now}
        vestedNow={wallet.released + wallet.releasable}
        released={wallet.released}
        markers={[
          { t: Number(wallet.start), label: "start" },
          { t: Number(wallet.cliff), label: "cliff" },
          { t: Number(end), label: "end" },
        ]}
      />
      <button
        type="button"
        disabled={tx.busy || blocker !== null}
        aria-describedby={`${wallet.name}-why`}
        onClick={() =>
          tx.run(`Release ${name}`, async () => {
            if (!signer) throw new Error("The wallet is not ready to sign yet; try again in a moment.");
            return writeChecked(signer, {
              address: wallet.address,
              abi: aidaoVestingAbi,
              functionName: "release",
              args: [c.AIDAOToken.address],
            });
          })
        }
      >
        Release {formatAmount(wallet.releasable)} AIDAO to the beneficiary
      </button>
      <p id={`${wallet.name}-why`} className="muted">
        {blocker ?? "Anyone may release: the tokens always go to the beneficiary."}
      </p>
      <TxStatus state={tx.state} />
    </article>
  );
}
