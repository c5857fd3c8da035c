import { type ReactNode, useState } from "react";
import { formatAmount, formatBps, parseAmount } from "../../lib/format.ts";
import { Card, Stat } from "../../ui/Card.tsx";
import { Field, Select } from "../../ui/Field.tsx";
import { Empty, Loading } from "../../ui/States.tsx";
import type { IncomeTotal } from "./useDao.ts";

export type TokenMeta = { symbol: string; decimals: number };
export type PayoutRow = {
  token: string;
  symbol: string;
  decimals: number;
  distributed: bigint;
  claimable?: bigint | undefined;
};

/** A revenue-sharing DAO's income, what it shared, and the connected holder's claim; plus paying an income in. */
export function RevenueCard({
  loading,
  shares,
  bps,
  protocolFeeBps,
  incomes,
  meta,
  payouts,
  connected,
  busy,
  onClaim,
  depositTokens,
  onDeposit,
  status,
}: {
  loading: boolean;
  /** The DAO shares revenue with holders (a revenue-sharing token is its distributor). */
  shares: boolean;
  bps: number | undefined;
  protocolFeeBps: number | undefined;
  incomes: IncomeTotal[];
  meta(token: string): TokenMeta;
  payouts: PayoutRow[];
  connected: boolean;
  busy: boolean;
  onClaim(row: PayoutRow): void;
  /** Options for the deposit form: ERC-20 tokens by address. */
  depositTokens: Array<{ value: string; label: string }>;
  onDeposit(token: string, amount: bigint): void;
  status: ReactNode;
}) {
  if (loading)
    return (
      <Card title="Revenue">
        <Loading what="Loading the revenue" />
      </Card>
    );
  return (
    <Card title="Revenue">
      <p className="muted">
        Every income pays the protocol fee ({protocolFeeBps === undefined ? "…" : formatBps(protocolFeeBps)}) to the
        main treasury
        {shares && bps !== undefined ? `; ${formatBps(bps)} of the rest is shared with the token's holders.` : "."}
      </p>
      {incomes.length === 0 ? (
        <Empty>No income has been paid into this DAO's treasury yet.</Empty>
      ) : (
        <div className="stats">
          {incomes.map((i) => {
            const m = meta(i.token);
            return (
              <Stat
                key={i.token}
                label={`Revenue deposited (${m.symbol})`}
                value={formatAmount(i.amount, m.decimals, 4)}
                hint={`${i.count} income${i.count === 1 ? "" : "s"}; fee ${formatAmount(i.fee, m.decimals, 4)}, shared ${formatAmount(i.distributed, m.decimals, 4)}`}
              />
            );
          })}
        </div>
      )}
      {shares ? (
        payouts.length === 0 ? (
          <Empty>Nothing has been shared with the holders yet.</Empty>
        ) : (
          <div className="table-wrap">
            <table aria-label="Revenue shared with holders">
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col">Shared in total</th>
                  <th scope="col">Claimable by you</th>
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {payouts.map((p) => (
                  <tr key={p.token}>
                    <td>{p.symbol}</td>
                    <td>{formatAmount(p.distributed, p.decimals, 4)}</td>
                    <td>{p.claimable === undefined ? "connect a wallet" : formatAmount(p.claimable, p.decimals, 6)}</td>
                    <td>
                      <button
                        type="button"
                        disabled={busy || !connected || !p.claimable}
                        aria-label={`Claim ${p.symbol} revenue`}
                        onClick={() => onClaim(p)}
                      >
                        Claim
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <DepositForm tokens={depositTokens} meta={meta} connected={connected} busy={busy} onDeposit={onDeposit} />
      {status}
    </Card>
  );
}

/** Paying an income into the treasury (the fee and the holders' share are split off in the same transaction). */
export function DepositForm({
  tokens,
  meta,
  connected,
  busy,
  onDeposit,
}: {
  tokens: Array<{ value: string; label: string }>;
  meta(token: string): TokenMeta;
  connected: boolean;
  busy: boolean;
  onDeposit(token: string, amount: bigint): void;
}) {
  const [token, setToken] = useState(tokens[0]?.value ?? "");
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const chosen = tokens.some((t) => t.value === token) ? token : (tokens[0]?.value ?? "");
  if (tokens.length === 0) return null;
  return (
    <form
      aria-label="Deposit revenue"
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        const value = parseAmount(amount, meta(chosen).decimals);
        if (value === null) return setError("Enter a positive amount, e.g. 10 or 2.5");
        setError(null);
        onDeposit(chosen, value);
      }}
    >
      <Select label="Revenue token" value={chosen} options={tokens} onChange={setToken} />
      <Field
        label="Revenue amount"
        inputMode="decimal"
        value={amount}
        error={error}
        onChange={(e) => setAmount(e.target.value)}
      />
      <button type="submit" className="secondary" disabled={busy || !connected}>
        Deposit revenue
      </button>
    </form>
  );
}
