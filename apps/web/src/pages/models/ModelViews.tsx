import { Link } from "react-router";
import { formatAmount, formatBps, formatTime } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { Empty } from "../../ui/States.tsx";
import { roleName, STAGES, stageName, type TimelineEntry } from "./modelData.ts";
import type { ContributorInfo, EndpointInfo, ModelSummary, TokenInfo, VersionInfo } from "./useModels.ts";

const STAGE_BADGE: Record<string, string> = { Production: "badge ok", Staging: "badge live", Deprecated: "badge bad" };

/** A stage as a badge (Production green, Staging blue, Deprecated red). */
export function StageBadge({ stage }: { stage: number }) {
  const name = stageName(stage);
  return <span className={STAGE_BADGE[name] ?? "badge"}>{name}</span>;
}

/** The registry: each model with its owner DAO and the version in production. */
export function ModelTable({
  models,
  daoNames = new Map(),
}: {
  models: ModelSummary[];
  daoNames?: Map<string, string | null>;
}) {
  if (models.length === 0)
    return <Empty>No model is registered yet. A DAO registers one with `aidao model register`.</Empty>;
  return (
    <div className="table-wrap">
      <table className="wide">
        <caption className="sr-only">Registered models</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Owner DAO</th>
            <th scope="col">Versions</th>
            <th scope="col">In production</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id.toString()}>
              <td>
                <Link to={`/models/${m.id}`}>
                  {m.name} <span className="muted">#{m.id.toString()}</span>
                </Link>
              </td>
              <td>
                <Link to={`/daos/${m.daoId}`}>{daoNames.get(m.daoId.toString()) ?? `DAO ${m.daoId}`}</Link>
              </td>
              <td>{m.versionCount.toString()}</td>
              <td>{m.productionVersion > 0n ? `v${m.productionVersion}` : <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The versions of a model with their artifact and current stage. */
export function VersionTable({ versions }: { versions: VersionInfo[] }) {
  if (versions.length === 0) return <Empty>No version yet.</Empty>;
  return (
    <div className="table-wrap">
      <table className="wide">
        <caption className="sr-only">Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Artifact</th>
            <th scope="col">Framework</th>
            <th scope="col">License</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.versionId.toString()}>
              <td>v{v.versionId.toString()}</td>
              <td>
                <StageBadge stage={v.stage} />
              </td>
              <td>
                <code className="wrap" title={v.contentHash}>
                  {v.uri}
                </code>
              </td>
              <td>{v.framework || <span className="muted">—</span>}</td>
              <td>{v.license || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The stages a version goes through, in order, with where each version stands. */
export function StagePath({ versions }: { versions: VersionInfo[] }) {
  return (
    <ol className="stage-path" aria-label="Lifecycle stages">
      {STAGES.map((name, i) => {
        const here = versions.filter((v) => v.stage === i).map((v) => `v${v.versionId}`);
        return (
          <li key={name} className={here.length ? "reached" : undefined}>
            <span>{name}</span>
            {here.length ? <span className="muted"> {here.join(", ")}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The model's history, oldest first, with the time of each step. */
export function LifecycleTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Empty>No event indexed for this model yet.</Empty>;
  return (
    <ol className="timeline" aria-label="Lifecycle timeline">
      {entries.map((e) => (
        <li key={e.id}>
          <strong>{e.title}</strong>
          <div className="muted">
            {e.time !== null ? formatTime(e.time) : "time unknown"} · block {e.block}
            {e.detail ? ` · ${e.detail}` : ""}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The model's service endpoints: where, per what, at what price, in which token, and whether they serve. */
export function EndpointTable({
  endpoints,
  tokens,
  served,
}: {
  endpoints: EndpointInfo[];
  tokens: Map<string, TokenInfo>;
  served: Set<string>;
}) {
  if (endpoints.length === 0)
    return <Empty>No endpoint: the DAO opens one by a vote once a version is in Staging or Production.</Empty>;
  return (
    <div className="table-wrap">
      <table className="wide">
        <caption className="sr-only">Endpoints</caption>
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Version</th>
            <th scope="col">URL</th>
            <th scope="col">Unit price</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => {
            const t = tokens.get(e.paymentToken.toLowerCase());
            return (
              <tr key={e.endpointId.toString()}>
                <td>#{e.endpointId.toString()}</td>
                <td>v{e.versionId.toString()}</td>
                <td>
                  <code className="wrap">{e.url}</code>
                </td>
                <td>
                  {t ? `${formatAmount(e.unitPrice, t.decimals, 6)} ${t.symbol}` : e.unitPrice.toString()} per {e.unit}
                  <div className="muted">
                    token <Address address={e.paymentToken} />
                  </div>
                </td>
                <td>
                  <span className={e.active ? "badge ok" : "badge"}>{e.active ? "active" : "inactive"}</span>{" "}
                  {served.has(e.endpointId.toString()) ? (
                    <span className="badge live">served by the gateway</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Who contributed what, and their share of each payment. */
export function ContributorTable({ contributors }: { contributors: ContributorInfo[] }) {
  if (contributors.length === 0) return <Empty>No contributor: all revenue goes to the DAO's treasury.</Empty>;
  const total = contributors.reduce((sum, c) => sum + c.shareBps, 0);
  return (
    <div className="table-wrap">
      <table className="wide">
        <caption className="sr-only">Contributors</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Role</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {contributors.map((c) => (
            <tr key={c.account}>
              <td>
                <Address address={c.account} />
              </td>
              <td>{roleName(c.role)}</td>
              <td>{formatBps(c.shareBps)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>The DAO's treasury</td>
            <td>{formatBps(10_000 - total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
