/** Small charts drawn in plain SVG (no chart library: they load only with the reports screen). */
import type { Bar, LadderRow } from "../model/charts";

const ROW = 26;
const LABEL = 190;
const WIDTH = 640;

/**
 * Horizontal bars, one a row, each labelled and with its value written at its end. `max` is the
 * value a full bar stands for (100 for shares).
 */
export function BarChart({
  bars,
  max,
  format,
  title,
  testId,
  labelWidth = LABEL,
  width = WIDTH,
}: {
  bars: Bar[];
  max?: number;
  format: (v: number) => string;
  title: string;
  testId?: string;
  /** Room for the labels, and the whole width, in the SVG's units (about pixels). */
  labelWidth?: number;
  width?: number;
}) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const lw = labelWidth;
  const plot = width - lw - 70;
  const height = bars.length * ROW + 8;
  return (
    <figure className="chart" data-testid={testId} style={{ maxWidth: `${width}px` }}>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          const w = Math.max(0, Math.min(1, b.value / top)) * plot;
          return (
            <g key={b.key} data-key={b.key} data-value={b.value}>
              <text x={lw - 8} y={y + ROW / 2 + 1} textAnchor="end" dominantBaseline="middle" className="chart-label">
                {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
              </text>
              <rect x={lw} y={y + 3} width={plot} height={ROW - 8} className="chart-track" />
              <rect x={lw} y={y + 3} width={w} height={ROW - 8} className="chart-bar" />
              <text x={lw + w + 6} y={y + ROW / 2 + 1} dominantBaseline="middle" className="chart-value">
                {format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Stacked bars: per kind of result, its results by stage (the ladder's colours, lowest first). */
export function LadderChart({
  rows,
  kindLabel,
  stageLabel,
  format,
  title,
}: {
  rows: LadderRow[];
  kindLabel: (kind: string) => string;
  stageLabel: (kind: string, stage: string) => string;
  format: (v: number) => string;
  title: string;
}) {
  const top = Math.max(1, ...rows.map((r) => r.total));
  const plot = WIDTH - LABEL - 70;
  const height = rows.length * ROW + 8;
  return (
    <figure className="chart" style={{ maxWidth: `${WIDTH}px` }}>
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {rows.map((r, i) => {
          const y = i * ROW + 4;
          let x = LABEL;
          return (
            <g key={r.kind} data-key={r.kind}>
              <text x={LABEL - 8} y={y + ROW / 2 + 1} textAnchor="end" dominantBaseline="middle" className="chart-label">
                {kindLabel(r.kind)}
              </text>
              <rect x={LABEL} y={y + 3} width={plot} height={ROW - 8} className="chart-track" />
              {r.segments.map((s, j) => {
                const w = (s.value / top) * plot;
                const rect = (
                  <rect key={s.stage || "all"} x={x} y={y + 3} width={w} height={ROW - 8} className={`chart-bar chart-stage-${j}`}>
                    <title>{`${s.stage ? stageLabel(r.kind, s.stage) : kindLabel(r.kind)}: ${format(s.value)}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + ROW / 2 + 1} dominantBaseline="middle" className="chart-value">
                {format(r.total)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
