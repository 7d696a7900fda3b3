'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryState } from '@/components/ui/query-state';
import { Stat } from '@/components/ui/stat';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { CTR_DEFINITION } from '@/lib/metrics/ctr';
import styles from './catalog.module.css';

const DAYS = 30;

export function ItemStatsPanel({ itemId }: { itemId: string }) {
  const query = useQuery({ queryKey: ['item-stats', itemId, DAYS], queryFn: () => unwrap(consoleApi.GET('/api/v1/items/{id}/stats', { params: { path: { id: itemId }, query: { days: DAYS } } })) });
  return (
    <QueryState query={query} loadingLabel="Loading stats…">
      {(stats) => (
        <>
          <div className={`grid ${styles.stats}`}>
            <Stat label="Impressions" value={stats.impressions} note={`last ${stats.days} days, in served lists`} />
            <Stat label="Clicks on recommendations" value={stats.recommended_clicks} note={`${stats.other_clicks.toLocaleString('en-US')} other clicks (search, links)`} />
            <Stat label="CTR" value={stats.ctr === null ? '—' : `${(stats.ctr * 100).toFixed(1)}%`} note={stats.ctr === null ? 'not shown yet' : 'clicks on recommendations / impressions'} />
          </div>
          <p className="subtle" style={{ fontSize: 12 }}>{CTR_DEFINITION}.</p>
          <ResponsiveContainer width="100%" height={200}>
            <ComposedChart data={stats.daily} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#eef0f3" vertical={false} />
              <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} minTickGap={24} />
              {/* Impressions outnumber clicks by far: each gets its own axis, so clicks do not flatten to zero. */}
              <YAxis yAxisId="impressions" tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={40} allowDecimals={false} label={{ value: 'impressions', angle: -90, position: 'insideLeft', fontSize: 11, fill: '#667085' }} />
              <YAxis yAxisId="clicks" orientation="right" tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={40} allowDecimals={false} label={{ value: 'clicks', angle: 90, position: 'insideRight', fontSize: 11, fill: '#667085' }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar yAxisId="impressions" dataKey="impressions" name="Impressions (left axis)" fill="#c7d2fe" isAnimationActive={false} />
              <Line yAxisId="clicks" type="monotone" dataKey="recommended_clicks" name="Clicks on recommendations (right)" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line yAxisId="clicks" type="monotone" dataKey="other_clicks" name="Other clicks (right)" stroke="#f59e0b" strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </>
      )}
    </QueryState>
  );
}
