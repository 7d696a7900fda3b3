'use client';

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface RankedBar {
  label: string;
  value: number;
}

/** Labelled horizontal bars, largest first as given: event mixes, category affinities. */
export function RankedBarChart({ data, name, height = 240, labelWidth = 90 }: { data: RankedBar[]; name: string; height?: number; labelWidth?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
        <XAxis type="number" hide />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 12, fill: '#344054' }} tickLine={false} axisLine={false} />
        <Tooltip />
        <Bar dataKey="value" name={name} fill="#818cf8" radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
