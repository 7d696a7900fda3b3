import 'server-only';
import { getImpressionWriter } from '@/lib/impressions';
import type { Impression } from '@/lib/impressions/schema';
import { log } from '@/lib/runtime/log';

/** Queues the served list for the batched writer; the response never waits on it. */
export function logImpression(impression: Omit<Impression, 'servedAt' | 'experiment' | 'variant'> & Partial<Pick<Impression, 'experiment' | 'variant'>>): void {
  const servedAt = new Date();
  getImpressionWriter()
    .then((writer) => writer.log({ experiment: null, variant: null, ...impression, servedAt }))
    .catch((error: unknown) => log.warn('impression not logged: the writer is unavailable', error));
}
