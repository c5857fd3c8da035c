import type { VentureRound } from "@aidao/sdk";
import { type FormEvent, useState } from "react";
import type { Address } from "viem";
import { formatAmount } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import type { TxState } from "../../tx/useTx.ts";
import { Field, Select } from "../../ui/Field.tsx";
import { Empty } from "../../ui/States.tsx";
import { checkDeposit } from "./depositForm.ts";
import type { DepositToken } from "./useVenture.ts";

export type DepositRequest = { roundId: bigint; token: DepositToken; amount: bigint; minValue: bigint };

/** Deposit into an open round: token, amount, the value it is credited and the minimum-value guard. */
export function DepositForm({
  rounds,
  tokens,
  connected,
  tx,
  busy,
  onDeposit,
}: {
  rounds: VentureRound[];
  tokens: DepositToken[];
  connected: boolean;
  tx: TxState;
  busy: boolean;
  /** Resolves true once the deposit is confirmed (the amount is then cleared; on failure everything is kept). */
  onDeposit(request: DepositRequest): Promise<boolean>;
}) {
  const open = rounds.filter((r) => r.state === "Open");
  const [roundText, setRound] = useState("");
  const [tokenText, setToken] = useState("");
  const [amountText, setAmount] = useState("");
  const [minValueText, setMinValue] = useState("");
  const [touched, setTouched] = useState(false);
  if (open.length === 0) return <Empty>No round takes deposits now.</Empty>;
  if (tokens.length === 0) return <Empty>The fund accepts no token yet.</Empty>;
  const round = open.find((r) => r.roundId.toString() === roundText) ?? (open[0] as VentureRound);
  const token = tokens.find((t) => t.address === (tokenText as Address)) ?? (tokens[0] as DepositToken);
  const check = checkDeposit({
    amountText,
    minValueText,
    decimals: token.decimals,
    symbol: token.symbol,
    price: token.price,
    balance: token.balance,
    room: round.cap - round.raised,
    open: round.state === "Open",
  });
  const showError = !check.ok && (touched || amountText !== "");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!check.ok || !connected) return;
    void onDeposit({ roundId: round.roundId, token, amount: check.amount, minValue: check.minValue }).then((done) => {
      if (done) {
        setAmount("");
        setMinValue("");
        setTouched(false);
      }
    });
  };
  const needsApproval = check.ok && token.allowance < check.amount;
  return (
    <form onSubmit={submit} noValidate aria-label="Deposit into a round">
      <div className="row">
        <Select
          label="Round"
          value={round.roundId.toString()}
          onChange={setRound}
          options={open.map((r) => ({ value: r.roundId.toString(), label: `Round ${r.roundId}` }))}
        />
        <Select
          label="Token"
          value={token.address}
          onChange={setToken}
          options={tokens.map((t) => ({ value: t.address, label: t.symbol }))}
        />
        <Field
          label={`Amount of ${token.symbol}`}
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(e) => setAmount(e.target.value)}
          error={showError ? (check as { error: string }).error : null}
          hint={`You hold ${formatAmount(token.balance, token.decimals, token.decimals)} ${token.symbol}`}
        />
        <Field
          label="Minimum value ($)"
          inputMode="decimal"
          autoComplete="off"
          placeholder={check.ok || check.value !== undefined ? formatAmount(check.value ?? 0n, 18, 6) : ""}
          value={minValueText}
          onChange={(e) => setMinValue(e.target.value)}
          hint="Refuse the deposit if it is credited less (empty: the value quoted now)"
        />
        <button type="submit" disabled={busy || !connected}>
          Deposit
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {token.price === null
          ? `${token.symbol} has no current price.`
          : `1 ${token.symbol} = $${formatAmount(token.price, 18, 6)}. `}
        {check.ok || check.value !== undefined ? `Credited value: $${formatAmount(check.value ?? 0n, 18, 6)}. ` : ""}
        {needsApproval
          ? `Your wallet first approves the fund for ${amountText.trim()} ${token.symbol} (allowance ${formatAmount(token.allowance, token.decimals)}).`
          : ""}
        {!connected ? "Connect a wallet to deposit." : ""}
      </p>
      <TxStatus state={tx} />
    </form>
  );
}
