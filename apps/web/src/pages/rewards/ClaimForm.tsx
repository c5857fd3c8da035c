import { type FormEvent, useState } from "react";
import type { Address, Hex } from "viem";
import { claimFromJson, leafHash, type RewardClaim, rootOf } from "./merkle.ts";

/** Checks a pasted claim against the epoch's Merkle root before anything is sent. */
export function checkClaim(
  text: string,
  account: Address,
  epoch: bigint,
  root: Hex,
): { claim: RewardClaim | null; error: string | null } {
  if (text.trim() === "") return { claim: null, error: "Paste your claim file (or the epoch's whole tree) first." };
  const parsed = claimFromJson(text, account, epoch);
  if (!parsed.claim) return parsed;
  if (rootOf(leafHash(account, parsed.claim.amount), parsed.claim.proof).toLowerCase() !== root.toLowerCase()) {
    return {
      claim: null,
      error: `This proof does not lead to epoch ${epoch}'s Merkle root: check the epoch, amount and proof.`,
    };
  }
  return parsed;
}

/** A first claim of an epoch: the account's leaf and Merkle proof, pasted or loaded from a file (kept on failure). */
export function ClaimForm({
  account,
  epoch,
  root,
  initial = "",
  busy,
  onClaim,
}: {
  account: Address;
  epoch: bigint;
  root: Hex;
  initial?: string;
  busy: boolean;
  onClaim(claim: RewardClaim): void;
}) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const id = `claim-${epoch}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkClaim(text, account, epoch, root);
    setError(checked.error);
    if (checked.claim) onClaim(checked.claim);
  };
  return (
    <form onSubmit={submit} noValidate className="claim-form">
      <label htmlFor={id}>Claim file for epoch {String(epoch)}</label>
      <textarea
        id={id}
        rows={4}
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        placeholder='{ "epoch": 0, "account": "0x…", "amount": "…", "proof": ["0x…"] }'
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      <input
        type="file"
        accept="application/json,.json"
        aria-label={`Open a JSON file with your epoch ${epoch} leaf`}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (file) setText(await file.text());
        }}
      />
      <div id={`${id}-hint`} className={error ? "field-error" : "field-hint"}>
        {error ??
          "Your leaf of the epoch's list (its account, amount in wei and Merkle proof), as the epoch's publisher gives it, or the whole tree."}
      </div>
      <button type="submit" disabled={busy}>
        Claim epoch {String(epoch)}
      </button>
    </form>
  );
}
