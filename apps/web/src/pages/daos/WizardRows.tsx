import { Field } from "../../ui/Field.tsx";
import type { Errors, Row } from "./wizard.ts";

/** An editable list of (account, figure[, weight]) rows: holders, allowed tokens or members. */
export function WizardRows({
  name,
  noun,
  rows,
  errors,
  accountLabel,
  amountLabel,
  amountHint,
  withWeight,
  onChange,
}: {
  name: string;
  noun: string;
  rows: Row[];
  errors: Errors;
  accountLabel: string;
  amountLabel: string;
  amountHint?: string;
  withWeight?: boolean;
  onChange(rows: Row[]): void;
}) {
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="wizard-rows">
      <legend>{noun}s</legend>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div className="row" key={i}>
          <Field
            label={`${noun} ${i + 1} ${accountLabel}`}
            value={r.account}
            spellCheck={false}
            error={errors[`${name}.${i}.account`]}
            onChange={(e) => set(i, { account: e.target.value })}
          />
          <Field
            label={`${noun} ${i + 1} ${amountLabel}`}
            value={r.amount}
            inputMode="decimal"
            hint={amountHint}
            error={errors[`${name}.${i}.amount`]}
            onChange={(e) => set(i, { amount: e.target.value })}
          />
          {withWeight ? (
            <Field
              label={`${noun} ${i + 1} voting weight`}
              value={r.weight ?? ""}
              inputMode="numeric"
              error={errors[`${name}.${i}.weight`]}
              onChange={(e) => set(i, { weight: e.target.value })}
            />
          ) : null}
          <button
            type="button"
            className="secondary"
            aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      {errors[name] ? (
        <p className="field-error" role="alert">
          {errors[name]}
        </p>
      ) : null}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...rows, { account: "", amount: "", ...(withWeight ? { weight: "1" } : {}) }])}
      >
        Add a {noun.toLowerCase()}
      </button>
    </fieldset>
  );
}
