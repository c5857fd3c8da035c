/** Small dependency-free SVG charts: the data is printed too, so nothing is only visual. */

export type Bar = { label: string; value: number; note?: string };

/** Horizontal bars, each labelled with its value (results, splits, shares). */
export function BarChart({
  title,
  bars,
  format = String,
}: {
  title: string;
  bars: Bar[];
  format?: (v: number) => string;
}) {
  const max = Math.max(0, ...bars.map((b) => b.value)) || 1;
  return (
    <figure className="chart bars" aria-label={title}>
      <figcaption>{title}</figcaption>
      {bars.map((b) => (
        <div className="bar-row" key={b.label}>
          <span className="bar-label">{b.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(100 * Math.max(0, b.value)) / max}%` }} />
          </span>
          <span className="bar-value">
            {format(b.value)}
            {b.note ? <span className="muted"> {b.note}</span> : null}
          </span>
        </div>
      ))}
    </figure>
  );
}

export type Point = { x: number; y: number };

/** A line over time (x: unix seconds), with its first and last values written out. */
export function LineChart({
  title,
  points,
  format = String,
  height = 120,
}: {
  title: string;
  points: Point[];
  format?: (v: number) => string;
  height?: number;
}) {
  const width = 600;
  if (points.length === 0) {
    return (
      <figure className="chart line" aria-label={title}>
        <figcaption>{title}</figcaption>
        <p className="muted">No data yet.</p>
      </figure>
    );
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? width / 2 : ((x - x0) / (x1 - x0)) * (width - 8) + 4);
  const sy = (y: number) => (y1 === y0 ? height / 2 : height - 4 - ((y - y0) / (y1 - y0)) * (height - 8));
  const d = points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
  const last = points[points.length - 1] as Point;
  return (
    <figure className="chart line" aria-label={title}>
      <figcaption>
        {title}: <strong>{format(last.y)}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={title}>
        <path d={d} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      </svg>
    </figure>
  );
}
