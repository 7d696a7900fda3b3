import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { GET as exportUser } from '@/app/api/v1/users/[id]/export/route';
import { DELETE as deleteUser, GET as getUser, PUT as putUser } from '@/app/api/v1/users/[id]/route';
import { getConnection } from '@/db';
import { createRedisClient, keyNodes } from '@/lib/cache/redis';
import { getConfig } from '@/lib/config';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { exposureWriter } from '@/lib/experiments/exposure';
import { createExperiment, startExperiment } from '@/lib/experiments/lifecycle';
import { experimentInputSchema } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';
import { getImpressionWriter } from '@/lib/impressions';
import { insertImpressions } from '@/lib/impressions/store';
import { decodeStrings, unpackBundle } from '@/lib/models/bundle/container';
import { DELETED_ARTIFACT, getVersion, pruneCandidateArtifacts, readVerifiedArtifact, registerVersion } from '@/lib/models/registry';
import { getFeatureStore } from '@/lib/realtime';
import { PRECOMPUTED_SOURCES, precomputedList } from '@/lib/recommend/precomputed';
import { trainedHistoryOf } from '@/lib/recommend/user-histories';
import { takeProcessSingleton } from '@/lib/runtime/singleton';
import { reloadServingModel, servingModel } from '@/lib/serving/state';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';
import { loadTrainingData } from '@/lib/training/load-events';
import { scrubForgottenUsersFromArtifacts } from './artifacts';

const getFeed = (user: string, query = 'n=5') => call(feed, 'GET', `/api/v1/recommendations?user=${encodeURIComponent(user)}&${query}`);
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
const at = (id: string) => ({ params: { id } });

async function flushWriters(): Promise<void> {
  await Promise.all([(await getImpressionWriter()).flush(), exposureWriter().flush()]);
}

/**
 * Every row of every table, column by column, whose text holds `needle`. Binary columns are left
 * out: they hold model bundles, scanned whole by `artifactMentions`.
 */
async function databaseMentions(needle: string): Promise<string[]> {
  const conn = await getConnection();
  const columns = await conn.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type <> 'bytea'`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = await conn.query<{ n: number }>(`select count(*)::int as n from "${table}" where strpos("${column}"::text, $1) > 0`, [needle]);
    if (row!.n > 0) found.push(`${table}.${column}: ${row!.n}`);
  }
  return found;
}

/** Every key under this test file's Redis prefix whose name or value holds `needle`; none without Redis. */
async function redisMentions(needle: string): Promise<string[]> {
  const { redis } = getConfig();
  if (!redis) return [];
  const client = createRedisClient(redis.url, '');
  try {
    const found: string[] = [];
    const keys = (await Promise.all((await keyNodes(client)).map((node) => node.keys(`${redis.prefix}*`)))).flat();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const type = await client.type(key);
      const value =
        type === 'string' ? await client.get(key)
        : type === 'hash' ? JSON.stringify(await client.hgetall(key))
        : type === 'list' ? JSON.stringify(await client.lrange(key, 0, -1))
        : type === 'set' ? JSON.stringify(await client.smembers(key))
        : type === 'zset' ? JSON.stringify(await client.zrange(key, '0', '-1'))
        : `(${type})`;
      if (key.includes(needle) || value?.includes(needle)) found.push(key);
    }
    return found;
  } finally {
    client.disconnect();
  }
}

/**
 * Every string reachable from this process's singletons (caches, mirrors, the loaded model,
 * pending writers, the feature store in memory) that holds `needle`, by path.
 */
async function memoryMentions(needle: string): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<unknown>();
  const walk = async (value: unknown, path: string): Promise<void> => {
    if (typeof value === 'string') {
      if (value.includes(needle)) found.push(path);
      return;
    }
    if (value === null || typeof value !== 'object' || visited.has(value)) return;
    visited.add(value);
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof WeakMap || value instanceof WeakSet) return;
    if (value instanceof Promise) return walk(await value.catch(() => null), `${path}.then`);
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        await walk(key, `${path}.key`);
        await walk(entry, `${path}[${String(key).slice(0, 40)}]`);
      }
      return;
    }
    if (value instanceof Set || Array.isArray(value)) {
      let index = 0;
      for (const entry of value) await walk(entry, `${path}[${index++}]`);
      return;
    }
    for (const key of Object.keys(value)) await walk((value as Record<string, unknown>)[key], `${path}.${key}`);
  };
  for (const symbol of Object.getOwnPropertySymbols(globalThis)) {
    const name = symbol.description ?? '';
    // The database clients are not state of ours: what they hold is the connection's, not the user's.
    if (!name.startsWith('tailor.') || name === 'tailor.database') continue;
    await walk((globalThis as Record<symbol, unknown>)[symbol], name);
  }
  return found;
}

/** Where a copy of the model is stored as a file, as `TAILOR_MODEL_DIR` stores bundles. */
let modelDir = '';

/**
 * Every stored model artifact (database parts and files under the model directory) whose bytes
 * hold `needle` anywhere (meta, id lists, any section), and every one whose row `row` still has
 * a user id or a non-zero factor.
 */
async function artifactMentions(needle: string, row: number): Promise<string[]> {
  const conn = await getConnection();
  const found: string[] = [];
  const versions = await conn.query<{ id: number }>(`select id from model_versions where artifact_location <> $1 order by id`, [DELETED_ARTIFACT]);
  expect(versions.length).toBeGreaterThanOrEqual(2);
  for (const { id } of versions) {
    const version = (await getVersion(conn, id))!;
    const bytes = await readVerifiedArtifact(conn, version);
    if (Buffer.from(bytes).includes(needle)) found.push(`model version ${id} (${version.artifactLocation})`);
    const { sections } = unpackBundle(bytes);
    const k = sections['als.userFactors']!.length / decodeStrings(sections.userIds, 'userIds').length;
    if (decodeStrings(sections.userIds, 'userIds')[row] !== '' || sections['als.userFactors']!.subarray(row * k, (row + 1) * k).some((value) => value !== 0)) found.push(`model version ${id}: row ${row}`);
  }
  for (const file of await readdir(modelDir)) {
    if ((await readFile(path.join(modelDir, file))).includes(needle)) found.push(`file ${file}`);
  }
  return found;
}

let experimentKey = '';

beforeAll(async () => {
  const { versionId } = await servingWorld();
  const conn = await getConnection();
  // The same bundle stored twice more: as a file, and as a pruned candidate that keeps no artifact.
  modelDir = await mkdtemp(path.join(tmpdir(), 'tailor-forget-'));
  const active = (await getVersion(conn, versionId))!;
  const bytes = await readVerifiedArtifact(conn, active);
  const stored = { bytes, params: active.params, metrics: active.metrics, counts: active.counts, dataFrom: active.dataFrom, dataTo: active.dataTo, trainingRunId: null };
  await registerVersion(conn, stored, null);
  await registerVersion(conn, stored, modelDir);
  expect(await pruneCandidateArtifacts(conn, 1)).toHaveLength(1);
  // Both arms rank without exploration, so two users nobody knows get the same feed.
  const input = experimentInputSchema.parse({ key: 'forgetting', variants: [{ key: 'a', strategy: 'collaborative' }, { key: 'b', strategy: 'collaborative' }] });
  experimentKey = (await createExperiment(conn, input)).key;
  await startExperiment(conn, experimentKey);
  experimentsChanged();
}, 180_000);

afterAll(() => rm(modelDir, { recursive: true, force: true }));

describe('forgetting a user', () => {
  it('leaves nothing that names them in the database, Redis, memory or stored models; their cursor, model row and training data go', async () => {
    const user = 'user-00007';
    const cold = 'never-seen-before';
    const model = (await servingModel())!;
    const row = model.userIndex.get(user)!;
    expect(row).toBeDefined();
    const k = model.models.als.factors;
    const learnt = () => [
      ...model.models.als.userFactors.subarray(row * k, (row + 1) * k),
      ...trainedHistoryOf(model.models.histories!, row).strengths,
      ...PRECOMPUTED_SOURCES.flatMap((source) => [...precomputedList(model.models.precomputed!, source.name, row)]),
    ];
    expect(learnt().some((value) => value !== 0)).toBe(true);

    // A world in which the user is everywhere: events (and the real-time store), a feed served
    // under an experiment (impression, exposure), cached responses and a stored list with a cursor.
    const events = [0, 1].map((n) => ({ event_id: `forget-${n}`, user_id: user, item_id: `item-000${10 + n}`, type: 'click' }));
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: events })).status).toBe(200);
    const first = await getFeed(user, 'n=5&device=tablet');
    expect(first.status).toBe(200);
    expect(first.body.experiment).toBe(experimentKey);
    expect(first.body.next_cursor).toBeTruthy();
    const coldFeed = ids((await getFeed(cold)).body);
    expect(ids(first.body)).not.toEqual(coldFeed);
    await flushWriters();

    const exported = await call(exportUser, 'GET', `/api/v1/users/${user}/export`, at(user));
    expect(exported.body.experiment_exposures).toEqual([expect.objectContaining({ experiment: experimentKey, device: 'tablet', returning: true })]);
    // The console's user panel reads the same exposures from the profile.
    expect((await call(getUser, 'GET', `/api/v1/users/${user}`, at(user))).body.experiments).toEqual(exported.body.experiment_exposures);
    expect(exported.body.impressions.length).toBeGreaterThan(0);
    expect(exported.body.live_profile.recent.length).toBeGreaterThan(0);
    // The scans see the user before the deletion, wherever they are.
    expect(await databaseMentions(user)).toEqual(expect.arrayContaining([expect.stringMatching(/^impressions\.user_id/), expect.stringMatching(/^experiment_exposures\.user_id/)]));
    expect(await memoryMentions(user)).toEqual(expect.arrayContaining([expect.stringMatching(/^tailor\.serving-model/), expect.stringMatching(/^tailor\.serving-users/)]));
    if (getConfig().redis) expect((await redisMentions(user)).length).toBeGreaterThanOrEqual(3);
    expect(await artifactMentions(user, row)).toHaveLength(5);
    const other = 'user-00020';
    const otherFeed = ids((await getFeed(other, 'n=8')).body);

    // Served just before the deletion: its impression is still queued when the deletion runs.
    expect((await getFeed(user, 'n=7')).status).toBe(200);
    const deleted = await call(deleteUser, 'DELETE', `/api/v1/users/${user}`, at(user));
    expect(deleted.status).toBe(200);
    await flushWriters();

    expect(await databaseMentions(user)).toEqual([]);
    expect(await redisMentions(user)).toEqual([]);
    expect(await memoryMentions(user)).toEqual([]);
    expect(model.userIndex.has(user)).toBe(false);
    expect(learnt().every((value) => value === 0)).toBe(true);

    // The next training has no row for them.
    const { data } = await loadTrainingData(await getConnection(), DEFAULT_EVENT_WEIGHTS);
    expect(data.userIds).not.toContain(user);
    expect(data.userIds.length).toBeGreaterThan(100);

    // A cursor from before no longer works, and their feed is a stranger's.
    const page2 = await getFeed(user, `n=5&cursor=${first.body.next_cursor}`);
    expect(page2.status).toBe(400);
    expect(ids((await getFeed(user)).body)).toEqual(coldFeed);

    // A process that loads the same model later masks them out too.
    await takeProcessSingleton('serving-model');
    expect((await reloadServingModel())!.userIndex.has(user)).toBe(false);

    // The scrub pass takes them out of every stored model; one loaded after it serves everyone else as before.
    const report = await scrubForgottenUsersFromArtifacts(await getConnection());
    expect(report.rewritten).toHaveLength(2);
    expect(await artifactMentions(user, row)).toEqual([]);
    expect((await scrubForgottenUsersFromArtifacts(await getConnection())).rewritten).toEqual([]);
    await takeProcessSingleton('serving-model');
    const scrubbed = (await reloadServingModel())!;
    expect(scrubbed.userIndex.has(user)).toBe(false);
    expect(scrubbed.userIndex.get(other)).toBe(model.userIndex.get(other));
    expect(ids((await getFeed(other, 'n=8')).body)).toEqual(otherFeed);
  });

  it('drops a late write recorded before the deletion, and keeps one recorded after it', async () => {
    const user = 'user-00011';
    expect((await call(deleteUser, 'DELETE', `/api/v1/users/${user}`, at(user))).status).toBe(200);
    const impression = { userId: user, surface: 'feed', items: ['item-00001'], strategy: 'hybrid', modelVersion: null, experiment: null, variant: null, fallback: null, latencyMs: 1 };
    const conn = await getConnection();
    expect(await insertImpressions(conn, [{ ...impression, recommendationId: 'late-before', servedAt: new Date(Date.now() - 60_000) }])).toBe(0);
    expect(await insertImpressions(conn, [{ ...impression, recommendationId: 'late-after', servedAt: new Date(Date.now() + 1_000) }])).toBe(1);
  });

  it('lowering data sharing to minimal forgets their behaviour but keeps the user and their events', async () => {
    const user = 'user-00012';
    const conn = await getConnection();
    expect((await call(putUser, 'PUT', `/api/v1/users/${user}`, { body: { data_sharing: 'standard' }, ...at(user) })).status).toBe(200);
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: 'minimal-1', user_id: user, item_id: 'item-00003', type: 'click' } })).status).toBe(200);
    const first = await getFeed(user);
    expect(first.body.next_cursor).toBeTruthy();
    expect((await servingModel())!.userIndex.has(user)).toBe(true);
    const [before] = await conn.query<{ n: number }>(`select count(*)::int as n from events e join users u on u.id = e.user_id where u.external_id = $1`, [user]);

    expect((await call(putUser, 'PUT', `/api/v1/users/${user}`, { body: { data_sharing: 'minimal' }, ...at(user) })).status).toBe(200);
    expect((await servingModel())!.userIndex.has(user)).toBe(false);
    expect(await getFeatureStore().read(user)).toBeNull();
    expect((await getFeed(user, `n=5&cursor=${first.body.next_cursor}`)).status).toBe(400);
    expect(await redisMentions(user)).toEqual([]);
    const [after] = await conn.query<{ n: number }>(`select count(*)::int as n from events e join users u on u.id = e.user_id where u.external_id = $1`, [user]);
    expect(after!.n).toBe(before!.n);
  });
});
