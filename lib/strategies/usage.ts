import 'server-only';
import { liveExperiments, type Executor } from '@/lib/experiments/store';

/** Strategy key → the live experiments serving it; such a strategy cannot be edited or deleted. */
export async function strategiesInUse(db: Executor): Promise<Record<string, string[]>> {
  const users: Record<string, string[]> = {};
  for (const experiment of await liveExperiments(db)) {
    for (const strategy of new Set(experiment.variants.map((variant) => variant.strategy))) (users[strategy] ??= []).push(experiment.key);
  }
  return users;
}
