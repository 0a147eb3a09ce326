import type { PipelineFunnelRow, PipelineStage, StageDuration } from '@ideasphere/shared';
import { PIPELINE_STAGES } from '@ideasphere/shared/pipeline/pipelineModel.js';

/** One colour per stage, in order (distinct in hue and lightness, on white). */
export const STAGE_COLOURS: Record<PipelineStage, string> = {
  idea: '#94a3b8',
  concept: '#60a5fa',
  proposal: '#2563eb',
  review: '#7c3aed',
  agreement: '#d97706',
  incubation: '#059669',
  completed: '#065f46',
};

const WIDTH = 640;
const LABEL_W = 170;
const ROW_H = 30;
const BAR_H = 20;

/** Text that fits the label column (charts are drawn at a fixed width and scaled). */
function clip(text: string, max = 22): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

/** Items per stage as horizontal bars: the funnel. */
export function FunnelChart({ counts, label, title }: { counts: Record<PipelineStage, number>; label: (s: PipelineStage) => string; title: string }) {
  const max = Math.max(1, ...PIPELINE_STAGES.map((s) => counts[s]));
  const height = PIPELINE_STAGES.length * ROW_H + 8;
  return (
    <svg className="pipeline-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}: ${PIPELINE_STAGES.map((s) => `${label(s)} ${counts[s]}`).join(', ')}`} data-testid="pipeline-funnel">
      {PIPELINE_STAGES.map((stage, i) => {
        const w = ((WIDTH - LABEL_W - 50) * counts[stage]) / max;
        const y = 4 + i * ROW_H;
        return (
          <g key={stage}>
            <text x={LABEL_W - 8} y={y + BAR_H / 2 + 5} textAnchor="end" className="pipeline-chart-label">
              {clip(label(stage))}
            </text>
            <rect x={LABEL_W} y={y} width={Math.max(w, counts[stage] > 0 ? 2 : 0)} height={BAR_H} rx={3} fill={STAGE_COLOURS[stage]} />
            <text x={LABEL_W + w + 6} y={y + BAR_H / 2 + 5} className="pipeline-chart-value">
              {counts[stage]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One stacked bar per row (a field, an organisation), a segment per stage. */
export function StackedRows({ rows, label, title }: { rows: PipelineFunnelRow[]; label: (s: PipelineStage) => string; title: string }) {
  const totals = rows.map((r) => PIPELINE_STAGES.reduce((sum, s) => sum + r.counts[s], 0));
  const max = Math.max(1, ...totals);
  const height = rows.length * ROW_H + 8;
  return (
    <svg
      className="pipeline-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${title}: ${rows.map((r, i) => `${r.label} ${totals[i]} (${PIPELINE_STAGES.filter((s) => r.counts[s] > 0).map((s) => `${label(s)} ${r.counts[s]}`).join(', ')})`).join('; ')}`}
    >
      {rows.map((row, i) => {
        const y = 4 + i * ROW_H;
        let x = LABEL_W;
        return (
          <g key={row.key}>
            <text x={LABEL_W - 8} y={y + BAR_H / 2 + 5} textAnchor="end" className="pipeline-chart-label">
              {clip(row.label)}
            </text>
            {PIPELINE_STAGES.map((stage) => {
              const w = ((WIDTH - LABEL_W - 50) * row.counts[stage]) / max;
              const rect = w > 0 ? <rect key={stage} x={x} y={y} width={w} height={BAR_H} fill={STAGE_COLOURS[stage]} /> : null;
              x += w;
              return rect;
            })}
            <text x={x + 6} y={y + BAR_H / 2 + 5} className="pipeline-chart-value">
              {totals[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Median and mean days per stage, side by side. */
export function DurationChart({ durations, label, title, legend }: { durations: StageDuration[]; label: (s: PipelineStage) => string; title: string; legend: { median: string; mean: string; none: string; days: (d: number) => string } }) {
  const max = Math.max(1, ...durations.flatMap((d) => [d.medianDays ?? 0, d.meanDays ?? 0]));
  const rowH = 40;
  const height = durations.length * rowH + 8;
  const bar = (value: number | null) => ((WIDTH - LABEL_W - 70) * (value ?? 0)) / max;
  return (
    <svg
      className="pipeline-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${title}: ${durations.map((d) => (d.medianDays === null ? `${label(d.stage)} ${legend.none}` : `${label(d.stage)} ${legend.median} ${legend.days(d.medianDays)}, ${legend.mean} ${legend.days(d.meanDays ?? 0)}`)).join('; ')}`}
      data-testid="pipeline-durations"
    >
      {durations.map((d, i) => {
        const y = 4 + i * rowH;
        return (
          <g key={d.stage}>
            <text x={LABEL_W - 8} y={y + 20} textAnchor="end" className="pipeline-chart-label">
              {clip(label(d.stage))}
            </text>
            {d.medianDays === null ? (
              <text x={LABEL_W} y={y + 20} className="pipeline-chart-value pipeline-chart-none">
                {legend.none}
              </text>
            ) : (
              <>
                <rect x={LABEL_W} y={y + 2} width={Math.max(bar(d.medianDays), 2)} height={14} rx={2} fill={STAGE_COLOURS[d.stage]} />
                <text x={LABEL_W + bar(d.medianDays) + 6} y={y + 14} className="pipeline-chart-value">
                  {legend.median} {legend.days(d.medianDays)}
                </text>
                <rect x={LABEL_W} y={y + 19} width={Math.max(bar(d.meanDays), 2)} height={14} rx={2} fill={STAGE_COLOURS[d.stage]} opacity={0.45} />
                <text x={LABEL_W + bar(d.meanDays) + 6} y={y + 31} className="pipeline-chart-value">
                  {legend.mean} {legend.days(d.meanDays ?? 0)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The colour key of the stacked charts. */
export function StageLegend({ label }: { label: (s: PipelineStage) => string }) {
  return (
    <ul className="pipeline-legend">
      {PIPELINE_STAGES.map((stage) => (
        <li key={stage}>
          <span className="pipeline-legend-swatch" style={{ background: STAGE_COLOURS[stage] }} aria-hidden="true" />
          {label(stage)}
        </li>
      ))}
    </ul>
  );
}
