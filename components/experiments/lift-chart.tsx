'use client';

import { Bar, CartesianGrid, Cell, ComposedChart, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { interval, signedPercent, VERDICT_LABELS, type Verdict } from './format';

export interface LiftRow {
  variant: string;
  estimate: number;
  /** A null upper end is unbounded: drawn to the axis edge. */
  ci: [number, number | null];
  verdict: Verdict;
}

const VERDICT_FILL: Record<Verdict, string> = {
  better: '#12b76a',
  worse: '#f04438',
  inconclusive: '#a4bcfd',
  insufficient_sample: '#d0d5dd',
  insufficient_data: '#d0d5dd',
};

/** Round half-widths, so the ticks read ±50% or ±2%, not ±37.4%. Wider than ±1,000% is clipped: such an interval says nothing yet. */
const AXIS_BOUNDS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const WIDEST_BOUND = AXIS_BOUNDS.at(-1)!;
const axisBound = (reach: number) => AXIS_BOUNDS.find((bound) => bound >= reach * 1.05) ?? WIDEST_BOUND;

/** Relative lift against control: a bar spans the interval, the dot is the estimate, and a bar clear of 0 is a result. */
export function LiftChart({ rows }: { rows: LiftRow[] }) {
  const data = rows.map((row) => ({ ...row, range: [row.ci[0], row.ci[1] ?? WIDEST_BOUND] }));
  const bound = axisBound(Math.max(...data.flatMap((row) => row.range.map(Math.abs))));
  // Half of ±1% or ±5% is not a whole percent: without a decimal the ticks would read −1%, −1%, 0%, +1%, +1%.
  const tickDigits = Number.isInteger(Math.round(bound * 1000) / 20) ? 0 : 1;
  return (
    <ResponsiveContainer width="100%" height={Math.max(96, rows.length * 52 + 40)}>
      <ComposedChart layout="vertical" data={data} margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#eef0f3" horizontal={false} />
        <XAxis type="number" domain={[-bound, bound]} ticks={[-bound, -bound / 2, 0, bound / 2, bound]} allowDataOverflow tickFormatter={(value: number) => signedPercent(value, tickDigits)} tick={{ fontSize: 11, fill: '#667085' }} />
        <YAxis type="category" dataKey="variant" width={96} tick={{ fontSize: 12, fill: '#344054' }} tickLine={false} axisLine={false} />
        <Tooltip content={<LiftTooltip />} cursor={{ fill: 'rgba(79, 70, 229, 0.04)' }} />
        <ReferenceLine x={0} stroke="#667085" strokeDasharray="4 3" />
        <Bar dataKey="range" barSize={12} radius={6} isAnimationActive={false}>
          {data.map((row) => (
            <Cell key={row.variant} fill={VERDICT_FILL[row.verdict]} />
          ))}
        </Bar>
        <Scatter dataKey="estimate" fill="#101828" isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

function LiftTooltip({ active, payload }: { active?: boolean; payload?: { payload: LiftRow }[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="card" style={{ padding: '8px 10px', fontSize: 12 }}>
      <strong>{row.variant}</strong>: {signedPercent(row.estimate)} {interval(row.ci)}
      <div className="subtle">{VERDICT_LABELS[row.verdict]}</div>
    </div>
  );
}
