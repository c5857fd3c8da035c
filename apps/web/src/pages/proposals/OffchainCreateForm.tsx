import { hubProposalTypes } from "@aidao/sdk";
import { useState } from "react";
import { Link } from "react-router";
import { usePublicClient } from "wagmi";
import { useAppConfig } from "../../config.ts";
import { Field, Select } from "../../ui/Field.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { checkHubDraft, type HubDraft, VOTING_TYPES, type VotingType } from "./model.ts";
import { MessageStatus, useHubMessage } from "./useHubMessage.tsx";

/** A datetime-local value for a unix time, in local time. */
const local = (s: number) => {
  const d = new Date(s * 1000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** A signed proposal to the hub (Snapshot-style), its power read at the chain's latest block. */
export function OffchainCreateForm({ votingTypes }: { votingTypes: string[] }) {
  const { space } = useAppConfig();
  const signer = useSigner();
  const client = usePublicClient();
  const msg = useHubMessage();
  // Where the new proposal is: a link, not a redirect, so the hub's confirmation stays in view.
  const [created, setCreated] = useState<string | null>(null);
  const [draft, setDraft] = useState<HubDraft>(() => ({
    title: "",
    body: "",
    type: "single-choice",
    choices: "",
    start: "",
    end: local(Math.floor(Date.now() / 1000) + 3 * 86_400),
  }));
  const [errors, setErrors] = useState<Partial<Record<keyof HubDraft, string>>>({});
  const set = (k: keyof HubDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const types = VOTING_TYPES.filter((t) => votingTypes.includes(t));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const checked = checkHubDraft(draft, Math.floor(Date.now() / 1000));
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    if (!signer || !client) return;
    setCreated(null);
    const snapshot = Number(await client.getBlockNumber({ cacheTime: 0 }));
    const id = await msg.send("Publish off-chain proposal", signer, hubProposalTypes, {
      space,
      type: draft.type,
      title: draft.title.trim(),
      body: draft.body,
      discussion: "",
      choices: checked.choices,
      labels: [],
      start: checked.start,
      end: checked.end,
      snapshot,
      plugins: "{}",
      privacy: "",
      app: "aidao-web",
    });
    if (id) setCreated(id);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New off-chain proposal">
      <Field
        label="Poll title"
        value={draft.title}
        error={errors.title}
        onChange={(e) => set("title")(e.target.value)}
      />
      <div className="field">
        <label htmlFor="hub-body">Body</label>
        <textarea id="hub-body" rows={3} value={draft.body} onChange={(e) => set("body")(e.target.value)} />
        {errors.body ? <div className="field-error">{errors.body}</div> : null}
      </div>
      <Select
        label="Voting type"
        value={draft.type}
        onChange={(v) => {
          set("type")(v as VotingType);
          if (v === "basic") set("choices")("For\nAgainst\nAbstain");
        }}
        options={types.map((t) => ({ value: t, label: t }))}
      />
      <div className="field">
        <label htmlFor="hub-choices">Choices (one a line)</label>
        <textarea
          id="hub-choices"
          rows={4}
          value={draft.choices}
          aria-invalid={errors.choices ? true : undefined}
          aria-describedby="hub-choices-hint"
          onChange={(e) => set("choices")(e.target.value)}
        />
        <div id="hub-choices-hint" className={errors.choices ? "field-error" : "field-hint"}>
          {errors.choices ?? "Basic votes take For, Against, Abstain."}
        </div>
      </div>
      <Field
        label="Voting starts"
        type="datetime-local"
        hint="Leave empty to start now."
        value={draft.start}
        error={errors.start}
        onChange={(e) => set("start")(e.target.value)}
      />
      <Field
        label="Voting ends"
        type="datetime-local"
        value={draft.end}
        error={errors.end}
        onChange={(e) => set("end")(e.target.value)}
      />
      <button type="submit" disabled={!signer || msg.busy}>
        Sign and publish
      </button>
      {!signer ? <p className="muted">Connect a wallet to publish.</p> : null}
      <MessageStatus state={msg.state} />
      {created ? (
        <p>
          <Link to={`/proposals/offchain/${created}`}>Open the new off-chain proposal</Link>
        </p>
      ) : null}
    </form>
  );
}
