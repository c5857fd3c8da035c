import { formatAmount, formatTime } from "../../lib/format.ts";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import { Address } from "../../ui/Address.tsx";
import { Empty } from "../../ui/States.tsx";
import type { IndexedEvent } from "../overview/events.ts";

const SOURCE = ["protocol fee", "donation", "token sale", "other"];

/** Money in and out of the treasury, newest first: incomes (with the education share routed) and spends. */
export function FlowsTable({ events, info }: { events: IndexedEvent[]; info: Map<string, TokenInfo> }) {
  const flows = events.filter((e) => e.event === "IncomeReceived" || e.event === "Spent").reverse();
  if (flows.length === 0) return <Empty>No money has moved through the treasury yet.</Empty>;
  const amount = (token: string, v: unknown) => {
    const t = info.get(token.toLowerCase());
    return t ? `${formatAmount(BigInt(String(v)), t.decimals, 6)} ${t.symbol}` : String(v);
  };
  return (
    <div className="table-wrap treasury-flows">
      <table>
        <caption className="sr-only">Treasury flows, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Flow</th>
            <th scope="col">Amount</th>
            <th scope="col">To education</th>
            <th scope="col">From / to</th>
          </tr>
        </thead>
        <tbody>
          {flows.map((e) => {
            const a = e.args;
            const token = String(a.token);
            const income = e.event === "IncomeReceived";
            return (
              <tr key={e.id}>
                <td>{formatTime(e.blockTime)}</td>
                <td>
                  {income ? (
                    <span className="badge ok">in · {SOURCE[Number(a.source)] ?? "income"}</span>
                  ) : (
                    <span className="badge bad">out{a.bySafe ? " · by the Safe" : ""}</span>
                  )}
                </td>
                <td>{amount(token, a.amount)}</td>
                <td>{income ? amount(token, a.educationShare) : "—"}</td>
                <td>
                  <Address address={String(income ? a.from : a.to)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
