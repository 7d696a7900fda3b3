import { z } from 'zod';
import { CANDIDATE_SOURCES, DEFAULT_QUOTAS } from '@/lib/recommend/candidates';

const quota = z.number().int().min(0).max(1_000);

/** A named configuration of the serving pipeline: what an experiment's variants differ in. */
export const strategyConfigSchema = z
  .object({
    /** Candidates per source; 0 turns a source off. */
    quotas: z.object(Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, quota])) as Record<(typeof CANDIDATE_SOURCES)[number], typeof quota>).strict(),
    /** `active` ranks with the active model's ranker; `none` orders by the blended source ranks. */
    ranker: z.enum(['active', 'none']),
    /** Weight of each source's reciprocal rank when there is no ranker (or it fails). */
    blend: z.object(Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, z.number().min(0).max(100)])) as Record<(typeof CANDIDATE_SOURCES)[number], z.ZodNumber>).strict(),
    /** MMR trade-off: 1 is relevance only; null follows the console's default (Settings → Cache and diversity). */
    diversityLambda: z.number().min(0).max(1).nullable(),
    /** Share of each page given to new items. */
    explorationShare: z.number().min(0).max(0.5),
    /** What serves when the strategy's own pipeline cannot. */
    fallback: z.enum(['popular', 'trending']),
  })
  .strict()
  .refine((config) => Object.values(config.quotas).some((value) => value > 0), { message: 'at least one candidate source needs a quota above 0', path: ['quotas'] });

export type StrategyConfig = z.infer<typeof strategyConfigSchema>;

const EQUAL_BLEND = Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, 1])) as StrategyConfig['blend'];
const only = (sources: (typeof CANDIDATE_SOURCES)[number][]) =>
  Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, sources.includes(source) ? DEFAULT_QUOTAS[source] * 2 : 0])) as StrategyConfig['quotas'];

/** The shipped presets; `hybrid` is the default until a product manager ships another. */
export const PRESET_STRATEGIES: Record<'popular' | 'content' | 'collaborative' | 'hybrid', StrategyConfig> = {
  popular: { quotas: only(['popular', 'trending']), ranker: 'none', blend: { ...EQUAL_BLEND, popular: 1, trending: 2 }, diversityLambda: 1, explorationShare: 0, fallback: 'popular' },
  content: { quotas: only(['content']), ranker: 'none', blend: EQUAL_BLEND, diversityLambda: null, explorationShare: 0.1, fallback: 'popular' },
  collaborative: { quotas: only(['collaborative', 'neighbors', 'ease']), ranker: 'none', blend: EQUAL_BLEND, diversityLambda: null, explorationShare: 0, fallback: 'popular' },
  hybrid: { quotas: { ...DEFAULT_QUOTAS }, ranker: 'active', blend: EQUAL_BLEND, diversityLambda: null, explorationShare: 0.1, fallback: 'popular' },
};

export const DEFAULT_STRATEGY_KEY = 'hybrid';
