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

const day = (x: number) => new Date(x * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "short" });

/**
 * A series over time (x: unix seconds): a filled line, its time range and value range written out. `step` draws a running total as steps (it changes at events and holds in between).
 */
export function LineChart({
  title,
  points,
  format = String,
  height = 120,
  step = false,
}: {
  title: string;
  points: Point[];
  format?: (v: number) => string;
  height?: number;
  step?: boolean;
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
  const [y0, y1] = [Math.min(0, ...ys), Math.max(0, ...ys)];
  const pad = 6;
  const sx = (x: number) => (x1 === x0 ? width / 2 : pad + ((x - x0) / (x1 - x0)) * (width - 2 * pad));
  const sy = (y: number) => (y1 === y0 ? height - pad : height - pad - ((y - y0) / (y1 - y0)) * (height - 2 * pad));
  const path: string[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (i === 0) path.push(`M${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`);
    else if (step && prev) path.push(`H${sx(p.x).toFixed(1)} V${sy(p.y).toFixed(1)}`);
    else path.push(`L${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`);
  });
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const area = `${path.join(" ")} V${sy(y0).toFixed(1)} H${sx(first.x).toFixed(1)} Z`;
  return (
    <figure className="chart line" aria-label={title}>
      <figcaption>
        {title}: <strong>{format(last.y)}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={title}>
        <path d={area} fill="currentColor" fillOpacity="0.12" stroke="none" />
        <path d={path.join(" ")} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="chart-axis muted" aria-hidden="true">
        <span>{day(first.x)}</span>
        <span>
          {format(y0)} – {format(y1)}
        </span>
        <span>{day(last.x)}</span>
      </div>
    </figure>
  );
}
