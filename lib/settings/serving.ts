import { z } from 'zod';

const SHIPPED_DIVERSITY_LAMBDA = 0.85;

export const cacheTtlsSchema = z
  .object({
    /** How long an identical feed request is answered from the response cache; 0 turns that cache off. */
    response_seconds: z.number().int().min(0).max(3_600),
    /** How long a ranked list stays pageable with `next_cursor`. */
    list_seconds: z.number().int().min(60, 'at least 60 seconds, or cursors expire mid-session').max(86_400),
  })
  .strict();
export type CacheTtls = z.infer<typeof cacheTtlsSchema>;

export const diversityDefaultsSchema = z
  .object({
    /** MMR trade-off for strategies that set no λ of their own: 1 is relevance only. */
    lambda: z.number().min(0).max(1),
    /** At most this many items of one category per list while others remain; null for no cap. */
    max_per_category: z.number().int().min(1).max(100).nullable(),
  })
  .strict();
export type DiversityDefaults = z.infer<typeof diversityDefaultsSchema>;

export const cacheTtlsSetting = {
  key: 'cache_ttls',
  schema: cacheTtlsSchema,
  defaultValue: { response_seconds: 60, list_seconds: 30 * 60 } satisfies CacheTtls,
};

export const diversityDefaultsSetting = {
  key: 'diversity_defaults',
  schema: diversityDefaultsSchema,
  defaultValue: { lambda: SHIPPED_DIVERSITY_LAMBDA, max_per_category: null } satisfies DiversityDefaults,
};

/** The λ a strategy serves with: its own, or the console's default when it sets none. */
export function effectiveLambda(strategyLambda: number | null, defaults: DiversityDefaults): number {
  return strategyLambda ?? defaults.lambda;
}
