import 'server-only';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { settings, strategies, strategyVersions, type StrategyRow, type StrategyVersionRow } from '@/db/schema';
import { CommandError } from '@/lib/runtime/command-errors';
import { liveExperimentsUsing, lockConfiguration, type Executor } from '@/lib/experiments/store';
import { mergeConfig, type Strategy, type StrategyInput, type StrategyPatch, type StrategyVersion } from '@/lib/experiments/strategy-schema';
import { parseInput } from '@/lib/api/validate';
import { DEFAULT_STRATEGY_KEY, PRESET_STRATEGIES, strategyConfigSchema, type StrategyConfig } from './schema';

export type { Strategy, StrategyVersion } from '@/lib/experiments/strategy-schema';

const DEFAULT_SETTING = 'default_strategy';
/** Present once the presets were seeded: a preset deleted later stays deleted. */
const SEEDED_SETTING = 'strategy_presets_seeded';

const PRESET_DESCRIPTIONS: Record<keyof typeof PRESET_STRATEGIES, string> = {
  popular: 'Popular and trending items, no personal model: the baseline every other strategy should beat.',
  content: 'Items like the ones the user engaged with, by their text: good for new items and narrow tastes.',
  collaborative: 'Collaborative filtering (ALS, item neighbours, EASE) blended without the ranker.',
  hybrid: 'Every candidate source, ordered by the learned ranker, with diversity and exploration.',
};

function toStrategy(row: StrategyRow): Strategy {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    version: row.version,
    // Written only through strategyConfigSchema; serving re-checks it before use.
    config: row.config as StrategyConfig,
    isPreset: row.isPreset,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toVersion(row: StrategyVersionRow): StrategyVersion {
  return { version: row.version, name: row.name, description: row.description, config: row.config as StrategyConfig, createdAt: row.createdAt };
}

const seeded = new WeakMap<DatabaseConnection, Promise<void>>();

/**
 * Seeds the presets into a database that never had them, once per process and connection. One
 * statement: the marker insert decides, so concurrent first reads in several processes seed once,
 * and a preset deleted later is not brought back.
 */
export function ensurePresets(conn: DatabaseConnection): Promise<void> {
  let pending = seeded.get(conn);
  if (!pending) {
    const presets = Object.entries(PRESET_STRATEGIES).map(([key, config]) => ({
      key,
      name: key[0]!.toUpperCase() + key.slice(1),
      description: PRESET_DESCRIPTIONS[key as keyof typeof PRESET_STRATEGIES],
      config,
    }));
    pending = conn
      .query(
        `with marker as (
           insert into settings (key, value) values ($2, 'true'::jsonb) on conflict (key) do nothing returning key
         ), seeded as (
           insert into strategies (key, name, description, config, is_preset)
           select p.key, p.name, p.description, p.config, true
           from json_to_recordset($1::json) as p(key text, name text, description text, config jsonb)
           where exists (select 1 from marker)
           on conflict (key) do nothing
           returning key, name, description, config
         )
         insert into strategy_versions (strategy_key, version, name, description, config)
         select key, 1, name, description, config from seeded`,
        [JSON.stringify(presets), SEEDED_SETTING],
      )
      .then(() => undefined);
    pending.catch(() => seeded.delete(conn));
    seeded.set(conn, pending);
  }
  return pending;
}

export async function listStrategies(conn: DatabaseConnection): Promise<{ strategies: Strategy[]; defaultKey: string }> {
  await ensurePresets(conn);
  const [rows, defaultKey] = await Promise.all([conn.db.select().from(strategies).orderBy(asc(strategies.key)), defaultStrategyKey(conn.db)]);
  return { strategies: rows.map(toStrategy), defaultKey };
}

export async function getStrategy(conn: DatabaseConnection, key: string): Promise<Strategy | null> {
  await ensurePresets(conn);
  return findStrategy(conn.db, key);
}

async function findStrategy(db: Executor, key: string): Promise<Strategy | null> {
  const [row] = await db.select().from(strategies).where(eq(strategies.key, key)).limit(1);
  return row ? toStrategy(row) : null;
}

/** Newest first. */
export async function strategyHistory(conn: DatabaseConnection, key: string, limit = 50): Promise<StrategyVersion[]> {
  const rows = await conn.db.select().from(strategyVersions).where(eq(strategyVersions.strategyKey, key)).orderBy(desc(strategyVersions.version)).limit(limit);
  return rows.map(toVersion);
}

/** The strategy everyone outside an experiment gets: `hybrid` until another is made the default. */
export async function defaultStrategyKey(db: Executor): Promise<string> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEFAULT_SETTING)).limit(1);
  const value = row?.value as { key?: unknown } | undefined;
  return typeof value?.key === 'string' ? value.key : DEFAULT_STRATEGY_KEY;
}

/** The named strategies that exist, for checking an experiment's variants in one query. */
export async function strategiesByKey(db: Executor, keys: readonly string[]): Promise<Map<string, Strategy>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select().from(strategies).where(inArray(strategies.key, [...keys]));
  return new Map(rows.map((row) => [row.key, toStrategy(row)]));
}

export async function createStrategy(conn: DatabaseConnection, input: StrategyInput): Promise<Strategy> {
  await ensurePresets(conn);
  return conn.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(strategies)
      .values({ key: input.key, name: input.name ?? input.key, description: input.description, config: input.config })
      .onConflictDoNothing({ target: strategies.key })
      .returning();
    if (!row) throw CommandError.conflict(`strategy '${input.key}' already exists`);
    await tx.insert(strategyVersions).values({ strategyKey: row.key, version: row.version, name: row.name, description: row.description, config: row.config });
    return toStrategy(row);
  });
}

/**
 * Every edit makes a new version. A strategy a running or paused experiment serves cannot change:
 * its variant would stop being what the experiment measures.
 */
export async function updateStrategy(conn: DatabaseConnection, key: string, patch: StrategyPatch): Promise<Strategy> {
  await ensurePresets(conn);
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await findStrategy(tx, key);
    if (!current) throw CommandError.notFound('strategy', key);
    const users = await liveExperimentsUsing(tx, key);
    if (users.length > 0) throw CommandError.conflict(`strategy '${key}' is served by ${describe(users)}; stop ${users.length === 1 ? 'it' : 'them'} before editing the strategy, or create a new one`);
    const config = patch.config ? parseInput(strategyConfigSchema, mergeConfig(current.config, patch.config), 'strategy config', 'config') : current.config;
    const [row] = await tx
      .update(strategies)
      .set({
        name: patch.name ?? current.name,
        description: patch.description ?? current.description,
        config,
        version: sql`${strategies.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(strategies.key, key))
      .returning();
    if (!row) throw CommandError.notFound('strategy', key);
    await tx.insert(strategyVersions).values({ strategyKey: row.key, version: row.version, name: row.name, description: row.description, config: row.config });
    return toStrategy(row);
  });
}

/** Refused while the strategy is the default or served by a running or paused experiment. Its history goes with it. */
export async function deleteStrategy(conn: DatabaseConnection, key: string): Promise<Strategy> {
  await ensurePresets(conn);
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await findStrategy(tx, key);
    if (!current) throw CommandError.notFound('strategy', key);
    if ((await defaultStrategyKey(tx)) === key) throw CommandError.conflict(`strategy '${key}' is the default; make another strategy the default first`);
    const users = await liveExperimentsUsing(tx, key);
    if (users.length > 0) throw CommandError.conflict(`strategy '${key}' is served by ${describe(users)}`);
    await tx.delete(strategies).where(eq(strategies.key, key));
    return current;
  });
}

export async function makeDefaultStrategy(conn: DatabaseConnection, key: string): Promise<Strategy> {
  await ensurePresets(conn);
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    return setDefaultStrategy(tx, key);
  });
}

/** Inside a transaction that holds the configuration lock (ship-the-winner calls it too). */
export async function setDefaultStrategy(db: Executor, key: string): Promise<Strategy> {
  const strategy = await findStrategy(db, key);
  if (!strategy) throw CommandError.notFound('strategy', key);
  await db
    .insert(settings)
    .values({ key: DEFAULT_SETTING, value: { key } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { key }, updatedAt: new Date() } });
  return strategy;
}

function describe(experiments: { key: string; status: string }[]): string {
  return experiments.map((experiment) => `${experiment.status} experiment '${experiment.key}'`).join(', ');
}
