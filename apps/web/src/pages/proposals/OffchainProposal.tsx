import { hubVoteArrayTypes, hubVoteStringTypes, hubVoteTypes } from "@aidao/sdk";
import { useEffect, useState } from "react";
import { useAccount } from "wagmi";
import { useServer } from "../../lib/api.ts";
import { formatTime } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { Card, PageHead } from "../../ui/Card.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { BallotInput } from "./BallotInput.tsx";
import {
  type Ballot,
  describeChoice,
  emptyBallot,
  encodeBallot,
  type HubProposal,
  type HubResults,
  type HubVote,
} from "./model.ts";
import { OffchainResults, VoteTable } from "./OffchainResults.tsx";
import { StateBadge } from "./ProposalList.tsx";
import { MessageStatus, useHubMessage } from "./useHubMessage.tsx";
import { useHubPower } from "./useHubPower.ts";

const TYPES = { uint32: hubVoteTypes, "uint32[]": hubVoteArrayTypes, string: hubVoteStringTypes } as const;

/** A hub proposal: its results as a chart, its votes, and a ballot for its voting type. */
export function OffchainProposal({ id }: { id: string }) {
  const base = `/api/hub/proposals/${encodeURIComponent(id)}`;
  const proposal = useServer<HubProposal>(base);
  const results = useServer<HubResults>(`${base}/results`);
  const votes = useServer<{ votes: HubVote[] }>(`${base}/votes?limit=1000`);
  const { address } = useAccount();
  const signer = useSigner();
  const msg = useHubMessage();
  const [ballot, setBallot] = useState<Ballot | null>(null);
  const [ballotError, setBallotError] = useState<string | null>(null);
  const p = proposal.data;
  const power = useHubPower(p?.space ?? "aidao", p?.snapshot ?? 0);
  useEffect(() => {
    if (p && !ballot) setBallot(emptyBallot(p.type, p.choices.length));
  }, [p, ballot]);

  if (proposal.error) return <ErrorNote error={proposal.error} />;
  if (!p) return <Loading what="Loading the proposal" />;
  const mine = votes.data?.votes.find((v) => v.voter.toLowerCase() === address?.toLowerCase());

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!ballot || !p || !signer) return;
    const encoded = encodeBallot(ballot);
    if (!encoded.ok) return setBallotError(encoded.error);
    setBallotError(null);
    await msg.send("Off-chain vote", signer, TYPES[encoded.shape], {
      space: p.space,
      proposal: p.id,
      choice: encoded.choice,
      reason: "",
      app: "aidao-web",
      metadata: "{}",
    });
  }

  return (
    <>
      <PageHead title={p.title}>Off-chain proposal in space {p.space}, signed and counted by the hub</PageHead>
      <Card title="Status" actions={<StateBadge state={p.state.charAt(0).toUpperCase() + p.state.slice(1)} />}>
        <ul className="timeline">
          <li>Voting type: {p.type}</li>
          <li>
            Voting from {formatTime(p.start)} to {formatTime(p.end)}
          </li>
          <li>Voting power: staked AIDAO at block {p.snapshot} (the hub's strategies)</li>
          <li>
            Proposed by <Address address={p.author} />
          </li>
        </ul>
        {p.body ? <p className="proposal-body">{p.body}</p> : null}
      </Card>
      <Card title="Results">
        {results.data ? (
          <OffchainResults results={results.data} />
        ) : results.error ? (
          <ErrorNote error={results.error} />
        ) : (
          <Loading what="Loading the results" />
        )}
      </Card>
      <Card title="Your vote">
        {mine ? (
          <p>
            You voted <strong>{describeChoice(p.type, mine.choice, p.choices)}</strong> with{" "}
            {mine.vp.toLocaleString("en-US", { maximumFractionDigits: 2 })} power. A new vote replaces it.
          </p>
        ) : null}
        {!mine && address ? (
          <p>
            Your voting power:{" "}
            <strong>{power === undefined ? "…" : power.toLocaleString("en-US", { maximumFractionDigits: 2 })}</strong>{" "}
            (staked AIDAO at block {p.snapshot}){power === 0 ? ": you cannot vote on this proposal" : ""}
          </p>
        ) : null}
        {p.state === "active" && ballot ? (
          <form className="ballot" onSubmit={submit} noValidate aria-label="Ballot">
            <BallotInput ballot={ballot} choices={p.choices} onChange={setBallot} />
            {ballotError ? (
              <p className="field-error" role="alert">
                {ballotError}
              </p>
            ) : null}
            <button type="submit" disabled={!signer || msg.busy}>
              Sign and vote
            </button>
            {!signer ? <p className="muted">Connect a wallet to vote.</p> : null}
          </form>
        ) : (
          <p className="muted">Voting is {p.state === "pending" ? "not open yet" : "over"}.</p>
        )}
        <MessageStatus state={msg.state} />
      </Card>
      <Card title="Votes">
        {votes.data ? (
          <VoteTable votes={votes.data.votes} type={p.type} choices={p.choices} />
        ) : (
          <Loading what="Loading the votes" />
        )}
      </Card>
    </>
  );
}
