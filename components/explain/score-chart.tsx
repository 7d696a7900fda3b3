'use client';

import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreBreakdown } from '@/lib/recommend/explain';
import { featureLabel } from '@/lib/recommend/labels';

const SHOWN_FEATURES = 10;

/** The ranker's score as its parts: each feature's contribution, largest first, on top of the baseline. */
export function ScoreChart({ breakdown }: { breakdown: ScoreBreakdown }) {
  const data = breakdown.contributions.slice(0, SHOWN_FEATURES).map((part) => ({ ...featureLabel(part.feature), feature: part.feature, contribution: round(part.contribution), value: round(part.value) }));
  return (
    <ResponsiveContainer width="100%" height={34 + data.length * 26}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <XAxis type="number" tick={{ fontSize: 11, fill: '#667085' }} />
        <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12, fill: '#344054' }} tickLine={false} axisLine={false} />
        <ReferenceLine x={0} stroke="#98a2b3" />
        <Tooltip
          formatter={(contribution, _name, entry) => {
            const { value, description } = entry.payload as (typeof data)[number];
            return [`${contribution} (value ${value}: ${description})`, 'Contribution'];
          }}
        />
        <Bar dataKey="contribution" isAnimationActive={false} radius={[0, 3, 3, 0]}>
          {data.map((part) => (
            <Cell key={part.feature} fill={part.contribution >= 0 ? '#22c55e' : '#ef4444'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
