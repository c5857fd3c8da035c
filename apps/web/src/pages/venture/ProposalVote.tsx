import { castVote, type Support } from "@aidao/sdk";
import type { Address } from "viem";
import { formatAmount, formatTime, relative } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Address as AddressLabel } from "../../ui/Address.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { CombinedResult } from "./CombinedResult.tsx";
import { type IndexedProposal, useProposalResult, useVentureContracts } from "./useVenture.ts";

const CHOICES: Array<{ support: Support; label: string }> = [
  { support: 1, label: "For" },
  { support: 0, label: "Against" },
  { support: 2, label: "Abstain" },
];

/** One investment proposal of the VentureGovernor: its 60/40 result and the connected account's ballot. */
export function ProposalVote({
  proposal,
  me,
  now,
}: {
  proposal: IndexedProposal;
  me: Address | undefined;
  now: number;
}) {
  const id = BigInt(proposal.proposalId);
  const result = useProposalResult(id, me);
  const signer = useSigner();
  const tx = useTx();
  const { governor } = useVentureContracts();
  const short = `${proposal.proposalId.slice(0, 8)}…`;
  const r = result.data;
  const vote = (support: Support, label: string) => {
    if (!signer) return;
    void tx.run(`Vote ${label}`, () => castVote(signer, { governor, proposalId: id, support }));
  };
  const weight = r && (r.myInvestorVotes ?? 0n) + (r.myHolderVotes ?? 0n);
  return (
    <article className="card venture-proposal" aria-label={`Venture proposal ${short}`}>
      <header>
        <h3>{proposal.description}</h3>
        <p className="muted">
          Proposal {short} by <AddressLabel address={proposal.proposer} />
          {r ? (
            <>
              {" "}
              · <span className={`badge ${r.state === "Active" ? "live" : ""}`}>{r.state}</span> · voting{" "}
              {r.state === "Pending" ? `opens ${relative(r.snapshot, now)}` : `ends ${formatTime(r.deadline)}`}
            </>
          ) : null}
        </p>
      </header>
      {result.isLoading ? <Loading what="Reading the 60/40 result" /> : null}
      {result.error ? <ErrorNote error={result.error} /> : null}
      {r ? <CombinedResult combined={r.combined} /> : null}
      {r && r.state === "Active" ? (
        <div>
          {!me ? (
            <p className="muted">Connect a wallet to vote.</p>
          ) : r.hasVoted ? (
            <p>You have voted on this proposal.</p>
          ) : (
            <>
              <p className="muted">
                Your votes at the snapshot: {formatAmount(r.myInvestorVotes ?? 0n)} as an investor (receipt value),{" "}
                {formatAmount(r.myHolderVotes ?? 0n)} as a staker.
                {weight === 0n ? " With no votes on either side your ballot adds nothing." : ""}
              </p>
              <fieldset className="row venture-ballot" disabled={tx.busy || !signer}>
                <legend className="sr-only">Your vote on proposal {short}</legend>
                {CHOICES.map((c) => (
                  <button
                    key={c.support}
                    type="button"
                    className={c.support === 1 ? "" : "secondary"}
                    onClick={() => vote(c.support, c.label)}
                  >
                    Vote {c.label}
                  </button>
                ))}
              </fieldset>
            </>
          )}
        </div>
      ) : null}
      <TxStatus state={tx.state} />
    </article>
  );
}
