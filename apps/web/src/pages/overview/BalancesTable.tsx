import { formatAmount } from "../../lib/format.ts";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import { Empty } from "../../ui/States.tsx";

export type BalanceRow = {
  token: string;
  info: TokenInfo | undefined;
  treasury: bigint | undefined;
  education: bigint | undefined;
};

/** What the main treasury and the education fund hold, per token (ETH included). */
export function BalancesTable({ rows, caption }: { rows: BalanceRow[]; caption: string }) {
  const shown = rows.filter((r) => r.info || r.token === "ETH");
  if (shown.length === 0) return <Empty>No balances read yet.</Empty>;
  const amount = (v: bigint | undefined, decimals: number) => (v === undefined ? "…" : formatAmount(v, decimals, 6));
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Treasury</th>
            <th scope="col">Education fund</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.token}>
              <th scope="row">{r.info?.symbol ?? "ETH"}</th>
              <td>{amount(r.treasury, r.info?.decimals ?? 18)}</td>
              <td>{amount(r.education, r.info?.decimals ?? 18)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
