import { formatValue, humanise, type DisplayField } from './fields';

/** What the audit page needs of an entry (the API's shape). */
export interface AuditEntryView {
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

export interface AuditTarget {
  /** "Item", "Model version", "Forgotten user". */
  kind: string;
  label: string;
  /** The console page of the target; null when there is none (deleted, forgotten, a batch). */
  href: string | null;
}

const encoded = encodeURIComponent;

/** Where each kind of target lives in the console. */
const TARGET_PAGES: Record<string, (id: string) => string> = {
  item: (id) => `/catalog/${encoded(id)}`,
  experiment: (id) => `/experiments/${encoded(id)}`,
  strategy: (id) => `/experiments/strategies/${encoded(id)}`,
  curation_rule: () => '/curation',
  model_version: () => '/models',
  training_run: () => '/models',
  user: (id) => `/users?user=${encoded(id)}`,
  api_key: () => '/settings?tab=keys',
  console_user: () => '/settings?tab=users',
  setting: (id) => (id === 'event_weights' ? '/settings?tab=weights' : '/settings?tab=serving'),
};

/** Ids that are not one target: a bulk import names none. */
const NO_SINGLE_TARGET = new Set(['bulk']);

export function auditTarget(entry: AuditEntryView): AuditTarget {
  // The log names a forgotten user by a keyed hash, never the id, and nothing is left to show.
  if (entry.action === 'user.delete') return { kind: 'Forgotten user', label: shortHash(entry.targetId), href: null };
  const kind = humanise(entry.targetType);
  if (NO_SINGLE_TARGET.has(entry.targetId)) return { kind, label: 'several', href: null };
  const page = TARGET_PAGES[entry.targetType];
  const gone = entry.action.endsWith('.delete');
  return { kind, label: entry.targetId, href: page && !gone ? page(entry.targetId) : null };
}

function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

interface DetailSpec {
  label?: string;
  format?: (value: unknown) => string;
  link?: (value: unknown, details: Record<string, unknown>) => string | undefined;
}

const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(0)}%` : formatValue(value));
const version = (value: unknown) => (value === null ? 'none' : `v${formatValue(value)}`);
const modelsPage = (value: unknown) => (value === null ? undefined : '/models');
const fieldNames = (value: unknown) => (Array.isArray(value) ? value.map((key) => humanise(String(key)).toLowerCase()).join(', ') : formatValue(value));
const strategyPage = (value: unknown) => (typeof value === 'string' ? TARGET_PAGES.strategy!(value) : undefined);

/** Keys that mean the same whatever the action. */
const COMMON_DETAILS: Record<string, DetailSpec> = {
  fields: { label: 'Fields changed', format: fieldNames },
  changed: { label: 'Fields changed', format: fieldNames },
  version: { label: 'Version', format: version },
  strategy: { link: strategyPage },
  chance_to_beat_control: { label: 'Chance to beat control', format: percent },
};

/** Per action: the labels and formats its own keys need. */
const ACTION_DETAILS: Record<string, Record<string, DetailSpec>> = {
  'model.promote': { from_version: { label: 'Replaced version', format: version, link: modelsPage } },
  'model.rollback': { from_version: { label: 'Rolled back from version', format: version, link: modelsPage } },
  'model.scrub': { forgotten_users: { label: 'Forgotten users removed' } },
  'model.fail': { reason: { label: 'Why it failed' } },
  'model.train': { trigger: { label: 'Started by' } },
  'item.bulk_upsert': { count: { label: 'Items in the batch' }, ids: { label: 'First ids' } },
  'user.delete': { deleted_events: { label: 'Events deleted' }, deleted_impressions: { label: 'Impressions deleted' }, deleted_exposures: { label: 'Experiment exposures deleted' } },
  'experiment.start': { layer_range_percent: { label: 'Layer range', format: range } },
  'experiment.resume': { layer_range_percent: { label: 'Layer range', format: range } },
  'experiment.create': { variants: { format: variants } },
  'experiment.ship': {
    variant: { label: 'Shipped variant' },
    decision: { label: 'Decision note' },
    guardrails: { format: guardrails },
    confirmed_risks: { label: 'Risks accepted', format: (value) => (Array.isArray(value) && value.length === 0 ? 'none' : formatValue(value)) },
  },
  'curation_rule.create': { target: { link: ruleTarget } },
  'curation_rule.update': { target: { link: ruleTarget } },
  'curation_rule.delete': { target: { link: ruleTarget } },
  'console_user.create': { via: { label: 'Created through' } },
};

function range(value: unknown): string {
  return Array.isArray(value) && value.length === 2 ? `${formatValue(value[0])}–${formatValue(value[1])}% of the layer` : formatValue(value);
}

function variants(value: unknown): string {
  if (!Array.isArray(value)) return formatValue(value);
  return value
    .map((variant: { key?: unknown; strategy?: unknown; weight?: unknown }) => `${formatValue(variant.key)} → ${formatValue(variant.strategy)}${typeof variant.weight === 'number' ? ` (${percent(variant.weight)})` : ''}`)
    .join(' · ');
}

function guardrails(value: unknown): string {
  if (!Array.isArray(value)) return formatValue(value);
  if (value.length === 0) return 'none';
  return value.map((rail: { metric?: unknown; breached?: unknown }) => `${formatValue(rail.metric)} ${rail.breached ? 'breached' : 'held'}`).join(' · ');
}

/** The rule's details carry their whole rule; only an item target has a page. */
function ruleTarget(value: unknown, details: Record<string, unknown>): string | undefined {
  return details.target_type === 'item' && typeof value === 'string' ? TARGET_PAGES.item!(value) : undefined;
}

/**
 * An entry's details as fields: known keys with their labels and units, any other key under its
 * humanised name. Empty values are left out; a settings change reads "key: before → after".
 */
export function auditDetailFields(entry: AuditEntryView): DisplayField[] {
  const { details } = entry;
  if (isBeforeAfter(details)) return changeFields(details.before, details.after);
  const specs = ACTION_DETAILS[entry.action] ?? {};
  return (
    Object.entries(details)
      // A null says something only where the action gives it a meaning (no previous version).
      .filter(([key, value]) => value !== undefined && (value !== null || specs[key]?.format !== undefined))
      .map(([key, value]) => {
        const spec = { ...COMMON_DETAILS[key], ...specs[key] };
        const href = spec.link?.(value, details);
        return { label: spec.label ?? humanise(key), value: (spec.format ?? formatValue)(value), ...(href && { href }) };
      })
  );
}

function isBeforeAfter(details: Record<string, unknown>): details is { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = Object.keys(details);
  return keys.length === 2 && isRecord(details.before) && isRecord(details.after);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function changeFields(before: Record<string, unknown>, after: Record<string, unknown>): DisplayField[] {
  return Object.keys(after).map((key) => ({ label: humanise(key), value: `${formatValue(before[key])} → ${formatValue(after[key])}` }));
}
