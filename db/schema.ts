import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { API_KEY_SCOPES, ROLES } from '../lib/auth/types';
import { CURATION_KINDS, CURATION_TARGET_TYPES } from '../lib/curation/types';
import { EVENT_TYPES } from '../lib/events/types';
import { EXPERIMENT_STATUSES, EXPERIMENT_TYPES, LAYER_SLOTS, type ExperimentVariant, type Guardrail } from '../lib/experiments/types';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const eventType = pgEnum('event_type', EVENT_TYPES);
export const dataSharing = pgEnum('data_sharing', ['minimal', 'standard', 'enhanced']);

export const items = pgTable(
  'items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    externalId: text('external_id').notNull(),
    title: text('title').notNull().default(''),
    description: text('description').notNull().default(''),
    category: text('category'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    isHidden: boolean('is_hidden').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('simple', ${items.title}), 'A') || setweight(to_tsvector('simple', coalesce(${items.category}, '')) || array_to_tsvector(${items.tags}), 'B') || setweight(to_tsvector('simple', ${items.description}), 'C')`,
    ),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('items_external_id_key').on(t.externalId),
    index('items_category_idx').on(t.category),
    index('items_tags_idx').using('gin', t.tags),
    index('items_search_idx').using('gin', t.search),
    index('items_published_at_idx').on(t.publishedAt),
    index('items_updated_at_idx').on(t.updatedAt),
  ],
);

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    externalId: text('external_id').notNull(),
    preferredCategories: text('preferred_categories').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    dataSharing: dataSharing('data_sharing').notNull().default('standard'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_external_id_key').on(t.externalId), index('users_last_active_at_idx').on(t.lastActiveAt), index('users_updated_at_idx').on(t.updatedAt)],
);

export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: text('event_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // No foreign key: items are only ever hidden, never deleted, and ingest creates any item it
    // has not seen before inserting. A key here would lock the hottest item rows on every batch.
    itemId: integer('item_id').notNull(),
    type: eventType('type').notNull(),
    value: real('value'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    sessionId: text('session_id'),
    context: jsonb('context').$type<Record<string, unknown>>(),
    recommendationId: text('recommendation_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_event_id_key').on(t.eventId),
    index('events_user_recent_idx').on(t.userId, t.occurredAt.desc()),
    index('events_item_recent_idx').on(t.itemId, t.occurredAt.desc()),
    // Events arrive roughly in time order: a BRIN index serves time ranges at almost no write cost.
    index('events_occurred_at_idx').using('brin', t.occurredAt),
    index('events_recommendation_idx')
      .on(t.recommendationId)
      .where(sql`${t.recommendationId} is not null`),
  ],
);

/** Small, rarely written key/value configuration: event weights, demo-world parameters, defaults. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ItemRow = typeof items.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type EventRow = typeof events.$inferSelect;

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const modelStatus = pgEnum('model_status', ['candidate', 'active', 'archived', 'failed']);
export const trainingStatus = pgEnum('training_status', ['queued', 'running', 'succeeded', 'failed']);
export const trainingTrigger = pgEnum('training_trigger', ['manual', 'schedule', 'events', 'startup']);

/** One trained model bundle. At most one is active: the one serving loads. */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    status: modelStatus('status').notNull().default('candidate'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
    /** Users, items and events the bundle was trained on. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    dataFrom: timestamp('data_from', { withTimezone: true }),
    dataTo: timestamp('data_to', { withTimezone: true }),
    /** `db` (the model_artifacts table), an absolute file path, or `deleted` (a pruned candidate). */
    artifactLocation: text('artifact_location').notNull(),
    checksum: text('checksum').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    trainingRunId: integer('training_run_id'),
    /** Users forgotten up to this moment are scrubbed out of the artifact (lib/models/scrub.ts); null when it was never scrubbed. */
    scrubbedTo: timestamp('scrubbed_to', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('model_versions_one_active').on(t.status).where(sql`${t.status} = 'active'`), index('model_versions_created_idx').on(t.createdAt)],
);

/** A bundle in parts: one value of hundreds of megabytes is more than a client can send or read back. */
export const modelArtifacts = pgTable(
  'model_artifacts',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    part: integer('part').notNull().default(0),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.part] })],
);

export const trainingRuns = pgTable(
  'training_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    status: trainingStatus('status').notNull().default('queued'),
    trigger: trainingTrigger('trigger').notNull(),
    stage: text('stage').notNull().default('queued'),
    /** 0..1 across the whole run. */
    progress: real('progress').notNull().default(0),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    versionId: integer('version_id'),
    error: text('error'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('training_runs_queued_idx').on(t.queuedAt),
    // One run waits or works at a time, however many processes ask for one at once.
    uniqueIndex('training_runs_one_pending')
      .on(sql`(true)`)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

export type ModelVersionRow = typeof modelVersions.$inferSelect;
export type TrainingRunRow = typeof trainingRuns.$inferSelect;

export const curationKind = pgEnum('curation_kind', CURATION_KINDS);
export const curationTargetType = pgEnum('curation_target_type', CURATION_TARGET_TYPES);

/** Editorial rules layered over the ranked list: picks, pins, boosts and blocks, optionally scheduled. */
export const curationRules = pgTable(
  'curation_rules',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: curationKind('kind').notNull(),
    targetType: curationTargetType('target_type').notNull(),
    target: text('target').notNull(),
    position: integer('position'),
    boost: real('boost'),
    segment: text('segment'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    note: text('note').notNull().default(''),
    /** Picks only: the named collection of editor's picks the rule belongs to. */
    collection: text('collection'),
    createdBy: text('created_by'),
    ...timestamps,
  },
  (t) => [
    // Serving asks for the rules whose schedule contains now; most have no end or end soon.
    index('curation_rules_schedule_idx').on(t.endsAt, t.startsAt),
    index('curation_rules_target_idx').on(t.targetType, t.target),
    // The API validates these too; the checks keep a racing PATCH from leaving a rule the pipeline cannot apply.
    check('curation_rules_pin_position', sql`(${t.kind} = 'pin') = (${t.position} is not null) and (${t.kind} <> 'pin' or ${t.targetType} = 'item')`),
    check('curation_rules_boost', sql`(${t.kind} = 'boost') = (${t.boost} is not null) and (${t.boost} is null or ${t.boost} > 0)`),
    check('curation_rules_schedule', sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
  ],
);

/** One served recommendation list: what was shown, to whom, and how it was produced. Append-only. */
export const impressions = pgTable(
  'impressions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recommendationId: text('recommendation_id').notNull(),
    /** External ids, as served: an impression may be logged for a user or item not stored yet, so no keys. */
    userId: text('user_id').notNull(),
    surface: text('surface').notNull(),
    items: text('items').array().notNull(),
    strategy: text('strategy').notNull(),
    modelVersion: integer('model_version'),
    experiment: text('experiment'),
    variant: text('variant'),
    fallback: text('fallback'),
    latencyMs: real('latency_ms').notNull(),
    servedAt: timestamp('served_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('impressions_recommendation_id_key').on(t.recommendationId),
    // Written in time order: BRIN serves time ranges at almost no write cost, as for events.
    index('impressions_served_at_idx').using('brin', t.servedAt),
    index('impressions_user_idx').on(t.userId, t.servedAt.desc()),
  ],
);

export type CurationRuleRow = typeof curationRules.$inferSelect;
export type ImpressionRow = typeof impressions.$inferSelect;

/**
 * A named configuration of the serving pipeline (lib/strategies/schema.ts). Editing one bumps its
 * version; every version is kept in `strategy_versions`, so what an experiment tested stays known.
 */
export const strategies = pgTable('strategies', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  version: integer('version').notNull().default(1),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  /** One of the shipped presets (seeded on first read), as opposed to one made through the API. */
  isPreset: boolean('is_preset').notNull().default(false),
  ...timestamps,
});

export const strategyVersions = pgTable(
  'strategy_versions',
  {
    strategyKey: text('strategy_key')
      .notNull()
      .references(() => strategies.key, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.strategyKey, t.version] })],
);

export const experimentType = pgEnum('experiment_type', EXPERIMENT_TYPES);
export const experimentStatus = pgEnum('experiment_status', EXPERIMENT_STATUSES);

/** An A/B test or bandit over strategies. Variants and guardrails are small and always read whole: jsonb. */
export const experiments = pgTable(
  'experiments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    hypothesis: text('hypothesis').notNull().default(''),
    type: experimentType('type').notNull().default('ab'),
    status: experimentStatus('status').notNull().default('draft'),
    layer: text('layer').notNull().default('default'),
    coveragePercent: doublePrecision('coverage_percent').notNull().default(100),
    slotStart: integer('slot_start'),
    seed: text('seed').notNull(),
    targeting: text('targeting').notNull().default('all'),
    variants: jsonb('variants').$type<ExperimentVariant[]>().notNull(),
    primaryMetric: text('primary_metric').notNull(),
    secondaryMetrics: text('secondary_metrics').array().notNull().default(sql`'{}'::text[]`),
    guardrails: jsonb('guardrails').$type<Guardrail[]>().notNull().default([]),
    /** User attributes the results break the primary metric down by, besides device and new vs returning. */
    breakdownAttributes: text('breakdown_attributes').array().notNull().default(sql`'{}'::text[]`),
    banditIntervalMinutes: integer('bandit_interval_minutes'),
    lastReallocatedAt: timestamp('last_reallocated_at', { withTimezone: true }),
    shippedVariant: text('shipped_variant'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('experiments_key_key').on(t.key),
    // Serving reads the running experiments every 2 s; the bandit scheduler the running bandits.
    index('experiments_status_idx').on(t.status, t.layer),
    check('experiments_coverage', sql`${t.coveragePercent} >= 0 and ${t.coveragePercent} <= 100`),
    check('experiments_slot_start', sql`${t.slotStart} is null or (${t.slotStart} >= 0 and ${t.slotStart} < ${sql.raw(String(LAYER_SLOTS))})`),
    check('experiments_bandit_interval', sql`(${t.type} = 'bandit') = (${t.banditIntervalMinutes} is not null)`),
  ],
);

/**
 * A user's first serving under an experiment: the experiment's population for results and the SRM
 * check. Written once per (experiment, user); later servings are not recorded here.
 */
export const experimentExposures = pgTable(
  'experiment_exposures',
  {
    experimentId: integer('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    /** External id, as served: exposure is logged before the user may be stored. */
    userId: text('user_id').notNull(),
    variant: text('variant').notNull(),
    firstExposedAt: timestamp('first_exposed_at', { withTimezone: true }).notNull(),
    /** The device class the first serving was requested from (`device` of the request); null when it named none. */
    device: text('device'),
    /** Whether the user had history when first exposed (not new, as targeting means it); null for exposures recorded before this was kept. */
    returning: boolean('returning_user'),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.userId] })],
);

/** Every change of an experiment's traffic split: its start, and each bandit reallocation. */
export const experimentWeights = pgTable(
  'experiment_weights',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    experimentId: integer('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    weights: jsonb('weights').$type<Record<string, number>>().notNull(),
    reason: text('reason').notNull(),
    /** The evidence behind a reallocation: per-arm users, impressions, clicks and P(best). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('experiment_weights_experiment_idx').on(t.experimentId, t.at)],
);

export type StrategyRow = typeof strategies.$inferSelect;
export type StrategyVersionRow = typeof strategyVersions.$inferSelect;
export type ExperimentRow = typeof experiments.$inferSelect;
export type ExperimentWeightRow = typeof experimentWeights.$inferSelect;

// ── Access: console users, API keys and the audit log ─────────────────────────────────────────

export const consoleRole = pgEnum('console_role', ROLES);
export const apiKeyScope = pgEnum('api_key_scope', API_KEY_SCOPES);

/** People who sign in to the console. Passwords are scrypt hashes (lib/auth/password.ts). */
export const consoleUsers = pgTable(
  'console_users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Stored lower-cased, so sign-in is case-insensitive. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: consoleRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('console_users_email_idx').on(t.email)],
);

/** Keys for the public API. Only a SHA-256 of the secret is kept; the secret is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    displayPrefix: text('display_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: apiKeyScope('scopes').array().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.keyHash)],
);

/**
 * Users deleted (or whose behaviour was forgotten when they lowered their data sharing), by a keyed
 * hash of their id, never the id: serving masks them out of models trained before `forgottenAt`,
 * and late writers drop rows recorded before it. Dropped once every retained model is newer.
 */
export const forgottenUsers = pgTable(
  'forgotten_users',
  {
    /** HMAC-SHA256 of the external id under the server secret, hex. */
    userHash: text('user_hash').primaryKey(),
    /** `user`: everything was deleted; `behaviour`: the user stays, their behavioural data does not. */
    scope: text('scope', { enum: ['user', 'behaviour'] }).notNull(),
    forgottenAt: timestamp('forgotten_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forgotten_users_at_idx').on(t.forgottenAt)],
);

/** Who changed what, append-only. `actor` is `user:<email>`, `key:<name>` or `system`. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_target_idx').on(t.targetType, t.targetId)],
);

export type ConsoleUserRow = typeof consoleUsers.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
