'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisProps } from 'recharts';
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
  /** Y bounds, e.g. [0, 1] for ratios; by default from zero to the data, or to 1 when all is zero. */
  domain?: YAxisProps['domain'];
}

/** Lines over time; null values leave gaps (no data) rather than drawing zeros. */
/** Below this many values a line is mostly gaps: dots keep isolated points visible. */
const SPARSE_VALUES = 24;
const FROM_ZERO: YAxisProps['domain'] = [0, (highest: number) => (highest > 0 ? highest : 1)];

export function TimeSeriesChart({ data, lines, format, height = 220, domain = FROM_ZERO }: TimeSeriesChartProps) {
  const span = data.length > 1 ? data[data.length - 1]!.time - data[0]!.time : 0;
  const sparse = (key: string) => data.filter((point) => point[key] !== null && point[key] !== undefined).length < SPARSE_VALUES;
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
        <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
        {lines.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={line.dashed ? 1.5 : 2}
            strokeDasharray={line.dashed ? '4 3' : undefined}
            dot={sparse(line.key) ? { r: 2.5, strokeWidth: 0, fill: line.color } : false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
