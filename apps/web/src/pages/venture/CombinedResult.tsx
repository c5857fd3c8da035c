import { formatAmount } from "../../lib/format.ts";
import { BarChart } from "../../ui/Charts.tsx";
import type { Combined, Side } from "./combined.ts";

const pts = (v: number) => `${v.toFixed(2)} pts`;
const votes = (v: bigint) => formatAmount(v, 18, 2);

function SideResult({ side, unit }: { side: Side; unit: string }) {
  return (
    <section className="venture-side" aria-label={`${side.name} (${side.weight}%)`}>
      <h4>
        {side.name} <span className="muted">— {side.weight}% of the vote</span>
      </h4>
      <dl className="venture-tally">
        <dt>For</dt>
        <dd>{votes(side.for)}</dd>
        <dt>Against</dt>
        <dd>{votes(side.against)}</dd>
        <dt>Abstain</dt>
        <dd>{votes(side.abstain)}</dd>
        <dt>Yes share</dt>
        <dd>{side.forShare === null ? "no votes for or against" : `${side.forShare}% of its votes cast`}</dd>
        <dt>Quorum</dt>
        <dd>
          <span className={`badge ${side.quorumReached ? "ok" : "bad"}`}>
            {side.quorumReached ? "reached" : "not reached"}
          </span>{" "}
          {votes(side.for + side.abstain)} of {votes(side.quorum)} {unit}
        </dd>
      </dl>
      <BarChart
        title={`${side.name}: points toward the combined result`}
        bars={[
          { label: "For", value: side.forPoints },
          { label: "Against", value: side.againstPoints },
        ]}
        format={pts}
      />
    </section>
  );
}

/** Both electorates, each normalised to its own votes cast, and the combined 60/40 result (points of 100). */
export function CombinedResult({ combined }: { combined: Combined }) {
  const { investors, holders } = combined;
  return (
    <div className="venture-result">
      <div className="grid">
        <SideResult side={investors} unit="receipt value ($)" />
        <SideResult side={holders} unit="staked AIDAO" />
      </div>
      <BarChart
        title={`Combined result: ${investors.weight}% investors + ${holders.weight}% stakers`}
        bars={[
          {
            label: "For",
            value: combined.forPoints,
            note: `(${pts(investors.forPoints)} + ${pts(holders.forPoints)})`,
          },
          {
            label: "Against",
            value: combined.againstPoints,
            note: `(${pts(investors.againstPoints)} + ${pts(holders.againstPoints)})`,
          },
        ]}
        format={pts}
      />
      <p>
        Combined: <strong>{pts(combined.forPoints)} for</strong> / {pts(combined.againstPoints)} against —{" "}
        <span className={`badge ${combined.passing ? "ok" : "bad"}`}>
          {combined.passing ? "passing" : "not passing"}
        </span>
        <span className="muted"> (it passes with more for than against and both quorums reached)</span>
      </p>
    </div>
  );
}
