'use client';

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export function EventMixChart({ data }: { data: { type: string; events: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
        <XAxis type="number" hide />
        <YAxis type="category" dataKey="type" width={90} tick={{ fontSize: 12, fill: '#344054' }} tickLine={false} axisLine={false} />
        <Tooltip />
        <Bar dataKey="events" name="Events" fill="#818cf8" radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
