import { propose } from "@aidao/sdk";
import { useState } from "react";
import { Link } from "react-router";
import { useContracts } from "../../config.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Field, Select } from "../../ui/Field.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { buildOnchainProposal, type OnchainDraft } from "./model.ts";

const EMPTY: OnchainDraft = { title: "", body: "", action: "transfer", to: "", amount: "" };

/** Proposes to the main DAO's governor: a treasury transfer of AIDAO, or a text-only proposal. */
export function OnchainCreateForm() {
  const c = useContracts();
  const signer = useSigner();
  const tx = useTx();
  // Where the new proposal is: a link, not a redirect, so its confirmation stays in view.
  const [created, setCreated] = useState<bigint | null>(null);
  const [draft, setDraft] = useState<OnchainDraft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof OnchainDraft, string>>>({});
  const set = (k: keyof OnchainDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const built = buildOnchainProposal(draft, {
      treasury: c.Treasury.address,
      token: c.AIDAOToken.address,
      timelock: c.TimelockController.address,
    });
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    if (!signer) return;
    setCreated(null);
    let id: bigint | undefined;
    const receipt = await tx.run("Propose on chain", async () => {
      const r = await propose(signer, {
        governor: c.AIDAOGovernor.address,
        ...built.calls,
        description: built.description,
      });
      id = r.proposalId;
      return r.hash;
    });
    if (receipt && id !== undefined) setCreated(id);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New on-chain proposal">
      <Field label="Title" value={draft.title} error={errors.title} onChange={(e) => set("title")(e.target.value)} />
      <div className="field">
        <label htmlFor="onchain-body">Description</label>
        <textarea id="onchain-body" rows={3} value={draft.body} onChange={(e) => set("body")(e.target.value)} />
      </div>
      <Select
        label="What it does"
        value={draft.action}
        onChange={set("action")}
        options={[
          { value: "transfer", label: "Transfer AIDAO from the treasury" },
          { value: "text", label: "Nothing on chain (text only)" },
        ]}
      />
      {draft.action === "transfer" ? (
        <>
          <Field
            label="Recipient"
            placeholder="0x…"
            value={draft.to}
            error={errors.to}
            onChange={(e) => set("to")(e.target.value)}
          />
          <Field
            label="Amount (AIDAO)"
            inputMode="decimal"
            value={draft.amount}
            error={errors.amount}
            onChange={(e) => set("amount")(e.target.value)}
          />
        </>
      ) : null}
      <button type="submit" disabled={!signer || tx.busy}>
        Propose on chain
      </button>
      {!signer ? <p className="muted">Connect a wallet to propose.</p> : null}
      <p className="muted">Proposing needs 100,000 matured staked AIDAO delegated to you (the governor's threshold).</p>
      <TxStatus state={tx.state} />
      {created !== null ? (
        <p>
          <Link to={`/proposals/onchain/${created}`}>Open the new on-chain proposal</Link>
        </p>
      ) : null}
    </form>
  );
}
