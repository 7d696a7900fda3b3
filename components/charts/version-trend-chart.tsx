'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisProps } from 'recharts';

export interface TrendLine {
  key: string;
  name: string;
  color: string;
  /** A reference to compare against (a baseline) rather than a measure of the versions. */
  dashed?: boolean;
}

interface VersionTrendChartProps {
  /** Oldest version first. */
  data: readonly { id: number }[];
  lines: TrendLine[];
  format: (value: number) => string;
  domain?: YAxisProps['domain'];
  height?: number;
}

/** A metric across model versions, one point per version (v1, v2, …). */
export function VersionTrendChart({ data, lines, format, domain = ['auto', 'auto'], height = 220 }: VersionTrendChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={[...data]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" vertical={false} />
        <XAxis dataKey="id" tickFormatter={(id: number) => `v${id}`} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} />
        <YAxis domain={domain} tickFormatter={format} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={56} />
        <Tooltip labelFormatter={(id) => `Version ${String(id)}`} formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
        <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
        {lines.map((line) => (
          <Line key={line.key} type="monotone" dataKey={line.key} name={line.name} stroke={line.color} strokeWidth={2} strokeDasharray={line.dashed ? '5 4' : undefined} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
