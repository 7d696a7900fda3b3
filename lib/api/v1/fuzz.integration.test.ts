import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as adminKey from '@/app/api/v1/admin/keys/[id]/route';
import * as adminKeys from '@/app/api/v1/admin/keys/route';
import * as adminUser from '@/app/api/v1/admin/users/[id]/route';
import * as adminUsers from '@/app/api/v1/admin/users/route';
import * as audit from '@/app/api/v1/audit/route';
import * as curationPreview from '@/app/api/v1/curation/preview/route';
import * as curationRule from '@/app/api/v1/curation/rules/[id]/route';
import * as curationRules from '@/app/api/v1/curation/rules/route';
import * as events from '@/app/api/v1/events/route';
import * as experimentPause from '@/app/api/v1/experiments/[id]/pause/route';
import * as experimentResults from '@/app/api/v1/experiments/[id]/results/route';
import * as experiment from '@/app/api/v1/experiments/[id]/route';
import * as experimentShip from '@/app/api/v1/experiments/[id]/ship/route';
import * as experimentStart from '@/app/api/v1/experiments/[id]/start/route';
import * as experimentStop from '@/app/api/v1/experiments/[id]/stop/route';
import * as experiments from '@/app/api/v1/experiments/route';
import * as item from '@/app/api/v1/items/[id]/route';
import * as itemSimilar from '@/app/api/v1/items/[id]/similar/route';
import * as itemStats from '@/app/api/v1/items/[id]/stats/route';
import * as items from '@/app/api/v1/items/route';
import * as metricsCtr from '@/app/api/v1/metrics/ctr/route';
import * as metricsInstance from '@/app/api/v1/metrics/instance/route';
import * as modelRun from '@/app/api/v1/models/runs/[id]/route';
import * as modelRuns from '@/app/api/v1/models/runs/route';
import * as promote from '@/app/api/v1/models/versions/[id]/promote/route';
import * as modelVersions from '@/app/api/v1/models/versions/route';
import * as explainFeed from '@/app/api/v1/recommendations/explain/feed/route';
import * as explain from '@/app/api/v1/recommendations/explain/route';
import * as recommendations from '@/app/api/v1/recommendations/route';
import * as whyNot from '@/app/api/v1/recommendations/why-not/route';
import * as sessionRecommend from '@/app/api/v1/sessions/recommend/route';
import * as cacheSettings from '@/app/api/v1/settings/cache/route';
import * as diversitySettings from '@/app/api/v1/settings/diversity/route';
import * as weightSettings from '@/app/api/v1/settings/event-weights/route';
import * as setup from '@/app/api/v1/setup/route';
import * as strategyDefault from '@/app/api/v1/strategies/[id]/default/route';
import * as strategy from '@/app/api/v1/strategies/[id]/route';
import * as strategies from '@/app/api/v1/strategies/route';
import * as trending from '@/app/api/v1/trending/route';
import * as userExport from '@/app/api/v1/users/[id]/export/route';
import * as userLive from '@/app/api/v1/users/[id]/live/route';
import * as user from '@/app/api/v1/users/[id]/route';
import * as users from '@/app/api/v1/users/route';
import { getConnection } from '@/db';
import { pageLimit } from '@/lib/api/fields';
import { apiKeyInputSchema, auditQuerySchema, consoleUserInputSchema, consoleUserPatchSchema } from '@/lib/auth/schema';
import { curationRuleInputSchema, curationRuleListQuerySchema, curationRulePatchSchema, feedPreviewQuerySchema } from '@/lib/curation/schema';
import { itemInputSchema, itemListQuerySchema, itemPatchSchema, itemStatsQuerySchema } from '@/lib/catalog/schema';
import { eventInputSchema } from '@/lib/events/schema';
import { experimentInputSchema, experimentListQuerySchema, experimentPatchSchema, resultsQuerySchema, shipInputSchema } from '@/lib/experiments/schema';
import { strategyInputSchema, strategyPatchSchema } from '@/lib/experiments/strategy-schema';
import { drainExposureWriter } from '@/lib/experiments/exposure';
import { drainImpressionWriter } from '@/lib/impressions';
import { rangeQuerySchema } from '@/lib/metrics/ranges';
import { explainFeedQuerySchema, whyNotQuerySchema } from '@/lib/recommend/why-not';
import { explainQuerySchema, feedQuerySchema, sessionRequestSchema, similarQuerySchema, trendingQuerySchema } from '@/lib/serving/schema';
import { eventWeightsPatchSchema } from '@/lib/settings/event-weights';
import { cacheTtlsSchema, diversityDefaultsSchema } from '@/lib/settings/serving';
import { userInputSchema, userListQuerySchema } from '@/lib/users/schema';
import { ALWAYS_INVALID, fuzzIds, fuzzInputs, fuzzQueries, fuzzRawBodies } from '@/lib/testing/fuzz';
import { call, type CallOptions, type CallResult } from '@/lib/testing/http';
import { z as zod } from 'zod';

type Handler = Parameters<typeof call>[0];

/**
 * Bad input never gets a 5xx. Every route's input schema is turned into inputs shaped like it,
 * then broken in one place (suspicious edge values, text PostgreSQL cannot store, nesting past
 * the limit, unknown keys); the campaign's corpus runs as given. For every case: no 5xx; a 4xx
 * has a JSON error and changed nothing in the database; input every route must refuse gets a 4xx.
 */

const SEED = 20_261_202;
const RUNS_PER_ROUTE = 30;

interface Case {
  label: string;
  handler: Handler;
  method: string;
  path: string;
  options?: CallOptions;
  /** The input holds something every route must refuse. */
  alwaysInvalid?: boolean;
  /** The exact status the corpus expects. */
  status?: number;
}

const failures: string[] = [];
let tried = 0;
let serverErrors = 0;
const statuses = new Map<number, number>();
let before: Record<string, string> = {};

/**
 * One digest per table: a 4xx that leaves any table different changed state it must not have.
 * Users' last-active times trail accepted events by one write, so they are left out.
 */
let snapshotQuery = '';
async function snapshot(): Promise<Record<string, string>> {
  await drainImpressionWriter();
  await drainExposureWriter();
  const conn = await getConnection();
  if (!snapshotQuery) {
    const tables = await conn.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
    snapshotQuery = `select ${tables.map(({ name }) => `(select md5(coalesce(string_agg(row_text, '|' order by row_text), '')) from (select (to_jsonb(t) - 'last_active_at')::text as row_text from "${name}" t) rows) as "${name}"`).join(', ')}`;
  }
  const [digests] = await conn.query<Record<string, string>>(snapshotQuery);
  return digests ?? {};
}

async function attempt(test: Case): Promise<void> {
  tried++;
  let result: CallResult;
  try {
    result = await call(test.handler, test.method, test.path, test.options);
  } catch (error) {
    // An answer the OpenAPI document does not describe is a failure, not a server error.
    if (!(error as Error).message.startsWith('API contract:')) serverErrors++;
    failures.push(`${test.label}: threw ${(error as Error).message}`);
    before = await snapshot();
    return;
  }
  statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
  const after = await snapshot();
  const problems: string[] = [];
  if (result.status >= 500) {
    serverErrors++;
    problems.push(`got ${result.status} ${JSON.stringify(result.body)?.slice(0, 200)}`);
  }
  if (test.status !== undefined && result.status !== test.status) problems.push(`expected ${test.status}, got ${result.status} ${JSON.stringify(result.body)?.slice(0, 200)}`);
  if (test.alwaysInvalid && (result.status < 400 || result.status >= 500)) problems.push(`expected a 4xx for input every route refuses, got ${result.status}`);
  if (result.status >= 400 && result.status < 500) {
    if (typeof result.body?.error?.code !== 'string' || typeof result.body?.error?.message !== 'string') problems.push(`4xx without a JSON error: ${JSON.stringify(result.body)?.slice(0, 200)}`);
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (changed.length > 0) problems.push(`a ${result.status} changed ${changed.join(', ')}`);
  }
  if (problems.length > 0) failures.push(`${test.label} ${test.method} ${test.path.slice(0, 120)}: ${problems.join('; ')}`);
  before = after;
}

const at = (id: string) => ({ params: { id } });

/** What each route takes: a body schema, a query schema, an id (and the ids that exist). */
interface RouteInputs {
  name: string;
  handler: Handler;
  method: string;
  path: string;
  ids?: () => string[];
  body?: z.ZodType;
  query?: z.ZodType;
}

const seeded = { item: 'item-1', user: 'user-1', experiment: 'exp-1', strategy: 'custom-1', rule: '1', consoleUser: '1', key: '1' };

const ROUTES: RouteInputs[] = [
  { name: 'create API key', handler: adminKeys.POST, method: 'POST', path: '/api/v1/admin/keys', body: apiKeyInputSchema },
  { name: 'revoke API key', handler: adminKey.DELETE, method: 'DELETE', path: '/api/v1/admin/keys/:id', ids: () => [seeded.key] },
  { name: 'create console user', handler: adminUsers.POST, method: 'POST', path: '/api/v1/admin/users', body: consoleUserInputSchema },
  { name: 'update console user', handler: adminUser.PATCH, method: 'PATCH', path: '/api/v1/admin/users/:id', ids: () => [seeded.consoleUser], body: consoleUserPatchSchema },
  { name: 'delete console user', handler: adminUser.DELETE, method: 'DELETE', path: '/api/v1/admin/users/:id', ids: () => [seeded.consoleUser] },
  { name: 'audit log', handler: audit.GET, method: 'GET', path: '/api/v1/audit', query: auditQuerySchema },
  { name: 'curation preview', handler: curationPreview.GET, method: 'GET', path: '/api/v1/curation/preview', query: feedPreviewQuerySchema },
  { name: 'list rules', handler: curationRules.GET, method: 'GET', path: '/api/v1/curation/rules', query: curationRuleListQuerySchema },
  { name: 'create rule', handler: curationRules.POST, method: 'POST', path: '/api/v1/curation/rules', body: curationRuleInputSchema },
  { name: 'read rule', handler: curationRule.GET, method: 'GET', path: '/api/v1/curation/rules/:id', ids: () => [seeded.rule] },
  { name: 'update rule', handler: curationRule.PATCH, method: 'PATCH', path: '/api/v1/curation/rules/:id', ids: () => [seeded.rule], body: curationRulePatchSchema },
  { name: 'delete rule', handler: curationRule.DELETE, method: 'DELETE', path: '/api/v1/curation/rules/:id', ids: () => [seeded.rule] },
  { name: 'ingest events', handler: events.POST, method: 'POST', path: '/api/v1/events', body: eventInputSchema },
  { name: 'list experiments', handler: experiments.GET, method: 'GET', path: '/api/v1/experiments', query: experimentListQuerySchema },
  { name: 'create experiment', handler: experiments.POST, method: 'POST', path: '/api/v1/experiments', body: experimentInputSchema },
  { name: 'read experiment', handler: experiment.GET, method: 'GET', path: '/api/v1/experiments/:id', ids: () => [seeded.experiment] },
  { name: 'update experiment', handler: experiment.PATCH, method: 'PATCH', path: '/api/v1/experiments/:id', ids: () => [seeded.experiment], body: experimentPatchSchema },
  { name: 'delete experiment', handler: experiment.DELETE, method: 'DELETE', path: '/api/v1/experiments/:id', ids: () => [seeded.experiment] },
  { name: 'experiment results', handler: experimentResults.GET, method: 'GET', path: '/api/v1/experiments/:id/results', ids: () => [seeded.experiment], query: resultsQuerySchema },
  { name: 'start experiment', handler: experimentStart.POST, method: 'POST', path: '/api/v1/experiments/:id/start', ids: () => [seeded.experiment] },
  { name: 'pause experiment', handler: experimentPause.POST, method: 'POST', path: '/api/v1/experiments/:id/pause', ids: () => [seeded.experiment] },
  { name: 'stop experiment', handler: experimentStop.POST, method: 'POST', path: '/api/v1/experiments/:id/stop', ids: () => [seeded.experiment] },
  { name: 'ship experiment', handler: experimentShip.POST, method: 'POST', path: '/api/v1/experiments/:id/ship', ids: () => [seeded.experiment], body: shipInputSchema },
  { name: 'list items', handler: items.GET, method: 'GET', path: '/api/v1/items', query: itemListQuerySchema },
  { name: 'create item', handler: items.POST, method: 'POST', path: '/api/v1/items', body: itemInputSchema },
  { name: 'read item', handler: item.GET, method: 'GET', path: '/api/v1/items/:id', ids: () => [seeded.item] },
  { name: 'replace item', handler: item.PUT, method: 'PUT', path: '/api/v1/items/:id', ids: () => [seeded.item], body: itemInputSchema },
  { name: 'update item', handler: item.PATCH, method: 'PATCH', path: '/api/v1/items/:id', ids: () => [seeded.item], body: itemPatchSchema },
  { name: 'hide item', handler: item.DELETE, method: 'DELETE', path: '/api/v1/items/:id', ids: () => [seeded.item] },
  { name: 'similar items', handler: itemSimilar.GET, method: 'GET', path: '/api/v1/items/:id/similar', ids: () => [seeded.item], query: similarQuerySchema },
  { name: 'item stats', handler: itemStats.GET, method: 'GET', path: '/api/v1/items/:id/stats', ids: () => [seeded.item], query: itemStatsQuerySchema },
  { name: 'CTR metrics', handler: metricsCtr.GET, method: 'GET', path: '/api/v1/metrics/ctr', query: rangeQuerySchema },
  { name: 'instance metrics', handler: metricsInstance.GET, method: 'GET', path: '/api/v1/metrics/instance', query: rangeQuerySchema },
  { name: 'training runs', handler: modelRuns.GET, method: 'GET', path: '/api/v1/models/runs', query: zod.object({ limit: pageLimit(200, 20) }) },
  { name: 'training run', handler: modelRun.GET, method: 'GET', path: '/api/v1/models/runs/:id', ids: () => ['1'] },
  { name: 'model versions', handler: modelVersions.GET, method: 'GET', path: '/api/v1/models/versions', query: zod.object({ limit: pageLimit(200, 50) }) },
  { name: 'promote version', handler: promote.POST, method: 'POST', path: '/api/v1/models/versions/:id/promote', ids: () => ['1'] },
  { name: 'explain feed', handler: explainFeed.GET, method: 'GET', path: '/api/v1/recommendations/explain/feed', query: explainFeedQuerySchema },
  { name: 'explain', handler: explain.GET, method: 'GET', path: '/api/v1/recommendations/explain', query: explainQuerySchema },
  { name: 'recommendations', handler: recommendations.GET, method: 'GET', path: '/api/v1/recommendations', query: feedQuerySchema },
  { name: 'why not', handler: whyNot.GET, method: 'GET', path: '/api/v1/recommendations/why-not', query: whyNotQuerySchema },
  { name: 'session recommendations', handler: sessionRecommend.POST, method: 'POST', path: '/api/v1/sessions/recommend', body: sessionRequestSchema },
  { name: 'cache settings', handler: cacheSettings.PATCH, method: 'PATCH', path: '/api/v1/settings/cache', body: cacheTtlsSchema.partial() },
  { name: 'diversity settings', handler: diversitySettings.PATCH, method: 'PATCH', path: '/api/v1/settings/diversity', body: diversityDefaultsSchema.partial() },
  { name: 'event weights', handler: weightSettings.PATCH, method: 'PATCH', path: '/api/v1/settings/event-weights', body: eventWeightsPatchSchema },
  { name: 'first admin set-up', handler: setup.POST, method: 'POST', path: '/api/v1/setup', body: consoleUserInputSchema.omit({ role: true }).extend({ token: zod.string().min(1) }) },
  { name: 'list strategies', handler: strategies.GET, method: 'GET', path: '/api/v1/strategies' },
  { name: 'create strategy', handler: strategies.POST, method: 'POST', path: '/api/v1/strategies', body: strategyInputSchema },
  { name: 'read strategy', handler: strategy.GET, method: 'GET', path: '/api/v1/strategies/:id', ids: () => [seeded.strategy, 'hybrid'] },
  { name: 'update strategy', handler: strategy.PATCH, method: 'PATCH', path: '/api/v1/strategies/:id', ids: () => [seeded.strategy], body: strategyPatchSchema },
  { name: 'delete strategy', handler: strategy.DELETE, method: 'DELETE', path: '/api/v1/strategies/:id', ids: () => [seeded.strategy] },
  { name: 'default strategy', handler: strategyDefault.POST, method: 'POST', path: '/api/v1/strategies/:id/default', ids: () => ['hybrid', seeded.strategy] },
  { name: 'trending', handler: trending.GET, method: 'GET', path: '/api/v1/trending', query: trendingQuerySchema },
  { name: 'list users', handler: users.GET, method: 'GET', path: '/api/v1/users', query: userListQuerySchema },
  { name: 'read user', handler: user.GET, method: 'GET', path: '/api/v1/users/:id', ids: () => [seeded.user], query: zod.object({ history: pageLimit(500, 50) }) },
  { name: 'upsert user', handler: user.PUT, method: 'PUT', path: '/api/v1/users/:id', ids: () => [seeded.user], body: userInputSchema },
  { name: 'delete user', handler: user.DELETE, method: 'DELETE', path: '/api/v1/users/:id', ids: () => [seeded.user] },
  { name: 'export user', handler: userExport.GET, method: 'GET', path: '/api/v1/users/:id/export', ids: () => [seeded.user] },
  { name: 'live profile', handler: userLive.GET, method: 'GET', path: '/api/v1/users/:id/live', ids: () => [seeded.user] },
];

/** Each route's cases: its id, query and body varied together, each broken or not. */
function casesFor(route: RouteInputs): fc.Arbitrary<Case> {
  const noInput = fc.constant({ value: undefined, alwaysInvalid: false });
  const ids = route.ids ? fuzzIds(route.ids()) : fc.constant({ id: '', alwaysInvalid: false });
  const queries = route.query ? fuzzQueries(route.query) : fc.constant({ query: {} as Record<string, string>, alwaysInvalid: false });
  const bodies = route.body ? fuzzInputs(route.body) : noInput;
  const raw = route.body ? fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fuzzRawBodies }) : fc.constant(undefined);
  return fc.tuple(ids, queries, bodies, raw).map(([id, query, body, rawBody]) => {
    const search = new URLSearchParams(query.query).toString();
    const path = `${route.path.replace(':id', id.id.isWellFormed() ? encodeURIComponent(id.id) : '(unpaired surrogate)')}${search ? `?${search}` : ''}`;
    return {
      label: route.name,
      handler: route.handler,
      method: route.method,
      path,
      options: { ...(route.ids && at(id.id)), ...(route.body && (rawBody ?? { body: body.value ?? null })) },
      alwaysInvalid: id.alwaysInvalid || query.alwaysInvalid || (!rawBody && body.alwaysInvalid),
    };
  });
}

/** The cases the fault campaign reported, with the answer each must get. */
function corpus(): Case[] {
  const event = (fields: Record<string, unknown>) => ({ event_id: `corpus-${tried}`, user_id: 'user-1', item_id: 'item-1', type: 'view', ...fields });
  const nul = ALWAYS_INVALID.nul;
  const huge = 9_000_000_000_000_000;
  const cases: Case[] = [
    { label: 'NUL in event_id', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ event_id: nul }) }, status: 400 },
    { label: 'NUL in user_id', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ user_id: nul }) }, status: 400 },
    { label: 'NUL in session_id', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ session_id: nul }) }, status: 400 },
    { label: 'NUL in context', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ context: { page: nul } }) }, status: 400 },
    { label: 'NUL in a context key', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ context: { [nul]: 1 } }) }, status: 400 },
    { label: 'NUL in a title', handler: items.POST, method: 'POST', path: '/api/v1/items', options: { body: { id: 'corpus-item', title: nul } }, status: 400 },
    { label: 'NUL in attributes', handler: items.POST, method: 'POST', path: '/api/v1/items', options: { body: { id: 'corpus-item', attributes: { director: nul } } }, status: 400 },
    { label: 'NUL in an attribute key', handler: item.PUT, method: 'PUT', path: '/api/v1/items/item-1', options: { body: { attributes: { [nul]: 'x' } }, ...at('item-1') }, status: 400 },
    { label: 'NUL in a query parameter', handler: users.GET, method: 'GET', path: '/api/v1/users?q=a%00b', status: 400 },
    { label: 'NUL in an item list filter', handler: items.GET, method: 'GET', path: '/api/v1/items?category=a%00b', status: 400 },
    { label: 'NUL in a feed user', handler: recommendations.GET, method: 'GET', path: '/api/v1/recommendations?user=a%00b', status: 400 },
    { label: 'NUL in an item path', handler: item.GET, method: 'GET', path: '/api/v1/items/a%00b', options: at(nul), status: 400 },
    { label: 'NUL in a user path', handler: user.PUT, method: 'PUT', path: '/api/v1/users/a%00b', options: { body: {}, ...at(nul) }, status: 400 },
    { label: 'year 0', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ timestamp: '0000-01-01T00:00:00Z' }) }, status: 400 },
    { label: 'negative epoch', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ timestamp: -1 }) }, status: 400 },
    { label: 'timestamp past JavaScript dates', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ timestamp: huge }) }, status: 400 },
    { label: 'published_at past JavaScript dates', handler: items.POST, method: 'POST', path: '/api/v1/items', options: { body: { id: 'corpus-item', published_at: huge } }, status: 400 },
    { label: 'published_at in year 0', handler: item.PATCH, method: 'PATCH', path: '/api/v1/items/item-1', options: { body: { published_at: '0000-01-01T00:00:00Z' }, ...at('item-1') }, status: 400 },
    { label: 'starts_at past JavaScript dates', handler: curationRules.POST, method: 'POST', path: '/api/v1/curation/rules', options: { body: { kind: 'block', target_type: 'item', target: 'item-1', starts_at: huge } }, status: 400 },
    { label: 'key id past int4', handler: adminKey.DELETE, method: 'DELETE', path: '/api/v1/admin/keys/2147483648', options: at('2147483648'), status: 404 },
    { label: 'console user id past int4', handler: adminUser.PATCH, method: 'PATCH', path: '/api/v1/admin/users/2147483648', options: { body: { name: 'x' }, ...at('2147483648') }, status: 404 },
    { label: 'console user id past int4', handler: adminUser.DELETE, method: 'DELETE', path: '/api/v1/admin/users/2147483648', options: at('2147483648'), status: 404 },
    { label: 'version id past int4', handler: promote.POST, method: 'POST', path: '/api/v1/models/versions/2147483648/promote', options: at('2147483648'), status: 404 },
    { label: 'run id past int4', handler: modelRun.GET, method: 'GET', path: '/api/v1/models/runs/2147483648', options: at('2147483648'), status: 404 },
    { label: 'rule id past int4', handler: curationRule.GET, method: 'GET', path: '/api/v1/curation/rules/2147483648', options: at('2147483648'), status: 404 },
    { label: 'context nested 5,000 levels', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { rawBody: withDeepField(event({}), 'context', 5_000) }, status: 400 },
    { label: 'attributes nested 5,000 levels', handler: items.POST, method: 'POST', path: '/api/v1/items', options: { rawBody: withDeepField({ id: 'corpus-item' }, 'attributes', 5_000) }, status: 400 },
    { label: 'context over its size limit', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ context: { blob: 'x'.repeat(20_000) } }) }, status: 400 },
    { label: 'lone surrogate in item_id', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ item_id: ALWAYS_INVALID.loneSurrogate }) }, status: 400 },
    { label: 'lone surrogate in a batch', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: [event({ event_id: 'fine-1', item_id: 'fresh-item' }), event({ event_id: 'bad-2', user_id: ALWAYS_INVALID.loneLowSurrogate })] }, status: 400 },
    { label: 'expires_at before the stored published_at', handler: item.PATCH, method: 'PATCH', path: '/api/v1/items/item-1', options: { body: { expires_at: '2001-01-01T00:00:00Z' }, ...at('item-1') }, status: 400 },
    { label: 'expires_at before published_at in one patch', handler: item.PATCH, method: 'PATCH', path: '/api/v1/items/item-1', options: { body: { published_at: '2030-01-01T00:00:00Z', expires_at: '2029-01-01T00:00:00Z' }, ...at('item-1') }, status: 400 },
    { label: 'a rating past the scale', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ type: 'rate', value: 99 }) }, status: 400 },
    { label: 'a value a real column cannot hold', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ type: 'purchase', value: 1e-200 }) }, status: 400 },
    { label: 'a boost a real column cannot hold', handler: curationRules.POST, method: 'POST', path: '/api/v1/curation/rules', options: { body: { kind: 'boost', target_type: 'item', target: 'item-1', boost: 1e-200 } }, status: 400 },
    { label: 'a negative rating', handler: events.POST, method: 'POST', path: '/api/v1/events', options: { body: event({ type: 'rate', value: -1 }) }, status: 400 },
  ];
  for (const limit of ['-1', '0', '1e9']) {
    cases.push({ label: `runs limit=${limit}`, handler: modelRuns.GET, method: 'GET', path: `/api/v1/models/runs?limit=${limit}`, status: 400 });
    cases.push({ label: `versions limit=${limit}`, handler: modelVersions.GET, method: 'GET', path: `/api/v1/models/versions?limit=${limit}`, status: 400 });
  }
  return cases;
}

/** JSON text (no serializer recurses this deep) with `field` holding `{"deep": [[[…]]]}`. */
function withDeepField(body: Record<string, unknown>, field: string, depth: number): string {
  return `${JSON.stringify(body).slice(0, -1)},"${field}":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

async function seed(): Promise<void> {
  const created = [
    await call(items.POST, 'POST', '/api/v1/items', { body: { id: seeded.item, title: 'One', category: 'Drama', published_at: '2020-01-01T00:00:00Z' } }),
    await call(items.POST, 'POST', '/api/v1/items', { body: { id: 'item-2', title: 'Two', category: 'Comedy' } }),
    await call(user.PUT, 'PUT', `/api/v1/users/${seeded.user}`, { body: {}, ...at(seeded.user) }),
    await call(events.POST, 'POST', '/api/v1/events', { body: { event_id: 'seed-1', user_id: seeded.user, item_id: 'item-2', type: 'click' } }),
    await call(curationRules.POST, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: 'item-2' } }),
    await call(strategies.POST, 'POST', '/api/v1/strategies', { body: { key: seeded.strategy, config: (await call(strategy.GET, 'GET', '/api/v1/strategies/popular', at('popular'))).body.config } }),
    await call(experiments.POST, 'POST', '/api/v1/experiments', { body: { key: seeded.experiment, variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'treatment', strategy: seeded.strategy }] } }),
    await call(adminUsers.POST, 'POST', '/api/v1/admin/users', { body: { email: 'fuzz@example.test', role: 'editor', password: 'fuzz-password-0123' } }),
    await call(adminKeys.POST, 'POST', '/api/v1/admin/keys', { body: { name: 'fuzz', scopes: ['recommend'] } }),
  ];
  expect(created.map((response) => response.status)).toEqual([201, 201, 201, 200, 201, 201, 201, 201, 201]);
  seeded.rule = String(created[4]?.body.id);
  seeded.consoleUser = String(created[7]?.body.id);
  seeded.key = String(created[8]?.body.id);
}

beforeAll(async () => {
  await seed();
  before = await snapshot();
}, 60_000);

afterAll(() => {
  const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
  console.log(`input fuzz: ${tried} cases tried, ${serverErrors} × 5xx, ${failures.length} failures (seed ${SEED}; ${byStatus.join(', ')})`);
});

describe('bad input never gets a 5xx', () => {
  it('answers the fault campaign’s corpus with a 4xx that changes nothing', async () => {
    for (const test of corpus()) await attempt(test);
    const conn = await getConnection();
    expect(await conn.query(`select external_id from items where external_id not in ('item-1', 'item-2')`)).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('answers inputs generated from every route’s schemas without a 5xx, and refuses bad ones cleanly', async () => {
    const sample = fc.sample(fc.constantFrom(...ROUTES).chain(casesFor), { numRuns: RUNS_PER_ROUTE * ROUTES.length, seed: SEED });
    for (const test of sample) await attempt(test);
    expect(serverErrors).toBe(0);
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted, 'a "__proto__" key reached an object prototype').toBeUndefined();
  }, 240_000);
});
