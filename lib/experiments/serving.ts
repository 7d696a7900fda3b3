import 'server-only';
import { getConnection } from '@/db';
import { publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import { Refreshing } from '@/lib/serving/refreshing';
import { DEFAULT_STRATEGY_KEY, PRESET_STRATEGIES, strategyConfigSchema, type StrategyConfig } from '@/lib/strategies/schema';
import { ensurePresets, listStrategies, type Strategy } from '@/lib/strategies/store';
import { assignUser, type AssignableExperiment } from './assignment';
import { exposureWriter } from './exposure';
import { runningExperiments } from './store';
import { slotCount } from './types';

/** What the serving layer builds a response with. */
export interface StrategyChoice {
  strategyKey: string;
  /** 0 for the built-in default, served when the stored strategies cannot be read. */
  strategyVersion: number;
  config: StrategyConfig;
  experiment: string | null;
  variant: string | null;
}

export interface ServingUser {
  id: string;
  /** No history yet: the audience of experiments targeting `new`. */
  isNew: boolean;
  attributes: Record<string, unknown>;
  /** The request's device class, kept with a first exposure so results can break down by it. */
  device?: string;
}

interface ResolvedStrategy {
  key: string;
  version: number;
  config: StrategyConfig;
}

interface LiveExperiment extends AssignableExperiment {
  id: number;
  key: string;
  variants: { key: string; strategy: ResolvedStrategy }[];
}

interface ServingExperiments {
  defaultStrategy: ResolvedStrategy;
  experiments: LiveExperiment[];
}

const MAX_AGE_MS = 2_000;
const BUILT_IN: ResolvedStrategy = { key: DEFAULT_STRATEGY_KEY, version: 0, config: PRESET_STRATEGIES.hybrid };

function servingExperiments(): Refreshing<ServingExperiments> {
  return processSingleton(
    'serving-experiments',
    () =>
      new Refreshing(load, {
        maxAgeMs: MAX_AGE_MS,
        // Requests never wait on a periodic re-read: they assign from the last good state meanwhile.
        staleWhileRefreshing: true,
        invalidatedBy: 'experiments',
        onError: (error) => log.warn('reading experiments and strategies failed; serving the last known ones', error),
      }),
  );
}

async function load(): Promise<ServingExperiments> {
  const conn = await getConnection();
  await ensurePresets(conn);
  const [running, { strategies, defaultKey }] = await Promise.all([runningExperiments(conn.db), listStrategies(conn)]);
  const byKey = new Map<string, ResolvedStrategy>();
  for (const strategy of strategies) {
    const resolved = resolve(strategy);
    if (resolved) byKey.set(strategy.key, resolved);
  }
  const defaultStrategy = byKey.get(defaultKey) ?? BUILT_IN;
  if (defaultStrategy === BUILT_IN && defaultKey !== DEFAULT_STRATEGY_KEY) log.warn(`default strategy '${defaultKey}' is missing or invalid; serving the built-in '${DEFAULT_STRATEGY_KEY}'`);
  const experiments: LiveExperiment[] = [];
  for (const experiment of running) {
    if (experiment.slotStart === null) continue;
    const variants = experiment.variants.map((variant) => ({ key: variant.key, weight: variant.weight, strategy: byKey.get(variant.strategy) }));
    const missing = variants.find((variant) => !variant.strategy);
    if (missing) {
      // Guarded against by the lifecycle; if it happens anyway, nobody is half-assigned to a broken experiment.
      log.warn(`experiment '${experiment.key}' is skipped: variant '${missing.key}' has no usable strategy`);
      continue;
    }
    experiments.push({
      id: experiment.id,
      key: experiment.key,
      layer: experiment.layer,
      slots: { start: experiment.slotStart, count: slotCount(experiment.coveragePercent) },
      seed: experiment.seed,
      targeting: experiment.targeting,
      weights: variants.map((variant) => variant.weight),
      variants: variants.map((variant) => ({ key: variant.key, strategy: variant.strategy! })),
    });
  }
  return { defaultStrategy, experiments };
}

/** Stored configs are re-checked: one written by an older release may no longer fit the pipeline. */
function resolve(strategy: Strategy): ResolvedStrategy | null {
  const parsed = strategyConfigSchema.safeParse(strategy.config);
  if (parsed.success) return { key: strategy.key, version: strategy.version, config: parsed.data };
  log.warn(`strategy '${strategy.key}' v${strategy.version} has an invalid config and is not served`, parsed.error.issues[0]?.message);
  return null;
}

function current(): Promise<ServingExperiments> {
  return servingExperiments().get();
}

/**
 * The strategy to serve this user with: their variant's, if a running experiment has them, or the
 * default. Assignment reads an in-process copy of the running experiments and strategies (re-read
 * at most every 2 s, never waited for once loaded), so it costs no database round trip; the first
 * exposure is queued for a batched insert that the request never waits for.
 */
export async function resolveStrategy(user: ServingUser, options: { recordExposure?: boolean } = {}): Promise<StrategyChoice> {
  let data: ServingExperiments;
  try {
    data = await current();
  } catch {
    // Only a first load can fail (Refreshing keeps the last good value): serve the built-in default.
    return choice(BUILT_IN, null, null);
  }
  const hit = assignUser(data.experiments, user);
  if (!hit) return choice(data.defaultStrategy, null, null);
  const variant = hit.experiment.variants[hit.variant]!;
  // Explanations look without serving: they must not count the user as exposed.
  if (options.recordExposure !== false) exposureWriter().record({ experimentId: hit.experiment.id, userId: user.id, variant: variant.key, firstExposedAt: new Date(), device: user.device ?? null, returning: !user.isNew });
  return choice(variant.strategy, hit.experiment.key, variant.key);
}

function choice(strategy: ResolvedStrategy, experiment: string | null, variant: string | null): StrategyChoice {
  return { strategyKey: strategy.key, strategyVersion: strategy.version, config: strategy.config, experiment, variant };
}

/** Experiment and strategy writes (and bandit reallocations) call this: the next response of every process reflects them. */
export function experimentsChanged(): void {
  publishChange('experiments');
}

/** The `X-Experiment` header value, `<key>:<variant>`, or null outside experiments. Keys cannot contain a colon. */
export function experimentHeader(choice: Pick<StrategyChoice, 'experiment' | 'variant'>): string | null {
  return choice.experiment && choice.variant ? `${choice.experiment}:${choice.variant}` : null;
}
