import { type FormEvent, type ReactNode, useState } from "react";
import { Field } from "../../ui/Field.tsx";
import { checkAmount, checkDelegate } from "./maturity.ts";

/**
 * An amount and a button. The amount is checked before anything is sent, and kept after a failure so nothing typed is
 * lost. `max` bounds it (the wallet balance for staking); unstaking leaves the bound to the contract, which explains.
 */
export function AmountForm({
  label,
  action,
  hint,
  max,
  busy,
  onSubmit,
}: {
  label: string;
  action: string;
  hint: ReactNode;
  max?: { value: bigint; message: (max: string) => string };
  busy: boolean;
  /** Resolves truthy once the transaction confirmed: the field is then cleared for the next one. */
  onSubmit(amount: bigint): unknown;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkAmount(text, max);
    setError(checked.error);
    if (checked.amount !== null) void Promise.resolve(onSubmit(checked.amount)).then((done) => done && setText(""));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={label}
        inputMode="decimal"
        autoComplete="off"
        placeholder="0.0"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        hint={hint}
        error={error}
      />
      <button type="submit" disabled={busy}>
        {action}
      </button>
    </form>
  );
}

/** Who votes with the stake: an address (checked before sending) or yourself in one click. */
export function DelegateForm({
  self,
  busy,
  warning,
  onSubmit,
}: {
  self: `0x${string}`;
  busy: boolean;
  warning?: ReactNode;
  onSubmit(delegatee: `0x${string}`): unknown;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkDelegate(text);
    setError(checked.error);
    if (checked.address !== null) void Promise.resolve(onSubmit(checked.address)).then((done) => done && setText(""));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="Delegate to address"
        autoComplete="off"
        spellCheck={false}
        placeholder="0x…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        hint="All of your staked voting power goes to this address; delegate to yourself to vote directly."
        error={error}
      />
      {warning ? <p className="warning">{warning}</p> : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          Delegate
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onSubmit(self)}>
          Delegate to myself
        </button>
      </div>
    </form>
  );
}
