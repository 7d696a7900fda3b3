import { z } from 'zod';
import { strategyConfigSchema, type StrategyConfig } from '@/lib/strategies/schema';
import { slug } from './schema';

/** The API's view of strategies; the config itself is `strategyConfigSchema`, used as is (camelCase inside). */

export const strategyInputSchema = z
  .object({
    key: slug,
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).default(''),
    config: strategyConfigSchema,
  })
  .strict();

export type StrategyInput = z.infer<typeof strategyInputSchema>;

/**
 * A partial edit. `config` is merged into the stored one (and `quotas` and `blend` key by key), so
 * `{"config": {"quotas": {"content": 0}}}` turns one source off; the merged config is then checked
 * whole with `strategyConfigSchema`.
 */
export const strategyPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000),
    config: z
      .object({
        quotas: z.record(z.string(), z.unknown()).optional(),
        blend: z.record(z.string(), z.unknown()).optional(),
      })
      .catchall(z.unknown()),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'at least one field must be given' });

export type StrategyPatch = z.infer<typeof strategyPatchSchema>;

export function mergeConfig(current: StrategyConfig, patch: NonNullable<StrategyPatch['config']>): unknown {
  return {
    ...current,
    ...patch,
    quotas: { ...current.quotas, ...patch.quotas },
    blend: { ...current.blend, ...patch.blend },
  };
}

export interface Strategy {
  key: string;
  name: string;
  description: string;
  version: number;
  config: StrategyConfig;
  isPreset: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StrategyVersion {
  version: number;
  name: string;
  description: string;
  config: StrategyConfig;
  createdAt: Date;
}

export interface StrategyJson {
  key: string;
  name: string;
  description: string;
  version: number;
  config: StrategyConfig;
  preset: boolean;
  is_default: boolean;
  created_at: string;
  updated_at: string;
}

export function toStrategyJson(strategy: Strategy, defaultKey: string): StrategyJson {
  return {
    key: strategy.key,
    name: strategy.name,
    description: strategy.description,
    version: strategy.version,
    config: strategy.config,
    preset: strategy.isPreset,
    is_default: strategy.key === defaultKey,
    created_at: strategy.createdAt.toISOString(),
    updated_at: strategy.updatedAt.toISOString(),
  };
}

export function toStrategyVersionJson(version: StrategyVersion) {
  return { version: version.version, name: version.name, description: version.description, config: version.config, created_at: version.createdAt.toISOString() };
}
