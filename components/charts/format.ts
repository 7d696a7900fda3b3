import { durationUnit } from '@/lib/metrics/duration-unit';

/** Number formats shared by the console's charts and stat tiles; `—` stands for "no data". */

const DASH = '—';

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? DASH : `${(value * 100).toFixed(digits)}%`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  if (value >= 1_000) return `${(value / 1_000).toFixed(value >= 10_000 ? 0 : 1)} s`;
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** A formatter for one axis of durations: every tick in the unit its largest value needs. */
export function durationAxisFormat(values: readonly (number | null | undefined)[]): (ms: number) => string {
  const unit = durationUnit(Math.max(0, ...values.filter((value): value is number => typeof value === 'number')));
  return (ms) => {
    const value = ms / unit.ms;
    return `${value.toFixed(value !== 0 && value < 10 && unit.suffix !== 'ms' ? 1 : 0)} ${unit.suffix}`;
  };
}

/** The largest value of a percentage axis and the digits its ticks need: 0.4% does not read as 0%. */
export function percentAxisFormat(values: readonly (number | null | undefined)[]): (value: number) => string {
  const largest = Math.max(0, ...values.filter((value): value is number => typeof value === 'number'));
  const digits = largest >= 0.1 ? 0 : largest >= 0.01 ? 1 : 2;
  return (value) => formatPercent(value, digits);
}

export function formatRate(value: number | null | undefined, unit = '/s'): string {
  if (value === null || value === undefined) return DASH;
  const digits = value === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit}`;
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : Number(value.toFixed(digits)).toLocaleString('en-US');
}

/** "42 s", "5 min", "3 h 10 min", "2 d 4 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return DASH;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Clock time for ranges within a day, date and time beyond. */
export function formatTick(time: number, spanMs: number): string {
  const date = new Date(time);
  const clock = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return spanMs > 24 * 3_600_000 ? `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${clock}` : clock;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
