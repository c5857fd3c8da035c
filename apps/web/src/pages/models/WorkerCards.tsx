// The model's value chain at work, from the worker (/api/worker): the contributions made to it and its training and
// evaluation jobs with their results. Contributing and submitting jobs are signed actions (`aidao contribute`,
// `aidao jobs submit`); this shows where they stand.
import { useServer } from "../../lib/api.ts";
import { formatTime } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { Card } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";

export type ContributionRow = {
  id: number;
  contributor: string;
  role: string;
  kind: string;
  label: string | null;
  licence: string;
  status: string;
  artifact: string;
};

export type JobRow = {
  id: number;
  kind: string;
  submitter: string;
  state: string;
  attempts: number;
  metrics: Record<string, number> | null;
  error: string | null;
  queuedAt: number;
  finishedAt: number | null;
};

const STATE_BADGE: Record<string, string> = { succeeded: "ok", failed: "bad", cancelled: "bad", running: "live" };

/** Contributions per contributor and status (a model may have hundreds of photos: one row per contributor). */
export function summarizeContributions(rows: ContributionRow[]) {
  const by = new Map<string, { contributor: string; role: string; kinds: Set<string>; counts: Map<string, number> }>();
  for (const r of rows) {
    const key = `${r.contributor.toLowerCase()}|${r.role}`;
    const entry = by.get(key) ?? { contributor: r.contributor, role: r.role, kinds: new Set(), counts: new Map() };
    entry.kinds.add(r.kind);
    entry.counts.set(r.status, (entry.counts.get(r.status) ?? 0) + 1);
    by.set(key, entry);
  }
  return [...by.values()].map((e) => ({
    contributor: e.contributor,
    role: e.role,
    kinds: [...e.kinds].sort().join(", "),
    accepted: e.counts.get("accepted") ?? 0,
    submitted: e.counts.get("submitted") ?? 0,
    rejected: e.counts.get("rejected") ?? 0,
  }));
}

/** A job's metrics for people ("accuracy 0.95 · n_test 37"). */
export function metricsText(metrics: Record<string, number> | null): string {
  if (!metrics) return "";
  return Object.entries(metrics)
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(" · ");
}

export function ContributionsTable({ rows }: { rows: ContributionRow[] }) {
  if (rows.length === 0)
    return <Empty>No contributions yet. Contributors submit data and artifacts with `aidao contribute`.</Empty>;
  return (
    <div className="table-wrap">
      <table aria-label="Contributions to this model">
        <thead>
          <tr>
            <th>Contributor</th>
            <th>Role</th>
            <th>Kind</th>
            <th>Accepted</th>
            <th>Waiting for governance</th>
            <th>Rejected</th>
          </tr>
        </thead>
        <tbody>
          {summarizeContributions(rows).map((r) => (
            <tr key={`${r.contributor}-${r.role}`}>
              <td>
                <Address address={r.contributor} />
              </td>
              <td>{r.role}</td>
              <td>{r.kinds}</td>
              <td>{r.accepted}</td>
              <td>{r.submitted}</td>
              <td>{r.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function JobsTable({ rows }: { rows: JobRow[] }) {
  if (rows.length === 0) return <Empty>No jobs yet. A staker submits one with `aidao jobs submit`.</Empty>;
  return (
    <div className="table-wrap">
      <table aria-label="Training and evaluation jobs">
        <thead>
          <tr>
            <th>Job</th>
            <th>Kind</th>
            <th>Submitter</th>
            <th>State</th>
            <th>Result</th>
            <th>Queued</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((j) => (
            <tr key={j.id}>
              <td>#{j.id}</td>
              <td>
                <code>{j.kind}</code>
              </td>
              <td>
                <Address address={j.submitter} />
              </td>
              <td>
                <span className={`badge ${STATE_BADGE[j.state] ?? ""}`}>{j.state}</span>
                {j.attempts > 1 ? <span className="muted"> (attempt {j.attempts})</span> : null}
              </td>
              <td>{j.error ? <span className="error">{j.error}</span> : metricsText(j.metrics)}</td>
              <td>{formatTime(Math.floor(j.queuedAt / 1000))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The model's contributions and jobs, read from the worker. */
export function WorkerCards({ modelId }: { modelId: string }) {
  const contributions = useServer<{ contributions: ContributionRow[] }>(`/api/worker/contributions?model=${modelId}`);
  const jobs = useServer<{ jobs: JobRow[] }>(`/api/worker/jobs?model=${modelId}`);
  return (
    <>
      <Card title="Contributions">
        {contributions.error ? (
          <ErrorNote error={contributions.error} />
        ) : contributions.data ? (
          <ContributionsTable rows={contributions.data.contributions} />
        ) : (
          <Loading what="Reading the contributions" />
        )}
      </Card>
      <Card title="Training jobs">
        {jobs.error ? (
          <ErrorNote error={jobs.error} />
        ) : jobs.data ? (
          <JobsTable rows={jobs.data.jobs} />
        ) : (
          <Loading what="Reading the jobs" />
        )}
      </Card>
    </>
  );
}
