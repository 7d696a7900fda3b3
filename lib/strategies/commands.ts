import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { experimentsChanged } from '@/lib/experiments/serving';
import { toStrategyJson, type StrategyInput, type StrategyJson, type StrategyPatch } from '@/lib/experiments/strategy-schema';
import * as store from './store';

/**
 * Strategies' writes, each audited and announced (every process re-reads the strategies it serves
 * with). They answer with the strategy as the API shows it, which names the current default.
 */

export async function createStrategy(conn: DatabaseConnection, by: Principal, input: StrategyInput): Promise<StrategyJson> {
  const strategy = await store.createStrategy(conn, input);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'strategy.create', targetType: 'strategy', targetId: strategy.key, details: { version: strategy.version, config: strategy.config } });
  return toStrategyJson(strategy, await store.defaultStrategyKey(conn.db));
}

/** Every edit is a new version. */
export async function updateStrategy(conn: DatabaseConnection, by: Principal, key: string, patch: StrategyPatch): Promise<StrategyJson> {
  const strategy = await store.updateStrategy(conn, key, patch);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'strategy.update', targetType: 'strategy', targetId: key, details: { version: strategy.version, changed: Object.keys(patch) } });
  return toStrategyJson(strategy, await store.defaultStrategyKey(conn.db));
}

export async function deleteStrategy(conn: DatabaseConnection, by: Principal, key: string): Promise<StrategyJson> {
  const strategy = await store.deleteStrategy(conn, key);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'strategy.delete', targetType: 'strategy', targetId: key, details: { version: strategy.version } });
  return toStrategyJson(strategy, await store.defaultStrategyKey(conn.db));
}

/** Everyone outside an experiment is served this strategy from the next request on. */
export async function makeDefaultStrategy(conn: DatabaseConnection, by: Principal, key: string): Promise<StrategyJson> {
  const strategy = await store.makeDefaultStrategy(conn, key);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'strategy.make_default', targetType: 'strategy', targetId: key, details: { version: strategy.version } });
  return toStrategyJson(strategy, strategy.key);
}
