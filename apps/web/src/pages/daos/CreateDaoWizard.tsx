import { type ReactNode, useRef, useState } from "react";
import { Field, Select } from "../../ui/Field.tsx";
import { WizardReview } from "./WizardReview.tsx";
import { WizardRows } from "./WizardRows.tsx";
import {
  type Errors,
  initialWizard,
  STEPS,
  validateAll,
  validateStep,
  WIZARD_TEMPLATES,
  type WizardState,
} from "./wizard.ts";

/**
 * The create-an-AI-DAO wizard: template → name → template parameters → governance → review. Each step is checked
 * before the next one opens; what was typed stays when going back or when the transaction fails.
 */
export function CreateDaoWizard({
  protocolFeeBps,
  canCreate,
  busy,
  onCreate,
  status,
}: {
  /** The fee every income pays to the main treasury (undefined while loading). */
  protocolFeeBps: number | undefined;
  /** Why the DAO cannot be created now (no wallet…), or null. */
  canCreate: string | null;
  busy: boolean;
  onCreate(state: WizardState): void;
  /** The transaction's status and the link to the new DAO. */
  status?: ReactNode;
}) {
  const [s, setS] = useState<WizardState>(initialWizard);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving to another step brings keyboard and screen-reader focus to its title.
  const go = (to: number) => {
    setStep(to);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const set = (patch: Partial<WizardState>) => setS((old) => ({ ...old, ...patch }));
  const next = () => {
    const e = validateStep(step, s);
    setErrors(e);
    if (Object.keys(e).length === 0) go(step + 1);
  };
  const back = () => {
    setErrors({});
    go(step - 1);
  };
  const create = () => {
    const e = validateAll(s);
    setErrors(e);
    if (Object.keys(e).length === 0) onCreate(s);
  };
  const errorCount = Object.keys(errors).length;
  return (
    <div className="wizard">
      <ol className="wizard-steps" aria-label="Steps">
        {STEPS.map((name, i) => (
          <li key={name} aria-current={i === step ? "step" : undefined}>
            {i + 1}. {name}
          </li>
        ))}
      </ol>
      <form
        aria-label={`Create an AI DAO, step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (step < STEPS.length - 1) next();
          else create();
        }}
      >
        <h3 ref={heading} tabIndex={-1}>
          Step {step + 1} of {STEPS.length}: {STEPS[step]}
        </h3>
        {step === 0 ? (
          <fieldset className="wizard-choice">
            <legend>Which template?</legend>
            {WIZARD_TEMPLATES.map((t) => (
              <label key={t.name}>
                <input
                  type="radio"
                  name="template"
                  value={t.name}
                  checked={s.template === t.name}
                  onChange={() => set({ template: t.name })}
                />
                <span>
                  <strong>{t.title}</strong> <span className="muted">— {t.about}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {step === 1 ? (
          <div className="grid">
            <Field
              label="DAO name"
              value={s.name}
              error={errors.name}
              onChange={(e) => set({ name: e.target.value })}
            />
            <Field
              label="Metadata URI (optional)"
              value={s.daoURI}
              hint="ERC-4824 daoURI, e.g. ipfs://…"
              error={errors.daoURI}
              onChange={(e) => set({ daoURI: e.target.value })}
            />
          </div>
        ) : null}
        {step === 2 ? <ParametersStep s={s} errors={errors} set={set} /> : null}
        {step === 3 ? <GovernanceStep s={s} errors={errors} set={set} /> : null}
        {step === 4 ? <WizardReview s={s} protocolFeeBps={protocolFeeBps} /> : null}
        {errorCount > 0 ? (
          <p className="error" role="alert">
            {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} your attention
            {step === 4 ? ": go back to fix them." : "."}
          </p>
        ) : null}
        <div className="row">
          {step > 0 ? (
            <button type="button" className="secondary" onClick={back} disabled={busy}>
              Back
            </button>
          ) : null}
          {step < STEPS.length - 1 ? (
            <button type="submit">Next</button>
          ) : (
            <button type="submit" disabled={busy || canCreate !== null}>
              Create the DAO
            </button>
          )}
          {step === STEPS.length - 1 && canCreate ? <span className="muted">{canCreate}</span> : null}
        </div>
      </form>
      {status}
    </div>
  );
}

type StepProps = { s: WizardState; errors: Errors; set(patch: Partial<WizardState>): void };

function ParametersStep({ s, errors, set }: StepProps) {
  if (s.template === "donation") {
    return (
      <WizardRows
        name="allowed"
        noun="Token"
        rows={s.allowed}
        errors={errors}
        accountLabel="(ETH or address)"
        amountLabel="votes per whole token"
        onChange={(allowed) => set({ allowed })}
      />
    );
  }
  if (s.template === "consortium") {
    return (
      <>
        <label className="row">
          <input type="checkbox" checked={s.weighted} onChange={(e) => set({ weighted: e.target.checked })} /> Weight
          votes (otherwise one member, one vote)
        </label>
        <WizardRows
          name="members"
          noun="Member"
          rows={s.members}
          errors={errors}
          accountLabel="address"
          amountLabel="revenue share (%)"
          amountHint="All shares add up to 100%"
          withWeight={s.weighted}
          onChange={(members) => set({ members })}
        />
      </>
    );
  }
  return (
    <>
      <div className="grid">
        <Field
          label="Token name"
          value={s.tokenName}
          error={errors.tokenName}
          onChange={(e) => set({ tokenName: e.target.value })}
        />
        <Field
          label="Token symbol"
          value={s.symbol}
          error={errors.symbol}
          onChange={(e) => set({ symbol: e.target.value })}
        />
      </div>
      <WizardRows
        name="holders"
        noun="Holder"
        rows={s.holders}
        errors={errors}
        accountLabel="address"
        amountLabel="tokens"
        amountHint="Whole tokens (18 decimals)"
        onChange={(holders) => set({ holders })}
      />
      {s.template === "grant" ? (
        <div className="grid">
          <Field
            label="Veto window"
            value={s.vetoWindow}
            hint="How long holders can veto a grant: 3600, 30m, 12h or 7d"
            error={errors.vetoWindow}
            onChange={(e) => set({ vetoWindow: e.target.value })}
          />
          <Field
            label="Veto quorum (% of supply)"
            value={s.vetoQuorumPercent}
            error={errors.vetoQuorumPercent}
            onChange={(e) => set({ vetoQuorumPercent: e.target.value })}
          />
        </div>
      ) : null}
    </>
  );
}

function GovernanceStep({ s, errors, set }: StepProps) {
  const field = (key: keyof WizardState, label: string, hint: string) => (
    <Field
      label={label}
      value={s[key] as string}
      hint={hint}
      error={errors[key]}
      onChange={(e) => set({ [key]: e.target.value } as Partial<WizardState>)}
    />
  );
  return (
    <>
      <Select
        label="How the DAO decides"
        value={s.mode}
        onChange={(mode) => set({ mode: mode as WizardState["mode"] })}
        options={[
          { value: "OnChain", label: "On chain: a Governor and a timelock" },
          { value: "OffChain", label: "Off chain: hub votes executed by a Safe" },
          { value: "Both", label: "Both: the timelock, and the Safe may schedule into it" },
        ]}
      />
      {s.mode !== "OffChain" ? (
        <div className="grid">
          {field("votingDelay", "Voting delay", "Before voting opens: 3600, 30m, 12h or 1d")}
          {field("votingPeriod", "Voting period", "How long voting lasts, e.g. 5d")}
          {field("quorumPercent", "Quorum (%)", "Share of the votes' supply that must vote")}
          {field("proposalThreshold", "Proposal threshold (votes)", "Votes needed to propose; 0 for anyone")}
          {field("timelockDelay", "Timelock delay", "Between a passed vote and its execution, e.g. 2d")}
        </div>
      ) : null}
      {s.mode !== "OnChain" ? (
        <div className="grid">
          {field("safeOwners", "Safe owners", "0x… addresses separated by commas")}
          {field("safeThreshold", "Safe threshold", "Signatures needed to execute")}
        </div>
      ) : null}
    </>
  );
}
