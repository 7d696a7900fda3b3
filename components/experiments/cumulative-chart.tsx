'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResultsJson } from '@/lib/experiments/results';
import { percent, VARIANT_COLOURS } from './format';

type Series = ExperimentResultsJson['timeseries'];
export type CumulativeMeasure = 'ctr' | 'exposures';

/** One row per day (or hour) with each variant's running total, so the lines show where the comparison is settling. */
function byDay(series: Series, measure: CumulativeMeasure): Record<string, string | number | null>[] {
  const days = [...new Set(Object.values(series).flatMap((points) => points.map((point) => point.date)))].sort();
  return days.map((date) => {
    const row: Record<string, string | number | null> = { date };
    for (const [variant, points] of Object.entries(series)) {
      // A variant with nothing new on a day keeps its running total from the day before.
      const latest = points.filter((point) => point.date <= date).at(-1);
      row[variant] = latest ? latest[measure] : null;
    }
    return row;
  });
}

/** Days read MM-DD; hourly points (YYYY-MM-DDTHH:00Z, an experiment's first days) read MM-DD HH:00. */
function tickLabel(date: string): string {
  return date.length > 10 ? `${date.slice(5, 10)} ${date.slice(11, 16)}` : date.slice(5);
}

export function CumulativeChart({ series, variants, measure }: { series: Series; variants: string[]; measure: CumulativeMeasure }) {
  const data = byDay(series, measure);
  const format = (value: number) => (measure === 'ctr' ? percent(value, 2) : value.toLocaleString('en-US'));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" vertical={false} />
        <XAxis dataKey="date" tickFormatter={tickLabel} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis tickFormatter={format} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={64} />
        <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {variants.map((variant, index) => (
          <Line key={variant} type="monotone" dataKey={variant} stroke={VARIANT_COLOURS[index % VARIANT_COLOURS.length]} strokeWidth={index === 0 ? 2.5 : 2} dot={data.length < 3} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
