'use client';

import { Area, AreaChart, CartesianGrid, Legend, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

interface Point {
  day: string;
  events: number;
  users: number;
}

/** Days oldest first; the last is today, still filling up, and is shaded and labelled so. */
export function DailyEventsChart({ data }: { data: Point[] }) {
  const today = data.at(-1)?.day;
  const label = (day: string) => (day === today ? 'today (so far)' : day.slice(5));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id="eventsFill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="#4f46e5" stopOpacity={0.25} />
            <stop offset="100%" stopColor="#4f46e5" stopOpacity={0} />
          </linearGradient>
        </defs>
        <CartesianGrid stroke="#eef0f3" vertical={false} />
        {today && data.length > 1 && <ReferenceArea x1={data.at(-2)!.day} x2={today} fill="#f2f4f7" fillOpacity={0.8} />}
        <XAxis dataKey="day" tickFormatter={label} tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis tick={{ fontSize: 11, fill: '#667085' }} tickLine={false} axisLine={false} width={48} />
        <Tooltip labelFormatter={(day) => (day === today ? `${String(day)} (today, so far)` : String(day))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area type="monotone" dataKey="events" name="Events" stroke="#4f46e5" strokeWidth={2} fill="url(#eventsFill)" isAnimationActive={false} />
        <Area type="monotone" dataKey="users" name="Active users" stroke="#0ea5e9" strokeWidth={1.5} fillOpacity={0} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
