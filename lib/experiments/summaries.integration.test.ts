import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { insertEvents } from '@/lib/events/store';
import type { NewEvent } from '@/lib/events/schema';
import type { Impression } from '@/lib/impressions/schema';
import { insertImpressions } from '@/lib/impressions/store';
import { createExperiment, startExperiment } from './lifecycle';
import { experimentResults } from './results';
import { experimentInputSchema } from './schema';
import { insertExposures } from './store';
import { experimentSummaries } from './summaries';

const input = (key: string) =>
  experimentInputSchema.parse({
    key,
    layer: key,
    variants: [
      { key: 'control', strategy: 'hybrid' },
      { key: 'treatment', strategy: 'content' },
    ],
  });

/** 200 users a variant, one list of 10 items each; clicks on the first `clicks[variant]` items of every list. */
async function traffic(key: string, experimentId: number, clicks: Record<string, number>) {
  const conn = await getConnection();
  const impressions: Impression[] = [];
  const events: NewEvent[] = [];
  const servedAt = new Date();
  for (const [variant, perList] of Object.entries(clicks)) {
    for (let user = 0; user < 200; user++) {
      const userId = `${key}-${variant}-${user}`;
      const recommendationId = `${userId}-list`;
      // Every fifth user clicks one more item than the rest, so per-user CTR varies.
      const clicked = perList + (user % 5 === 0 ? 1 : 0);
      const items = Array.from({ length: 10 }, (_, index) => `${key}-item-${index}`);
      impressions.push({ recommendationId, userId, surface: 'feed', items, strategy: 's', modelVersion: null, experiment: key, variant, fallback: null, latencyMs: 10, servedAt });
      for (const item of items.slice(0, clicked)) events.push({ eventId: `${recommendationId}-${item}`, userId, itemId: item, type: 'click', value: null, occurredAt: servedAt, sessionId: null, context: null, recommendationId });
    }
  }
  await insertExposures(conn, impressions.map((impression) => ({ experimentId, userId: impression.userId, variant: impression.variant!, firstExposedAt: servedAt })));
  await insertImpressions(conn, impressions);
  await insertEvents(conn, events);
}

describe('experiment summaries for the list', () => {
  it('gives started experiments the primary lift of their best treatment, matching the results page, and drafts none', async () => {
    const conn = await getConnection();
    await createExperiment(conn, input('summary-draft'));
    await createExperiment(conn, input('summary-live'));
    const live = await startExperiment(conn, 'summary-live');
    await traffic('summary-live', live.id, { control: 1, treatment: 2 });

    const { experiments, liftsOmitted } = await experimentSummaries(conn);
    const byKey = new Map(experiments.map((experiment) => [experiment.key, experiment]));
    expect(byKey.get('summary-draft')?.primary_lift).toBeNull();
    const lift = byKey.get('summary-live')?.primary_lift;
    expect(lift).toMatchObject({ metric: 'ctr', variant: 'treatment', users: 400 });
    expect(liftsOmitted).toBe(0);

    const full = await experimentResults(conn, live, { mde: 0.05 });
    const comparison = full.metrics[0]!.comparisons[0]!;
    expect('relative_lift' in comparison && comparison).toMatchObject({ relative_lift: lift!.relative_lift, relative_ci: lift!.relative_ci, verdict: lift!.verdict });
    expect(lift!.relative_lift).toBeGreaterThan(0.5);
    expect(lift!.chance_to_beat_control).toBeGreaterThan(0.99);
  });
});
