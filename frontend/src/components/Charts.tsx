/** Small charts drawn in plain SVG (no chart library: they load only with the reports screen). */
import type { ReactNode } from "react";
import { wrapLabel, type Bar, type LadderRow } from "../lib/charts";
import { useWidth } from "./useWidth";

/** Pixels of the text (12 px): a line's height and a character's width on average. */
const LINE = 15;
const CHAR = 6.6;
const BAR = 16;
/** Room for the value written at a bar's end. */
const VALUE = 56;
/** Below this width a label stands above its bar, on the whole width; above it, beside the bar. */
const STACKED_BELOW = 520;

interface Row {
  key: string;
  label: string;
  /** The whole label, as a tooltip, when its lines cut it. */
  title?: string;
  /** The row's value, kept on its group (`data-value`) for who reads the chart's figures. */
  value?: number;
}

/**
 * The frame both charts share: each row's label in lines that fit (beside the bar on a wide
 * screen, above it on a narrow one), and `bar` drawing the row's bar from `x` over `plot` pixels.
 */
function RowsChart<R extends Row>({
  rows,
  title,
  testId,
  maxWidth,
  labelShare,
  bar,
}: {
  rows: readonly R[];
  title: string;
  testId?: string;
  maxWidth: number;
  /** The labels' share of the width beside the bars. */
  labelShare: number;
  bar: (row: R, x: number, y: number, plot: number) => ReactNode;
}) {
  const { ref, width: measured } = useWidth(maxWidth);
  const width = Math.min(measured, maxWidth);
  const stacked = width < STACKED_BELOW;
  const labelWidth = stacked ? width : Math.round(width * labelShare);
  const chars = Math.max(8, Math.floor((labelWidth - 8) / CHAR));
  const x = stacked ? 0 : labelWidth;
  const plot = Math.max(40, width - x - VALUE);
  let y = 4;
  const laid = rows.map((r) => {
    const lines = wrapLabel(r.label, chars);
    const top = y;
    const height = stacked ? lines.length * LINE + BAR + 10 : Math.max(BAR + 10, lines.length * LINE + 6);
    y += height;
    return { r, lines, top, height };
  });
  return (
    <figure className="chart" data-testid={testId} ref={ref} style={{ maxWidth: `${maxWidth}px` }}>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${y + 4}`} width={width} height={y + 4}>
        <title>{title}</title>
        {laid.map(({ r, lines, top, height }) => {
          const barY = stacked ? top + lines.length * LINE + 2 : top + (height - BAR) / 2;
          const firstLine = stacked ? top + LINE - 3 : top + (height - lines.length * LINE) / 2 + LINE - 3;
          return (
            <g key={r.key} data-key={r.key} data-value={r.value}>
              <text x={stacked ? 0 : labelWidth - 8} y={firstLine} textAnchor={stacked ? "start" : "end"} className="chart-label">
                {r.title && <title>{r.title}</title>}
                {lines.map((line, i) => (
                  <tspan key={i} x={stacked ? 0 : labelWidth - 8} dy={i === 0 ? 0 : LINE}>
                    {line}
                  </tspan>
                ))}
              </text>
              {bar(r, x, barY, plot)}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * Horizontal bars, one a row, each labelled and with its value written at its end. `max` is the
 * value a full bar stands for (100 for shares). The chart takes its container's width (up to
 * `width`), so that its text keeps its size and its labels wrap instead of shrinking.
 */
export function BarChart({
  bars,
  max,
  format,
  title,
  testId,
  width = 640,
}: {
  bars: Bar[];
  max?: number;
  format: (v: number) => string;
  title: string;
  testId?: string;
  /** The widest the chart is drawn. */
  width?: number;
}) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  return (
    <RowsChart
      rows={bars.map((b) => ({ ...b, title: b.label }))}
      title={title}
      testId={testId}
      maxWidth={width}
      labelShare={0.38}
      bar={(b, x, y, plot) => {
        const w = Math.max(0, Math.min(1, b.value / top)) * plot;
        return (
          <>
            <rect x={x} y={y} width={plot} height={BAR} className="chart-track" />
            <rect x={x} y={y} width={w} height={BAR} className={b.tone ? `chart-bar chart-bar-${b.tone}` : "chart-bar"} />
            <text x={x + w + 6} y={y + BAR / 2 + 1} dominantBaseline="middle" className="chart-value">
              {format(b.value)}
            </text>
          </>
        );
      }}
    />
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
  return (
    <RowsChart
      rows={rows.map((r) => ({ ...r, key: r.kind, label: kindLabel(r.kind), value: undefined }))}
      title={title}
      maxWidth={640}
      labelShare={0.3}
      bar={(r, x0, y, plot) => {
        let x = x0;
        return (
          <>
            <rect x={x0} y={y} width={plot} height={BAR} className="chart-track" />
            {r.segments.map((s, j) => {
              const w = (s.value / top) * plot;
              const rect = (
                <rect key={s.stage || "all"} x={x} y={y} width={w} height={BAR} className={`chart-bar chart-stage-${j}`}>
                  <title>{`${s.stage ? stageLabel(r.kind, s.stage) : kindLabel(r.kind)}: ${format(s.value)}`}</title>
                </rect>
              );
              x += w;
              return rect;
            })}
            <text x={x + 6} y={y + BAR / 2 + 1} dominantBaseline="middle" className="chart-value">
              {format(r.total)}
            </text>
          </>
        );
      }}
    />
  );
}
