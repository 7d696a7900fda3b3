import 'server-only';
import { catalogCoverage, type CatalogCoverage } from './coverage';
import { activeModel } from './model-age';

export interface CurrentGauges {
  /** The active model version and its age; null while none is active. */
  model: { version: number; createdAt: string; ageSeconds: number } | null;
  coverage: CatalogCoverage;
}

/** The values that are states rather than rates, for the console's stat tiles (the series holds the rates). */
export async function currentGauges(now = Date.now()): Promise<CurrentGauges> {
  const active = await activeModel();
  return {
    model: active && { version: active.version, createdAt: active.createdAt.toISOString(), ageSeconds: Math.max(0, (now - active.createdAt.getTime()) / 1000) },
    coverage: catalogCoverage(now),
  };
}
