import { formatAmount, formatTime } from "../../lib/format.ts";
import { BarChart } from "../../ui/Charts.tsx";
import { countdown, type OnchainState, quorumReached } from "./model.ts";

export type Tally = { for: bigint; against: bigint; abstain: bigint };

const tokens = (v: bigint) => Number(v / 10n ** 15n) / 1000;

/** For / Against / Abstain as a chart, with the quorum at the snapshot and whether it is reached. */
export function OnchainResults({ votes, quorum }: { votes: Tally; quorum: bigint | undefined }) {
  return (
    <>
      <BarChart
        title="On-chain votes (staked AIDAO)"
        bars={[
          { label: "For", value: tokens(votes.for) },
          { label: "Against", value: tokens(votes.against) },
          { label: "Abstain", value: tokens(votes.abstain) },
        ]}
        format={(v) => v.toLocaleString("en-US")}
      />
      <p>
        {quorum === undefined ? (
          "The quorum is known once voting opens (it is a share of the staked supply at the snapshot)."
        ) : (
          <>
            Quorum {formatAmount(quorum, 18, 0)} AIDAO (For + Abstain):{" "}
            <strong>{quorumReached(votes, quorum) ? "reached" : "not reached"}</strong>
          </>
        )}
      </p>
    </>
  );
}

/** Where the proposal stands in time: voting window, then the timelock's ETA with a countdown. */
export function OnchainTimeline({
  state,
  snapshot,
  deadline,
  eta,
  now,
  delay,
}: {
  state: OnchainState;
  snapshot: number;
  deadline: number;
  eta: number;
  now: number;
  delay: number | undefined;
}) {
  return (
    <ul className="timeline">
      <li>
        Voting opens {formatTime(snapshot)}
        {state === "Pending" ? ` (in ${countdown(snapshot, now)})` : ""}
      </li>
      <li>
        Voting closes {formatTime(deadline)}
        {state === "Active" ? ` (in ${countdown(deadline, now)})` : ""}
      </li>
      {state === "Succeeded" ? (
        <li>Passed: queue it in the timelock{delay !== undefined ? `, then wait ${countdown(delay, 0)}` : ""}.</li>
      ) : null}
      {eta > 0 ? (
        <li>
          Executable from {formatTime(eta)}:{" "}
          <strong>{state === "Queued" ? (eta > now ? `in ${countdown(eta, now)}` : "now") : state}</strong>
        </li>
      ) : null}
    </ul>
  );
}
