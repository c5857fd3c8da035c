import type { VentureRound } from "@aidao/sdk";
import { formatAmount, formatTime, relative } from "../../lib/format.ts";
import { Empty } from "../../ui/States.tsx";

/** A round's state in words, in the order a round goes through them. */
export const STATE_WORDS = {
  Open: "open for deposits",
  Locked: "locked",
  Investing: "investing",
  Distributing: "distributing",
} as const;

const STATE_BADGE = { Open: "live", Locked: "", Investing: "", Distributing: "ok" } as const;

/** Every round: its state in the open → locked → investing → distributing life, cap, raised and deadlines. */
export function RoundsTable({ rounds, now }: { rounds: VentureRound[]; now: number }) {
  if (rounds.length === 0) {
    return <Empty>No rounds yet: the venture governance opens them (a 60/40 vote).</Empty>;
  }
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Venture rounds</caption>
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">State</th>
            <th scope="col">Raised of cap</th>
            <th scope="col">Deposits until</th>
            <th scope="col">Earnings from</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => {
            const pct = r.cap === 0n ? 0 : Number((r.raised * 10_000n) / r.cap) / 100;
            return (
              <tr key={r.roundId.toString()}>
                <td>{r.roundId.toString()}</td>
                <td>
                  <span className={`badge ${STATE_BADGE[r.state]}`}>{STATE_WORDS[r.state]}</span>
                  <ol className="venture-states" aria-label={`Round ${r.roundId} life`}>
                    {(Object.keys(STATE_WORDS) as Array<keyof typeof STATE_WORDS>).map((s) => (
                      <li key={s} aria-current={s === r.state ? "step" : undefined}>
                        {STATE_WORDS[s]}
                      </li>
                    ))}
                  </ol>
                </td>
                <td>
                  ${formatAmount(r.raised)} of ${formatAmount(r.cap)}
                  <progress
                    className="venture-progress"
                    max={100}
                    value={pct}
                    aria-label={`Round ${r.roundId}: ${pct}% of its cap raised`}
                  />
                </td>
                <td>
                  {formatTime(r.closesAt)} <span className="muted">({relative(r.closesAt, now)})</span>
                </td>
                <td>
                  {formatTime(r.unlocksAt)} <span className="muted">({relative(r.unlocksAt, now)})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
