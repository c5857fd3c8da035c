import type { VentureRound } from "@aidao/sdk";
import { type FormEvent, useState } from "react";
import type { Address } from "viem";
import { formatAmount } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import type { TxState } from "../../tx/useTx.ts";
import { Field, Select } from "../../ui/Field.tsx";
import { Empty } from "../../ui/States.tsx";
import { checkInvestment, defaultDescription, type Holding } from "./investForm.ts";

export type InvestTarget = { daoId: bigint; name: string };

export type InvestRequest = {
  roundId: bigint;
  daoId: bigint;
  payToken: Address;
  amount: bigint;
  receive?: { token: Address; amount: bigint };
  terms: string;
  description: string;
};

/**
 * Rounds an investment can be proposed for: any not yet distributing. It executes only once deposits have closed
 * (Locked or Investing), which a proposal for an open round reaches while it is voted on.
 */
export const investable = (rounds: VentureRound[]) => rounds.filter((r) => r.state !== "Distributing");

/**
 * Proposes an investment of a round's assets in an AI DAO to the 60/40 governor: round, what it holds, the DAO, the
 * amount, what comes back (optional) and the terms. The proposal then appears below for both electorates' votes.
 */
export function InvestForm({
  rounds,
  holdings,
  targets,
  receiveDecimals,
  connected,
  tx,
  busy,
  onRound,
  onReceiveToken,
  onPropose,
}: {
  rounds: VentureRound[];
  /** What the selected round holds, per token (loading: undefined). */
  holdings: Holding[] | undefined;
  targets: InvestTarget[];
  /** The decimals of the token named as received (18 until it is read). */
  receiveDecimals: number;
  connected: boolean;
  tx: TxState;
  busy: boolean;
  onRound(roundId: bigint): void;
  onReceiveToken(text: string): void;
  /** Resolves true once the proposal is confirmed (the form is then cleared; on failure everything is kept). */
  onPropose(request: InvestRequest): Promise<boolean>;
}) {
  const candidates = investable(rounds);
  const [roundText, setRound] = useState("");
  const [tokenText, setToken] = useState("");
  const [daoText, setDao] = useState("");
  const [amountText, setAmount] = useState("");
  const [receiveTokenText, setReceiveToken] = useState("");
  const [receiveAmountText, setReceiveAmount] = useState("");
  const [terms, setTerms] = useState("");
  const [description, setDescription] = useState("");
  const [touched, setTouched] = useState(false);
  if (candidates.length === 0) {
    return <Empty>No round can invest: every round is distributing its earnings.</Empty>;
  }
  if (targets.length === 0) return <Empty>There is no AI DAO to invest in yet.</Empty>;
  const round = candidates.find((r) => r.roundId.toString() === roundText) ?? (candidates[0] as VentureRound);
  const held = (holdings ?? []).filter((h) => h.held > 0n);
  const holding = held.find((h) => h.token === tokenText) ?? held[0];
  const target = targets.find((t) => t.daoId.toString() === daoText) ?? (targets[0] as InvestTarget);
  const check = checkInvestment({
    amountText,
    holding,
    daoId: target.daoId,
    receiveTokenText,
    receiveAmountText,
    receiveDecimals,
    terms,
  });
  const showError = !check.ok && (touched || amountText !== "");
  const fallback = defaultDescription({
    amountText: amountText || "…",
    symbol: holding?.symbol ?? "",
    roundId: round.roundId,
    daoName: target.name,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!check.ok || !connected || !holding) return;
    void onPropose({
      roundId: round.roundId,
      daoId: target.daoId,
      payToken: holding.token,
      amount: check.amount,
      ...(check.receive ? { receive: check.receive } : {}),
      terms: check.terms,
      description: description.trim() || fallback,
    }).then((done) => {
      if (done) {
        setAmount("");
        setReceiveToken("");
        setReceiveAmount("");
        setTerms("");
        setDescription("");
        setTouched(false);
      }
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Propose an investment">
      <div className="row">
        <Select
          label="Round"
          value={round.roundId.toString()}
          onChange={(v) => {
            setRound(v);
            setToken("");
            onRound(BigInt(v));
          }}
          options={candidates.map((r) => ({ value: r.roundId.toString(), label: `Round ${r.roundId} (${r.state})` }))}
        />
        <Select
          label="Invest in"
          value={target.daoId.toString()}
          onChange={setDao}
          options={targets.map((t) => ({ value: t.daoId.toString(), label: `${t.name} (DAO ${t.daoId})` }))}
        />
        {held.length > 0 ? (
          <Select
            label="Pay in"
            value={holding?.token ?? ""}
            onChange={setToken}
            options={held.map((h) => ({ value: h.token, label: h.symbol }))}
          />
        ) : null}
        <Field
          label={`Amount${holding ? ` of ${holding.symbol}` : ""}`}
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(e) => setAmount(e.target.value)}
          error={showError ? (check as { error: string }).error : null}
          hint={
            holdings === undefined
              ? "Reading what the round holds…"
              : holding
                ? `The round holds ${formatAmount(holding.held, holding.decimals, holding.decimals)} ${holding.symbol}`
                : "The round holds nothing to invest"
          }
        />
      </div>
      <div className="row">
        <Field
          label="Receive token (optional)"
          autoComplete="off"
          placeholder="0x…"
          value={receiveTokenText}
          onChange={(e) => {
            setReceiveToken(e.target.value);
            onReceiveToken(e.target.value.trim());
          }}
          hint="What the DAO gives the round in exchange (its executor approves the fund)"
        />
        <Field
          label="Amount received"
          inputMode="decimal"
          autoComplete="off"
          value={receiveAmountText}
          onChange={(e) => setReceiveAmount(e.target.value)}
        />
        <Field
          label="Terms"
          autoComplete="off"
          placeholder="ipfs://… or a short text"
          value={terms}
          onChange={(e) => setTerms(e.target.value)}
        />
      </div>
      <div className="row">
        <Field
          label="Description"
          autoComplete="off"
          placeholder={fallback}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          hint="What voters see (empty: the line above)"
        />
        <button type="submit" disabled={busy || !connected}>
          Propose
        </button>
      </div>
      <p className="muted">
        {round.state === "Open"
          ? `Round ${round.roundId} still takes deposits: the investment can execute once they close (${new Date(Number(round.closesAt) * 1000).toLocaleDateString()}). `
          : ""}
        {connected
          ? "The proposal goes to the venture governor; investors and AIDAO stakers vote on it below (60/40)."
          : "Connect a wallet to propose."}
      </p>
      <TxStatus state={tx} />
    </form>
  );
}
