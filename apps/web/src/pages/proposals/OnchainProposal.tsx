import { castVote, execute, queue, type Support } from "@aidao/sdk";
import { getAddress, type Hex } from "viem";
import { useContracts } from "../../config.ts";
import { formatAmount } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Address } from "../../ui/Address.tsx";
import { Card, PageHead, Stat } from "../../ui/Card.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { bodyOf, describeCall, titleOf } from "./model.ts";
import { OnchainResults, OnchainTimeline } from "./OnchainResults.tsx";
import { StateBadge } from "./ProposalList.tsx";
import { useOnchainProposal } from "./useOnchainProposal.ts";

const SUPPORT: Array<[string, Support]> = [
  ["For", 1],
  ["Against", 0],
  ["Abstain", 2],
];

/** A proposal to the main DAO's governor: tally, quorum, vote, queue, execute. */
export function OnchainProposal({ id }: { id: bigint }) {
  const c = useContracts();
  const governor = c.AIDAOGovernor.address;
  const contracts = { treasury: c.Treasury.address, timelock: c.TimelockController.address };
  const { data, error, missing } = useOnchainProposal(id);
  const signer = useSigner();
  const tx = useTx();
  if (missing) return <ErrorNote error={`The main DAO's governor has no proposal ${id}.`} />;
  if (!data) return error ? <ErrorNote error={error} /> : <Loading what="Loading the proposal" />;
  const p = data.indexed;
  const calls = p
    ? {
        targets: p.calls.map((x) => getAddress(x.target)),
        values: p.calls.map((x) => BigInt(x.value)),
        calldatas: p.calls.map((x) => x.calldata as Hex),
        description: p.description,
      }
    : undefined;
  const vote = (label: string, support: Support) =>
    signer && tx.run(`Vote ${label}`, () => castVote(signer, { governor, proposalId: id, support }));
  const canExecute = data.state === "Queued" && data.eta <= data.now;

  return (
    <>
      <PageHead title={p ? titleOf(p.description) : `Proposal ${id}`}>On-chain proposal to the main DAO</PageHead>
      <Card title="Status" actions={<StateBadge state={data.state} />}>
        <div className="stats">
          <Stat label="State" value={data.state} />
          <Stat
            label="Your voting power"
            value={data.myPower === undefined ? "—" : `${formatAmount(data.myPower)} AIDAO`}
            hint="at the snapshot"
          />
          <Stat label="Timelock delay" value={data.delay === undefined ? "—" : `${Math.round(data.delay / 3600)} h`} />
        </div>
        <OnchainTimeline
          state={data.state}
          snapshot={data.snapshot}
          deadline={data.deadline}
          eta={data.eta}
          now={data.now}
          delay={data.delay}
        />
      </Card>
      <Card title="Results">
        <OnchainResults votes={data.votes} quorum={data.quorum} />
      </Card>
      <Card title="Act">
        {!signer ? <p className="muted">Connect a wallet to vote or move the proposal on.</p> : null}
        {data.state === "Active" ? (
          data.hasVoted ? (
            <p>You have voted on this proposal.</p>
          ) : (
            <fieldset className="vote-buttons">
              <legend className="sr-only">Your vote</legend>
              {SUPPORT.map(([label, s]) => (
                <button key={label} type="button" disabled={!signer || tx.busy} onClick={() => vote(label, s)}>
                  Vote {label}
                </button>
              ))}
            </fieldset>
          )
        ) : null}
        {data.state === "Pending" ? <p className="muted">Voting has not opened yet.</p> : null}
        {data.state === "Succeeded" ? (
          <button
            type="button"
            disabled={!signer || !calls || tx.busy}
            onClick={() => signer && calls && tx.run("Queue", () => queue(signer, { governor, ...calls }))}
          >
            Queue in the timelock
          </button>
        ) : null}
        {data.state === "Queued" ? (
          <button
            type="button"
            disabled={!signer || !calls || tx.busy || !canExecute}
            onClick={() => signer && calls && tx.run("Execute", () => execute(signer, { governor, ...calls }))}
          >
            Execute
          </button>
        ) : null}
        {data.state === "Queued" && !canExecute ? <p className="muted">The timelock has not released it yet.</p> : null}
        {data.state === "Executed" ? <p>Executed: its calls ran through the timelock.</p> : null}
        {!calls && (data.state === "Succeeded" || data.state === "Queued") ? (
          <p className="muted">Waiting for the indexer to read this proposal's calls…</p>
        ) : null}
        <TxStatus state={tx.state} />
      </Card>
      {p ? (
        <Card title="Details">
          {bodyOf(p.description) ? <p className="proposal-body">{bodyOf(p.description)}</p> : null}
          <p>
            Proposed by <Address address={p.proposer} /> in block {p.blockNumber}.
          </p>
          <h3>What it does (through the timelock)</h3>
          <ol>
            {p.calls.map((call) => (
              <li key={`${call.target}-${call.calldata}-${call.value}`}>
                {describeCall(call, contracts, (wei) => `${formatAmount(wei)} AIDAO`)}
                {BigInt(call.value) > 0n ? ` with ${formatAmount(BigInt(call.value))} ETH` : ""}
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </>
  );
}
