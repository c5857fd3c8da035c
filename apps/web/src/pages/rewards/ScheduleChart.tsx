import { formatAmount, formatTime } from "../../lib/format.ts";
import type { SchedulePoint } from "./schedule.ts";

export type Marker = { t: number; label: string };

/**
 * What has vested over time, with today and the key dates marked. The figures are written out too, so nothing is
 * only visual.
 */
export function ScheduleChart({
  title,
  points,
  total,
  now,
  vestedNow,
  released,
  markers = [],
}: {
  title: string;
  points: SchedulePoint[];
  total: bigint;
  now: number;
  vestedNow: bigint;
  released: bigint;
  markers?: Marker[];
}) {
  const [w, h] = [600, 140];
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || total === 0n) {
    return <p className="muted">{title}: nothing to vest.</p>;
  }
  const span = last.t - first.t || 1;
  const x = (t: number) => 4 + ((Math.min(Math.max(t, first.t), last.t) - first.t) / span) * (w - 8);
  const y = (v: bigint) => h - 18 - (Number((v * 10_000n) / total) / 10_000) * (h - 26);
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.vested).toFixed(1)}`).join(" ");
  const summary = `${formatAmount(vestedNow)} of ${formatAmount(total)} AIDAO vested, ${formatAmount(released)} released, ${formatAmount(vestedNow - released)} claimable now`;
  return (
    <figure className="chart schedule" aria-label={`${title}: ${summary}`}>
      <figcaption>
        {title}: <strong>{summary}</strong>
      </figcaption>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${title}: vesting from ${formatTime(first.t)} to ${formatTime(last.t)}`}
      >
        <path d={d} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
        <line
          className="released"
          x1={4}
          x2={w - 4}
          y1={y(released)}
          y2={y(released)}
          strokeDasharray="4 4"
          vectorEffect="non-scaling-stroke"
        />
        {now >= first.t && now <= last.t ? (
          <line className="now" x1={x(now)} x2={x(now)} y1={4} y2={h - 18} vectorEffect="non-scaling-stroke" />
        ) : null}
        {markers.map((m) => (
          <line
            key={m.label}
            className="marker"
            x1={x(m.t)}
            x2={x(m.t)}
            y1={h - 18}
            y2={h - 10}
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </svg>
      <p className="muted schedule-dates">
        <span className="legend-line">vested</span> <span className="legend-released">released</span>{" "}
        <span className="legend-now">now ({formatTime(now)})</span> ·{" "}
        {markers.map((m) => `${m.label}: ${formatTime(m.t)}`).join(" · ")}
      </p>
    </figure>
  );
}
