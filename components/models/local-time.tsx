import { formatDateTime } from '@/components/charts/format';

/** A timestamp in the viewer's time zone; the server renders its own zone first, so the text may differ on hydration. */
export function LocalTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatDateTime(iso)}
    </time>
  );
}
