import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatAmount, formatBps, formatDuration } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { Card, Stat } from "../../ui/Card.tsx";
import { Empty, Loading } from "../../ui/States.tsx";
import type { ModelRow } from "./useDao.ts";

export const ROLES = ["Data", "Model", "Code", "Ops", "Other"] as const;

export function TokenCard({
  token,
  name,
  symbol,
  decimals,
  totalSupply,
  holders,
  loading,
}: {
  token: string;
  name?: string | undefined;
  symbol?: string | undefined;
  decimals?: number | undefined;
  totalSupply?: bigint | undefined;
  holders: Array<{ account: string; balance: bigint }>;
  loading: boolean;
}) {
  if (/^0x0{40}$/i.test(token))
    return (
      <Card title="Token">
        <Empty>This DAO has no token.</Empty>
      </Card>
    );
  const dec = decimals ?? 0;
  return (
    <Card title="Token">
      <div className="stats">
        <Stat label="Name" value={name ?? "…"} hint={<Address address={token} />} />
        <Stat label="Symbol" value={symbol ?? "…"} />
        <Stat label="Supply" value={totalSupply === undefined ? "…" : formatAmount(totalSupply, dec)} />
      </div>
      {loading ? (
        <Loading what="Loading the holders" />
      ) : holders.length === 0 ? (
        <Empty>No holder is known to the indexer yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Holders">
            <thead>
              <tr>
                <th scope="col">Holder</th>
                <th scope="col">Balance</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {holders.map((h) => (
                <tr key={h.account}>
                  <td>
                    <Address address={h.account} />
                  </td>
                  <td>
                    {formatAmount(h.balance, dec)} {symbol}
                  </td>
                  <td>{totalSupply ? formatBps((h.balance * 10_000n) / totalSupply) : "…"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function TreasuryCard({
  treasury,
  rows,
  loading,
}: {
  treasury: string;
  rows: Array<{ token: string; symbol: string; decimals: number; balance: bigint }>;
  loading: boolean;
}) {
  return (
    <Card title="Treasury">
      <p className="muted">
        <Address address={treasury} />
      </p>
      {loading ? (
        <Loading what="Loading the balances" />
      ) : (
        <div className="stats">
          {rows.map((r) => (
            <Stat key={r.token} label={r.symbol} value={formatAmount(r.balance, r.decimals, 4)} />
          ))}
        </div>
      )}
    </Card>
  );
}

const span = (value: bigint | undefined, timestamps: boolean | undefined) =>
  value === undefined ? "…" : timestamps === false ? `${value} blocks` : formatDuration(Number(value)) || "none";

export function GovernanceCard({
  mode,
  governor,
  timelock,
  safe,
  settings,
  proposals,
}: {
  mode: string;
  governor: string;
  timelock: string;
  safe: string;
  settings: {
    votingDelay?: bigint | undefined;
    votingPeriod?: bigint | undefined;
    quorumPercent?: bigint | undefined;
    proposalThreshold?: bigint | undefined;
    timestamps?: boolean | undefined;
    timelockDelay?: bigint | undefined;
  };
  proposals: ReactNode;
}) {
  const zero = (a: string) => /^0x0{40}$/i.test(a);
  return (
    <Card title="Governance">
      <dl className="review">
        <dt>Mode</dt>
        <dd>{mode}</dd>
        {zero(governor) ? null : (
          <>
            <dt>Governor</dt>
            <dd>
              <Address address={governor} />
            </dd>
          </>
        )}
        {zero(timelock) ? null : (
          <>
            <dt>Timelock</dt>
            <dd>
              <Address address={timelock} /> — delay {span(settings.timelockDelay, true)}
            </dd>
          </>
        )}
        {zero(safe) ? null : (
          <>
            <dt>Safe</dt>
            <dd>
              <Address address={safe} />
            </dd>
          </>
        )}
      </dl>
      {zero(governor) ? null : (
        <div className="stats">
          <Stat label="Voting delay" value={span(settings.votingDelay, settings.timestamps)} />
          <Stat label="Voting period" value={span(settings.votingPeriod, settings.timestamps)} />
          <Stat label="Quorum" value={settings.quorumPercent === undefined ? "…" : `${settings.quorumPercent}%`} />
          <Stat
            label="Proposal threshold"
            value={settings.proposalThreshold === undefined ? "…" : formatAmount(settings.proposalThreshold)}
          />
        </div>
      )}
      {proposals}
    </Card>
  );
}

export type ProposalRow = {
  proposalId: string;
  description: string;
  status: string;
  votes: { for: string; against: string; abstain: string; voters: number };
};

export function ProposalsList({ proposals }: { proposals: ProposalRow[] }) {
  if (proposals.length === 0) return <Empty>The indexer lists no on-chain proposal of this DAO.</Empty>;
  return (
    <ul aria-label="Proposals">
      {proposals.map((p) => (
        <li key={p.proposalId}>
          <Link to={`/proposals/onchain/${p.proposalId}`}>{p.description.split("\n")[0] || "Untitled"}</Link>{" "}
          <span className={`badge ${p.status === "executed" ? "ok" : p.status === "active" ? "live" : ""}`}>
            {p.status}
          </span>{" "}
          <span className="muted">
            {formatAmount(BigInt(p.votes.for))} for, {formatAmount(BigInt(p.votes.against))} against · {p.votes.voters}{" "}
            voter{p.votes.voters === 1 ? "" : "s"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ModelsCard({ models, loading }: { models: ModelRow[]; loading: boolean }) {
  return (
    <Card title="Models and contributors">
      {loading ? (
        <Loading what="Loading the models" />
      ) : models.length === 0 ? (
        <Empty>This DAO owns no model in the ModelRegistry.</Empty>
      ) : (
        models.map((m) => (
          <div key={String(m.modelId)}>
            <h3>
              <Link to={`/models/${m.modelId}`}>{m.name}</Link>{" "}
              <span className="muted small">
                model {String(m.modelId)} · {String(m.versionCount)} version{m.versionCount === 1n ? "" : "s"}
              </span>
            </h3>
            {m.contributors.length === 0 ? (
              <p className="muted">No contributors are credited.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label={`Contributors of ${m.name}`}>
                  <thead>
                    <tr>
                      <th scope="col">Contributor</th>
                      <th scope="col">Role</th>
                      <th scope="col">Share</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.contributors.map((c) => (
                      <tr key={c.account}>
                        <td>
                          <Address address={c.account} />
                        </td>
                        <td>{ROLES[c.role] ?? `Role ${c.role}`}</td>
                        <td>{formatBps(c.shareBps)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ))
      )}
    </Card>
  );
}
