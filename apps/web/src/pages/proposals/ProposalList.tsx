import { Link } from "react-router";
import { formatTime } from "../../lib/format.ts";
import { Empty } from "../../ui/States.tsx";
import type { ListItem } from "./model.ts";

const LIVE = new Set(["Active", "Pending", "Succeeded", "Queued"]);
const GOOD = new Set(["Executed", "Closed"]);
const BAD = new Set(["Defeated", "Canceled", "Cancelled", "Expired"]);

/** A state as a badge: live (open), ok (done), bad (failed). */
export function StateBadge({ state }: { state: string }) {
  const tone = LIVE.has(state) ? "live" : GOOD.has(state) ? "ok" : BAD.has(state) ? "bad" : "";
  return <span className={`badge ${tone}`}>{state}</span>;
}

/** On-chain and off-chain proposals in one table. */
export function ProposalList({ items }: { items: ListItem[] }) {
  if (items.length === 0) {
    return <Empty>No proposals yet. Create the first one below, on chain or off chain.</Empty>;
  }
  return (
    <div className="table-wrap">
      <table className="proposal-list">
        <caption className="sr-only">Proposals, the latest first</caption>
        <thead>
          <tr>
            <th scope="col">Proposal</th>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col" className="col-voting">
              Voting
            </th>
            <th scope="col">Votes</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={`${p.kind}-${p.id}`}>
              <td>
                <Link to={`/proposals/${p.kind}/${p.id}`}>{p.title}</Link>
              </td>
              <td>{p.kind === "onchain" ? "On-chain" : "Off-chain"}</td>
              <td>
                <StateBadge state={p.state} />
              </td>
              <td className="muted col-voting">
                {formatTime(p.start)} → {formatTime(p.end)}
              </td>
              <td>{p.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
