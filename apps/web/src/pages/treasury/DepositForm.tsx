import { depositToTreasury, type IncomeSourceName, treasuryAbi } from "@aidao/sdk";
import { useState } from "react";
import { type Address, erc20Abi, parseEventLogs } from "viem";
import { useBalance, useReadContract } from "wagmi";
import { useContracts } from "../../config.ts";
import { formatAmount, formatBps } from "../../lib/format.ts";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Field, Select } from "../../ui/Field.tsx";
import { useMe, useSigner } from "../../wallet/useSigner.ts";
import { checkDeposit, splitIncome } from "./deposit.ts";

const SOURCES: Array<{ value: IncomeSourceName; label: string }> = [
  { value: "ProtocolFee", label: "Protocol fee" },
  { value: "Donation", label: "Donation" },
  { value: "TokenSale", label: "Token sale" },
  { value: "Other", label: "Other" },
];

/** Pays an income into the main treasury; the contract forwards the education share in the same transaction. */
export function DepositForm({ tokens, educationBps }: { tokens: TokenInfo[]; educationBps: number | undefined }) {
  const c = useContracts();
  const signer = useSigner();
  const { address: me } = useMe();
  const tx = useTx();
  const [token, setToken] = useState<string>(tokens[0]?.address ?? "ETH");
  const [text, setText] = useState("");
  const [source, setSource] = useState<IncomeSourceName>("ProtocolFee");
  const [touched, setTouched] = useState(false);
  const [routed, setRouted] = useState<string | null>(null);
  const info =
    token === "ETH" ? { address: "ETH", symbol: "ETH", decimals: 18 } : tokens.find((t) => t.address === token);
  const decimals = info?.decimals ?? 18;
  const erc20 = useReadContract({
    address: token as Address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [me as Address],
    query: { enabled: token !== "ETH" && !!me },
  });
  const eth = useBalance({ address: me, query: { enabled: token === "ETH" && !!me } });
  const balance = token === "ETH" ? eth.data?.value : erc20.data;
  const check = checkDeposit(text, decimals, balance);
  const split = check.amount !== null && educationBps !== undefined ? splitIncome(check.amount, educationBps) : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    setRouted(null);
    if (!signer || check.amount === null) return;
    const receipt = await tx.run("Deposit income", () =>
      depositToTreasury(signer, {
        treasury: c.Treasury.address as Address,
        token: token === "ETH" ? "ETH" : (token as Address),
        amount: check.amount as bigint,
        source,
      }),
    );
    if (!receipt) return;
    const [income] = parseEventLogs({ abi: treasuryAbi, eventName: "IncomeReceived", logs: receipt.logs });
    if (income) {
      const { amount, educationShare } = income.args;
      setRouted(
        `The education fund received ${formatAmount(educationShare, decimals, 6)} ${info?.symbol} of ${formatAmount(amount, decimals, 6)} ${info?.symbol}.`,
      );
    }
    setText("");
    setTouched(false);
  }

  return (
    <form onSubmit={submit} aria-label="Deposit income" noValidate>
      <div className="row">
        <Select
          label="Token"
          value={token}
          onChange={setToken}
          options={[...tokens.map((t) => ({ value: t.address, label: t.symbol })), { value: "ETH", label: "ETH" }]}
        />
        <Field
          label="Amount"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched ? check.error : null}
          hint={
            balance !== undefined ? `You hold ${formatAmount(balance, decimals, 4)} ${info?.symbol ?? ""}` : undefined
          }
        />
        <Select label="Source" value={source} onChange={(v) => setSource(v as IncomeSourceName)} options={SOURCES} />
        <button type="submit" disabled={!signer || tx.busy}>
          Deposit
        </button>
      </div>
      {!signer ? <p className="muted">Connect a wallet to deposit.</p> : null}
      {split && educationBps !== undefined ? (
        <p className="muted" aria-live="polite">
          {formatAmount(split.education, decimals, 6)} {info?.symbol} ({formatBps(educationBps)}) goes to the education
          fund, {formatAmount(split.treasury, decimals, 6)} {info?.symbol} stays in the treasury.
        </p>
      ) : null}
      <TxStatus state={tx.state} />
      {routed ? <p role="status">{routed}</p> : null}
    </form>
  );
}
