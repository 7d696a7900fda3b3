/**
 * Free-form records (audit details, user attributes) shown as "label: value" fields a person can
 * read, never as JSON: keys become words, values become short text.
 */

/** One line of a field list; `href` makes the value a link. */
export interface DisplayField {
  label: string;
  value: string;
  href?: string;
}

/** Short words that read better in capitals. */
const ACRONYMS = new Set(['id', 'ids', 'ctr', 'ttl', 'ttls', 'api', 'url', 'p99', 'mde']);

/** `deleted_events` → "Deleted events", `fromVersion` → "From version", `layer_range_percent` → "Layer range percent". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()));
  if (words.length === 0) return key;
  const [first, ...rest] = words;
  return [first!.charAt(0).toUpperCase() + first!.slice(1), ...rest].join(' ');
}

/** Nested records get this deep before they are summarised by their size. */
const MAX_DEPTH = 3;

/** A value as short text: lists joined, records as "key value" pairs, nothing as a dash. */
export function formatValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // Four-digit numbers are often years: 2021, not 2,021.
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: Math.abs(value) >= 10_000 });
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((entry) => formatValue(entry, depth + 1)).join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return 'none';
    if (depth >= MAX_DEPTH) return `${entries.length} fields`;
    const text = entries.map(([key, inner]) => `${humanise(key).toLowerCase()} ${formatValue(inner, depth + 1)}`).join(' · ');
    return depth === 0 ? text : `(${text})`;
  }
  return String(value);
}

/** Every key of a record as a field, in the record's order. */
export function recordFields(record: Record<string, unknown>): DisplayField[] {
  return Object.entries(record).map(([key, value]) => ({ label: humanise(key), value: formatValue(value) }));
}
