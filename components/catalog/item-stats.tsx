'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryState } from '@/components/ui/query-state';
import { Stat } from '@/components/ui/stat';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import styles from './catalog.module.css';

const DAYS = 30;

export function ItemStatsPanel({ itemId }: { itemId: string }) {
  const query = useQuery({ queryKey: ['item-stats', itemId, DAYS], queryFn: () => unwrap(consoleApi.GET('/api/v1/items/{id}/stats', { params: { path: { id: itemId }, query: { days: DAYS } } })) });
  return (
    <QueryState query={query} loadingLabel="Loading stats…">
      {(stats) => (
        <>
          <div className={`grid ${styles.stats}`}>
            <Stat label="Impressions" value={stats.impressions} note={`last ${stats.days} days`} />
            <Stat label="Clicks" value={stats.clicks} note={`${stats.recommended_clicks.toLocaleString('en-US')} from recommendations`} />
            <Stat label="CTR" value={stats.ctr === null ? '—' : `${(stats.ctr * 100).toFixed(1)}%`} note={stats.ctr === null ? 'not shown yet' : 'recommended clicks / impressions'} />
          </div>
          <ResponsiveContainer width="100%" height={200}>
            <ComposedChart data={stats.daily} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#eef0f3" vertical={false} />
              <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} minTickGap={24} />
              <YAxis tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="impressions" name="Impressions" fill="#c7d2fe" isAnimationActive={false} />
              <Line type="monotone" dataKey="clicks" name="Clicks" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </>
      )}
    </QueryState>
  );
}
