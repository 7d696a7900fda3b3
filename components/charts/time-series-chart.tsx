'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from './format';

export interface TimeSeriesLine {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
}

export type TimePoint = { time: number } & Record<string, number | null>;

interface TimeSeriesChartProps {
  data: TimePoint[];
  lines: TimeSeriesLine[];
  format: (value: number) => string;
  height?: number;
  /** Fixed lower/upper bound, e.g. [0, 1] for ratios; otherwise fitted from zero. */
  domain?: [number, number | 'auto'];
}

/** Lines over time; null values leave gaps (no data) rather than drawing zeros. */
export function TimeSeriesChart({ data, lines, format, height = 220, domain = [0, 'auto'] }: TimeSeriesChartProps) {
  const span = data.length > 1 ? data[data.length - 1]!.time - data[0]!.time : 0;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" vertical={false} />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(time: number) => formatTick(time, span)}
          tick={{ fontSize: 11, fill: '#667085' }}
          tickLine={false}
          axisLine={false}
          minTickGap={32}
        />
        <YAxis domain={domain} tickFormatter={format} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={60} />
        <Tooltip labelFormatter={(time) => new Date(Number(time)).toLocaleString('en-GB')} formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
        {lines.length > 1 && <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />}
        {lines.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={line.dashed ? 1.5 : 2}
            strokeDasharray={line.dashed ? '4 3' : undefined}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
