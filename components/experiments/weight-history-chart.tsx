'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResultsJson } from '@/lib/experiments/results';
import { percent, VARIANT_COLOURS } from './format';

const timeLabel = (iso: string) => iso.slice(5, 16).replace('T', ' ');

/** A bandit's traffic split after each reallocation, as steps: weights hold until the next change. */
export function WeightHistoryChart({ history, variants }: { history: ExperimentResultsJson['weight_history']; variants: string[] }) {
  const data = history.map((change) => ({ at: change.at, reason: change.reason, ...change.weights }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" vertical={false} />
        <XAxis dataKey="at" tickFormatter={timeLabel} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} minTickGap={32} />
        <YAxis domain={[0, 1]} tickFormatter={(value: number) => percent(value, 0)} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={48} />
        <Tooltip labelFormatter={(label) => timeLabel(String(label))} formatter={(value) => (typeof value === 'number' ? percent(value, 1) : String(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {variants.map((variant, index) => (
          <Line key={variant} type="stepAfter" dataKey={variant} stroke={VARIANT_COLOURS[index % VARIANT_COLOURS.length]} strokeWidth={2} dot={data.length < 12} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
