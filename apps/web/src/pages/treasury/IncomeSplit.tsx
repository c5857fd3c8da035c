import { formatAmount, formatBps } from "../../lib/format.ts";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import { Empty } from "../../ui/States.tsx";
import type { IncomeTotals } from "../overview/series.ts";

/** Per token: everything received, and how much of it the education fund got. */
export function IncomeSplit({ totals, info }: { totals: IncomeTotals[]; info: Map<string, TokenInfo> }) {
  if (totals.length === 0) return <Empty>No income yet: deposit one above.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Income received and the education fund's share, per token</caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Incomes</th>
            <th scope="col">Received</th>
            <th scope="col">To the education fund</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => {
            const token = info.get(t.token);
            const d = token?.decimals ?? 18;
            return (
              <tr key={t.token}>
                <th scope="row">{token?.symbol ?? "…"}</th>
                <td>{t.count}</td>
                <td>{formatAmount(t.income, d, 6)}</td>
                <td>{formatAmount(t.education, d, 6)}</td>
                <td>{formatBps(t.shareBps)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
