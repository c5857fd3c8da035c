import { formatBps } from "../../lib/format.ts";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import { BarChart, LineChart } from "../../ui/Charts.tsx";
import { Empty } from "../../ui/States.tsx";
import { chartNumber, cumulative, type Income, type IncomeTotals, steps } from "./series.ts";

/** Per token the treasury received: income and the education fund's part over time, and the split. */
export function IncomeCharts({
  incomes,
  totals,
  info,
  now,
}: {
  incomes: Income[];
  totals: IncomeTotals[];
  info: Map<string, TokenInfo>;
  /** The chain's latest block time: the lines run on to it. */
  now: number | undefined;
}) {
  if (totals.length === 0) {
    return <Empty>No income has reached the treasury yet. Deposit one on the Treasury page.</Empty>;
  }
  const start = Math.min(...incomes.map((i) => i.time));
  return (
    <div className="grid">
      {totals.map((t) => {
        const token = info.get(t.token);
        if (!token) return null;
        const mine = incomes.filter((i) => i.token === t.token);
        const scale = 10 ** token.decimals;
        return (
          <div key={t.token} className="overview-token">
            <LineChart
              title={`Treasury income in ${token.symbol}, cumulative`}
              points={steps(
                cumulative(
                  mine.map((i) => ({ time: i.time, delta: i.amount })),
                  token.decimals,
                ),
                now,
                start,
              )}
              format={chartNumber}
            />
            <LineChart
              title={`Education fund's share in ${token.symbol}, cumulative`}
              points={steps(
                cumulative(
                  mine.map((i) => ({ time: i.time, delta: i.educationShare })),
                  token.decimals,
                ),
                now,
                start,
              )}
              format={chartNumber}
            />
            <BarChart
              title={`Where ${token.symbol} income went (${t.count} incomes)`}
              bars={[
                { label: "Treasury", value: Number(t.income - t.education) / scale },
                { label: "Education fund", value: Number(t.education) / scale, note: `(${formatBps(t.shareBps)})` },
              ]}
              format={chartNumber}
            />
          </div>
        );
      })}
    </div>
  );
}
