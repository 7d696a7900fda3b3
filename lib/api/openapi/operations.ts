import { z } from 'zod';
import { apiKeyInputSchema, auditQuerySchema, consoleUserInputSchema, consoleUserPatchSchema, setupRequestSchema } from '@/lib/auth/schema';
import type { Permission } from '@/lib/auth/types';
import { itemBulkSchema, itemInputSchema, itemListQuerySchema, itemPatchSchema, itemStatsQuerySchema } from '@/lib/catalog/schema';
import { curationRuleInputSchema, curationRuleListQuerySchema, curationRulePatchSchema, feedPreviewQuerySchema } from '@/lib/curation/schema';
import { eventBatchSchema, eventInputSchema } from '@/lib/events/schema';
import { experimentInputSchema, experimentListQuerySchema, experimentPatchSchema, planQuerySchema, resultsQuerySchema, shipInputSchema } from '@/lib/experiments/schema';
import { strategyInputSchema, strategyPatchSchema } from '@/lib/experiments/strategy-schema';
import { rangeQuerySchema } from '@/lib/metrics/ranges';
import { modelVersionsQuerySchema, trainingRunsQuerySchema } from '@/lib/models/schema';
import { explainFeedQuerySchema, whyNotQuerySchema } from '@/lib/recommend/why-not';
import { explainQuerySchema, feedQuerySchema, sessionRequestSchema, similarQuerySchema, strategyFeedsQuerySchema, strategyPreviewInputSchema, trendingQuerySchema } from '@/lib/serving/schema';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { eventWeightsPatchSchema, eventWeightsSchema } from '@/lib/settings/event-weights';
import { cacheTtlsSchema, diversityDefaultsSchema } from '@/lib/settings/serving';
import { userHistoryQuerySchema, userInputSchema, userListQuerySchema } from '@/lib/users/schema';
import * as responses from './responses';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What kind of value `{id}` is in the path. */
type PathId = 'external' | 'key' | 'numeric';

export interface Operation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/items/{id}`. */
  path: string;
  /** What `route(permission, …)` in the route file asks for; `public` needs no credentials. */
  permission: Permission | 'public';
  tag: string;
  summary: string;
  description?: string;
  id?: PathId;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Example request body. */
  example?: unknown;
  /** The successful answers, by status. */
  responses: Record<number, z.ZodType>;
  /** Failures beyond the ones every operation of its kind can give (see document.ts). */
  errors?: number[];
  /** A body that is not JSON (the Prometheus exposition). */
  contentType?: string;
}

/** A body of one element, an array of them, or `{ [key]: [...] }` (see parseOneOrBatch). */
function oneOrBatch(one: z.ZodType, many: z.ZodType, key: string): z.ZodType {
  return z.union([one, many, z.object({ [key]: many }).strict()]);
}

const eventExample = { event_id: 'e-1', user_id: 'u-42', item_id: 'i-7', type: 'click', timestamp: '2026-01-01T12:00:00Z', recommendation_id: 'r-123' };
const itemExample = { id: 'i-7', title: 'Blue running shoes', category: 'shoes', tags: ['running'], attributes: { price: 89 } };
const experimentExample = { key: 'ranker-test', name: 'Ranker vs popular', variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'popular', strategy: 'popular' }] };

export const OPERATIONS: Operation[] = [
  // Serving
  { method: 'get', path: '/api/v1/recommendations', permission: 'recommend', tag: 'Recommendations', summary: 'Personalised feed', description: 'The "For you" feed, or an item page\'s recommendations with `context=item`. Page on with `cursor` (the previous answer\'s `next_cursor`).', query: feedQuerySchema, responses: { 200: responses.recommendationResponseSchema } },
  { method: 'post', path: '/api/v1/sessions/recommend', permission: 'recommend', tag: 'Recommendations', summary: 'Recommendations for an anonymous session', description: 'From the session\'s recent items alone; nothing is stored.', body: sessionRequestSchema, example: { recent_items: ['i-7', 'i-9'], n: 10 }, responses: { 200: responses.recommendationResponseSchema } },
  { method: 'get', path: '/api/v1/items/{id}/similar', permission: 'recommend', tag: 'Recommendations', summary: 'Similar items', description: '"You may also like": neighbours and content matches, so new items have answers too.', id: 'external', query: similarQuerySchema, responses: { 200: responses.recommendationResponseSchema } },
  { method: 'get', path: '/api/v1/trending', permission: 'recommend', tag: 'Recommendations', summary: 'Trending items', query: trendingQuerySchema, responses: { 200: responses.recommendationResponseSchema } },
  { method: 'get', path: '/api/v1/recommendations/explain', permission: 'feeds:explain', tag: 'Explanations', summary: 'Why an item would or would not be shown', query: explainQuerySchema, responses: { 200: responses.itemExplanationSchema }, errors: [404] },
  { method: 'get', path: '/api/v1/recommendations/explain/feed', permission: 'feeds:explain', tag: 'Explanations', summary: 'A user\'s feed with reasons and score breakdowns', description: 'As it would be served now; nothing is logged.', query: explainFeedQuerySchema, responses: { 200: responses.explainedFeedSchema } },
  { method: 'post', path: '/api/v1/recommendations/explain/preview', permission: 'feeds:explain', tag: 'Explanations', summary: 'Preview an unsaved strategy for a user', description: "The user's feed under the strategy config sent, beside the default strategy's. Nothing is saved, served, cached or logged.", body: strategyPreviewInputSchema, example: { user: 'u-42', config: PRESET_STRATEGIES.content, n: 10 }, responses: { 200: responses.strategyPreviewSchema } },
  { method: 'get', path: '/api/v1/recommendations/explain/strategies', permission: 'feeds:explain', tag: 'Explanations', summary: "A user's feed under up to three strategies", description: 'One feed per stored strategy, side by side; nothing is served or logged.', query: strategyFeedsQuerySchema, responses: { 200: responses.strategyFeedsSchema }, errors: [404, 409] },
  { method: 'get', path: '/api/v1/recommendations/why-not', permission: 'feeds:explain', tag: 'Explanations', summary: 'Why an item is not in a user\'s feed', query: whyNotQuerySchema, responses: { 200: responses.whyNotSchema }, errors: [404] },
  // Events
  { method: 'post', path: '/api/v1/events', permission: 'events:write', tag: 'Events', summary: 'Record events', description: 'One event, an array, `{ "events": [...] }` or NDJSON; up to 5,000 per request. Answers once they are durable and in the real-time profiles. A batch is validated whole: one bad event refuses it, naming its index.', body: oneOrBatch(eventInputSchema, eventBatchSchema, 'events'), example: { events: [eventExample] }, responses: { 200: responses.eventResultSchema } },
  // Catalogue
  { method: 'get', path: '/api/v1/items', permission: 'catalog:read', tag: 'Catalogue', summary: 'List items', query: itemListQuerySchema, responses: { 200: responses.itemPageSchema } },
  { method: 'post', path: '/api/v1/items', permission: 'catalog:write', tag: 'Catalogue', summary: 'Create an item, or upsert up to 10,000', description: 'One item object creates it (201; 409 if it exists); an array, `{ "items": [...] }` or NDJSON upserts them and counts what changed.', body: oneOrBatch(itemInputSchema, itemBulkSchema, 'items'), example: itemExample, responses: { 200: responses.upsertResultSchema, 201: responses.itemSchema }, errors: [409] },
  { method: 'get', path: '/api/v1/items/{id}', permission: 'catalog:read', tag: 'Catalogue', summary: 'Get an item', id: 'external', responses: { 200: responses.itemSchema } },
  { method: 'put', path: '/api/v1/items/{id}', permission: 'catalog:write', tag: 'Catalogue', summary: 'Create or replace an item', id: 'external', body: itemInputSchema, example: itemExample, responses: { 200: responses.itemSchema, 201: responses.itemSchema } },
  { method: 'patch', path: '/api/v1/items/{id}', permission: 'catalog:write', tag: 'Catalogue', summary: 'Change some of an item\'s fields', id: 'external', body: itemPatchSchema, example: { is_hidden: true }, responses: { 200: responses.itemSchema } },
  { method: 'delete', path: '/api/v1/items/{id}', permission: 'catalog:write', tag: 'Catalogue', summary: 'Hide an item', description: 'Soft delete: hidden from every list and recommendation; its history stays.', id: 'external', responses: { 200: responses.itemSchema } },
  { method: 'get', path: '/api/v1/items/{id}/stats', permission: 'catalog:read', tag: 'Catalogue', summary: 'An item\'s impressions, clicks and CTR per day', id: 'external', query: itemStatsQuerySchema, responses: { 200: responses.itemStatsSchema } },
  // Users
  { method: 'get', path: '/api/v1/users', permission: 'users:read', tag: 'Users', summary: 'List users', query: userListQuerySchema, responses: { 200: responses.userPageSchema } },
  { method: 'get', path: '/api/v1/users/{id}', permission: 'users:read', tag: 'Users', summary: 'A user with their recent interactions and experiment exposures', id: 'external', query: userHistoryQuerySchema, responses: { 200: responses.userWithHistorySchema } },
  { method: 'put', path: '/api/v1/users/{id}', permission: 'users:write', tag: 'Users', summary: 'Create a user or replace their preferences', id: 'external', body: userInputSchema, example: { preferences: { categories: ['shoes'] }, data_sharing: 'standard' }, responses: { 200: responses.userSchema, 201: responses.userSchema } },
  { method: 'delete', path: '/api/v1/users/{id}', permission: 'users:delete', tag: 'Users', summary: 'Forget a user', description: 'The right to be forgotten: removes the user and every event of theirs.', id: 'external', responses: { 200: responses.userDeletedSchema } },
  { method: 'get', path: '/api/v1/users/{id}/export', permission: 'users:read', tag: 'Users', summary: 'Everything stored about a user', description: 'Profile, preferences, events and impressions, as a JSON download.', id: 'external', responses: { 200: responses.userExportSchema } },
  { method: 'get', path: '/api/v1/users/{id}/live', permission: 'users:read', tag: 'Users', summary: 'A user\'s real-time profile', id: 'external', responses: { 200: responses.liveProfileSchema } },
  // Curation
  { method: 'get', path: '/api/v1/curation/rules', permission: 'curation:read', tag: 'Curation', summary: 'List curation rules', query: curationRuleListQuerySchema, responses: { 200: responses.curationRulePageSchema } },
  { method: 'post', path: '/api/v1/curation/rules', permission: 'curation:write', tag: 'Curation', summary: 'Create a pin, boost, block or pick', body: curationRuleInputSchema, example: { kind: 'pin', target_type: 'item', target: 'i-7', position: 1 }, responses: { 201: responses.curationRuleSchema } },
  { method: 'get', path: '/api/v1/curation/rules/{id}', permission: 'curation:read', tag: 'Curation', summary: 'Get a curation rule', id: 'numeric', responses: { 200: responses.curationRuleSchema } },
  { method: 'patch', path: '/api/v1/curation/rules/{id}', permission: 'curation:write', tag: 'Curation', summary: 'Change a curation rule', id: 'numeric', body: curationRulePatchSchema, example: { position: 2 }, responses: { 200: responses.curationRuleSchema } },
  { method: 'delete', path: '/api/v1/curation/rules/{id}', permission: 'curation:write', tag: 'Curation', summary: 'Delete a curation rule', id: 'numeric', responses: { 200: responses.curationRuleSchema } },
  { method: 'get', path: '/api/v1/curation/preview', permission: 'curation:read', tag: 'Curation', summary: 'A user\'s feed with and without the rules', query: feedPreviewQuerySchema, responses: { 200: responses.feedPreviewSchema } },
  // Experiments and strategies
  { method: 'get', path: '/api/v1/experiments', permission: 'experiments:read', tag: 'Experiments', summary: 'List experiments', query: experimentListQuerySchema, responses: { 200: responses.experimentPageSchema } },
  { method: 'post', path: '/api/v1/experiments', permission: 'experiments:write', tag: 'Experiments', summary: 'Create a draft experiment', body: experimentInputSchema, example: experimentExample, responses: { 201: responses.experimentSchema }, errors: [404, 409] },
  { method: 'get', path: '/api/v1/experiments/plan', permission: 'experiments:read', tag: 'Experiments', summary: 'Sample size and duration before starting', description: 'Users per variant to detect `mde` in the metric (baseline from the last 28 days of served lists), the active users a day and in all within `coverage_percent`, whether that audience can supply the sample at all (`reachable`), and the days it takes.', query: planQuerySchema, responses: { 200: responses.experimentPlanSchema } },
  { method: 'get', path: '/api/v1/experiments/{id}', permission: 'experiments:read', tag: 'Experiments', summary: 'Get an experiment', id: 'key', responses: { 200: responses.experimentSchema } },
  { method: 'patch', path: '/api/v1/experiments/{id}', permission: 'experiments:write', tag: 'Experiments', summary: 'Change an experiment', description: 'A running or paused experiment keeps its variants, layer, targeting and type (409).', id: 'key', body: experimentPatchSchema, example: { coverage_percent: 50 }, responses: { 200: responses.experimentSchema }, errors: [409] },
  { method: 'delete', path: '/api/v1/experiments/{id}', permission: 'experiments:write', tag: 'Experiments', summary: 'Delete a draft', id: 'key', responses: { 200: responses.experimentSchema }, errors: [409] },
  { method: 'post', path: '/api/v1/experiments/{id}/start', permission: 'experiments:write', tag: 'Experiments', summary: 'Start a draft or resume a paused experiment', id: 'key', responses: { 200: responses.experimentSchema }, errors: [409] },
  { method: 'post', path: '/api/v1/experiments/{id}/pause', permission: 'experiments:write', tag: 'Experiments', summary: 'Pause an experiment', id: 'key', responses: { 200: responses.experimentSchema }, errors: [409] },
  { method: 'post', path: '/api/v1/experiments/{id}/stop', permission: 'experiments:write', tag: 'Experiments', summary: 'Stop an experiment for good', id: 'key', responses: { 200: responses.experimentSchema }, errors: [409] },
  { method: 'post', path: '/api/v1/experiments/{id}/ship', permission: 'experiments:write', tag: 'Experiments', summary: 'Ship the winning variant', description: 'The variant\'s strategy becomes the default, and the experiment stops. A variant that is losing (under 50% chance to beat control, or worse) or breaches a guardrail needs `confirm_key` set to the experiment\'s key (409 otherwise, naming the risks). The audit entry carries a decision note: the verdict, each guardrail, and `note`.', id: 'key', body: shipInputSchema, example: { variant: 'popular', note: 'Clear CTR win; latency held.' }, responses: { 200: responses.experimentSchema }, errors: [409] },
  { method: 'get', path: '/api/v1/experiments/{id}/results', permission: 'experiments:read', tag: 'Experiments', summary: 'Lifts, intervals, SRM and planning', id: 'key', query: resultsQuerySchema, responses: { 200: responses.experimentResultsSchema }, errors: [409] },
  { method: 'get', path: '/api/v1/strategies', permission: 'experiments:read', tag: 'Strategies', summary: 'List strategies', responses: { 200: responses.strategyListSchema } },
  { method: 'post', path: '/api/v1/strategies', permission: 'experiments:write', tag: 'Strategies', summary: 'Create a strategy', body: strategyInputSchema, responses: { 201: responses.strategySchema }, errors: [409] },
  { method: 'get', path: '/api/v1/strategies/{id}', permission: 'experiments:read', tag: 'Strategies', summary: 'A strategy with its versions', id: 'key', responses: { 200: responses.strategyWithVersionsSchema } },
  { method: 'patch', path: '/api/v1/strategies/{id}', permission: 'experiments:write', tag: 'Strategies', summary: 'Edit a strategy (a new version)', id: 'key', body: strategyPatchSchema, example: { config: { quotas: { content: 0 } } }, responses: { 200: responses.strategySchema }, errors: [409] },
  { method: 'delete', path: '/api/v1/strategies/{id}', permission: 'experiments:write', tag: 'Strategies', summary: 'Delete a strategy', id: 'key', responses: { 200: responses.strategySchema }, errors: [409] },
  { method: 'post', path: '/api/v1/strategies/{id}/default', permission: 'experiments:write', tag: 'Strategies', summary: 'Make a strategy the default', id: 'key', responses: { 200: responses.strategySchema }, errors: [409] },
  // Models
  { method: 'get', path: '/api/v1/models/versions', permission: 'models:read', tag: 'Models', summary: 'List model versions, newest first', query: modelVersionsQuerySchema, responses: { 200: z.object({ versions: z.array(responses.modelVersionSchema) }) } },
  { method: 'post', path: '/api/v1/models/versions/{id}/promote', permission: 'models:operate', tag: 'Models', summary: 'Make a version the active one', id: 'numeric', responses: { 200: responses.modelVersionSchema }, errors: [409] },
  { method: 'post', path: '/api/v1/models/rollback', permission: 'models:operate', tag: 'Models', summary: 'Re-activate the previous version', responses: { 200: responses.modelVersionSchema }, errors: [404, 409] },
  { method: 'post', path: '/api/v1/models/train', permission: 'models:operate', tag: 'Models', summary: 'Queue a training run', description: 'Or returns the one already queued or running. Poll the run at the `location` header.', responses: { 202: responses.trainingRunSchema } },
  { method: 'get', path: '/api/v1/models/runs', permission: 'models:read', tag: 'Models', summary: 'List training runs, newest first', query: trainingRunsQuerySchema, responses: { 200: z.object({ runs: z.array(responses.trainingRunSchema) }) } },
  { method: 'get', path: '/api/v1/models/runs/{id}', permission: 'models:read', tag: 'Models', summary: 'A training run\'s status and progress', id: 'numeric', responses: { 200: responses.trainingRunSchema } },
  // Metrics and settings
  { method: 'get', path: '/api/v1/metrics/ctr', permission: 'metrics:read', tag: 'Metrics', summary: 'Click-through rate over a range, overall and per strategy', query: rangeQuerySchema, responses: { 200: responses.ctrSeriesSchema } },
  { method: 'get', path: '/api/v1/metrics/instance', permission: 'metrics:read', tag: 'Metrics', summary: 'This process\'s traffic, latency and ingest', query: rangeQuerySchema, responses: { 200: responses.instanceDashboardSchema } },
  { method: 'get', path: '/api/metrics', permission: 'public', tag: 'Metrics', summary: 'Prometheus scrape endpoint', description: 'This process\'s metrics in the Prometheus text exposition format.', contentType: 'text/plain', responses: { 200: z.string() } },
  { method: 'get', path: '/api/v1/settings/cache', permission: 'settings:read', tag: 'Settings', summary: 'Cache TTLs', responses: { 200: cacheTtlsSchema } },
  { method: 'patch', path: '/api/v1/settings/cache', permission: 'settings:write', tag: 'Settings', summary: 'Change cache TTLs', body: cacheTtlsSchema.partial(), example: { response_seconds: 30 }, responses: { 200: cacheTtlsSchema } },
  { method: 'get', path: '/api/v1/settings/diversity', permission: 'settings:read', tag: 'Settings', summary: 'Diversity defaults', responses: { 200: diversityDefaultsSchema } },
  { method: 'patch', path: '/api/v1/settings/diversity', permission: 'settings:write', tag: 'Settings', summary: 'Change diversity defaults', body: diversityDefaultsSchema.partial(), example: { lambda: 0.7 }, responses: { 200: diversityDefaultsSchema } },
  { method: 'get', path: '/api/v1/settings/event-weights', permission: 'settings:read', tag: 'Settings', summary: 'Event weights', responses: { 200: eventWeightsSchema } },
  { method: 'patch', path: '/api/v1/settings/event-weights', permission: 'settings:write', tag: 'Settings', summary: 'Change event weights', body: eventWeightsPatchSchema, example: { purchase: 5 }, responses: { 200: eventWeightsSchema } },
  // Access
  { method: 'get', path: '/api/v1/me', permission: 'public', tag: 'Access', summary: 'Who the caller is and what they may do', description: 'A wrong or revoked key is a 401 here as everywhere.', responses: { 200: responses.meSchema }, errors: [401, 403] },
  { method: 'get', path: '/api/v1/admin/keys', permission: 'access:manage', tag: 'Access', summary: 'List API keys', responses: { 200: z.object({ keys: z.array(responses.apiKeySchema) }) } },
  { method: 'post', path: '/api/v1/admin/keys', permission: 'access:manage', tag: 'Access', summary: 'Create an API key', description: 'The answer is the only place the secret ever appears.', body: apiKeyInputSchema, example: { name: 'storefront', scopes: ['recommend', 'events'] }, responses: { 201: responses.createdApiKeySchema } },
  { method: 'delete', path: '/api/v1/admin/keys/{id}', permission: 'access:manage', tag: 'Access', summary: 'Revoke an API key', id: 'numeric', responses: { 200: responses.apiKeySchema } },
  { method: 'get', path: '/api/v1/admin/users', permission: 'access:manage', tag: 'Access', summary: 'List console users', responses: { 200: z.object({ users: z.array(responses.consoleUserSchema) }) } },
  { method: 'post', path: '/api/v1/admin/users', permission: 'access:manage', tag: 'Access', summary: 'Create a console user', body: consoleUserInputSchema, responses: { 201: responses.consoleUserSchema }, errors: [409] },
  { method: 'patch', path: '/api/v1/admin/users/{id}', permission: 'access:manage', tag: 'Access', summary: 'Change a console user', id: 'numeric', body: consoleUserPatchSchema, example: { role: 'editor' }, responses: { 200: responses.consoleUserSchema }, errors: [409] },
  { method: 'delete', path: '/api/v1/admin/users/{id}', permission: 'access:manage', tag: 'Access', summary: 'Delete a console user', id: 'numeric', responses: { 200: responses.consoleUserSchema }, errors: [409] },
  { method: 'get', path: '/api/v1/audit', permission: 'access:manage', tag: 'Access', summary: 'The audit log, newest first', description: '`from` and `to` bound when the change was made, both inclusive (a bare date as `to` means through that day, UTC); `from` after `to` is a 400.', query: auditQuerySchema, responses: { 200: responses.auditPageSchema } },
  { method: 'post', path: '/api/v1/setup', permission: 'public', tag: 'Access', summary: 'Create the first admin with the set-up token', description: '403 when the token is not valid: used already, expired, or the console has users.', body: setupRequestSchema, responses: { 201: responses.consoleUserSchema }, errors: [403] },
  // System
  { method: 'get', path: '/api/v1/health', permission: 'public', tag: 'System', summary: 'Health of the instance and its dependencies', description: '200 while requests can be served (even degraded), 503 when the database is gone or the instance is draining (`stopping`).', responses: { 200: responses.healthSchema, 503: responses.healthSchema } },
  { method: 'get', path: '/api/v1/livez', permission: 'public', tag: 'System', summary: 'Liveness probe', description: '200 whenever the process answers.', responses: { 200: responses.livenessSchema } },
  { method: 'get', path: '/api/v1/readyz', permission: 'public', tag: 'System', summary: 'Readiness probe', description: '200 while the instance should receive traffic: the database answers, the serving model is loaded (or the intended fallback serves) and the instance is not draining; 503 with the reasons otherwise.', responses: { 200: responses.readinessSchema, 503: responses.readinessSchema } },
  { method: 'get', path: '/api/v1/openapi.json', permission: 'public', tag: 'System', summary: 'This document', responses: { 200: responses.openApiDocumentSchema } },
];
