/**
 * `npm run bench:train`: generates a synthetic world (1,000,000 events, 100,000 users, 50,000
 * items by default), trains everything a training run trains (both rounds of base models, the
 * ranker, the ANN indexes, the bundle), and prints each stage's seconds and the peak RSS.
 *
 *   npm run bench:train -- [--events 1000000] [--users 100000] [--items 50000] [--json]
 */
import { z } from 'zod';
import { worldTrainingData } from '@/lib/demo/training-data';
import { generateWorld } from '@/lib/demo/world';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { trainRecommender } from '@/lib/training/train';
import { commandLineOrExit } from '../cli/args';
import { trackProgress } from '../cli/progress';

const optionsSchema = z.object({
  events: z.coerce.number().int().min(1).default(1_000_000),
  users: z.coerce.number().int().min(1).default(100_000),
  items: z.coerce.number().int().min(20).default(50_000),
  json: z.boolean().default(false),
});


async function main(): Promise<void> {
  const options = commandLineOrExit({
    options: { events: { type: 'string' }, users: { type: 'string' }, items: { type: 'string' }, json: { type: 'boolean' } },
    schema: optionsSchema,
    usage: 'Usage: npm run bench:train -- [--events 1000000] [--users 100000] [--items 50000] [--json]',
  });
  const seconds: Record<string, number> = {};
  let started = performance.now();
  const world = generateWorld({ events: options.events, users: options.users, items: options.items });
  const generation = trackProgress('events', options.events);
  const data = worldTrainingData(world, DEFAULT_EVENT_WEIGHTS, (done) => generation.update(done));
  generation.finish();
  seconds['generate world'] = (performance.now() - started) / 1000;

  started = performance.now();
  const training = trackProgress('training', 1000);
  const output = await trainRecommender(data, (progress) => training.update(Math.round(progress.fraction * 1000)));
  training.finish();
  const totalSeconds = (performance.now() - started) / 1000;
  const peakRssGiB = process.resourceUsage().maxRSS / 1024 / 1024;
  const report = {
    world: { events: data.log.length, users: data.userIds.length, items: data.itemIds.length, positives: data.positives.nnz },
    stages: { ...seconds, ...output.seconds },
    training_seconds: totalSeconds,
    peak_rss_gib: peakRssGiB,
    bundle_mib: output.bundle.byteLength / 1024 ** 2,
    metrics: output.metrics,
  };
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`\n${report.world.events.toLocaleString('en-US')} events, ${report.world.users.toLocaleString('en-US')} users, ${report.world.items.toLocaleString('en-US')} items (${report.world.positives.toLocaleString('en-US')} user-item pairs)`);
  console.table(Object.fromEntries(Object.entries(report.stages).map(([stage, value]) => [stage, { seconds: Number(value.toFixed(2)) }])));
  console.log(`full training: ${totalSeconds.toFixed(1)} s (target < 120 s)`);
  console.log(`peak RSS: ${peakRssGiB.toFixed(2)} GiB (target < 4 GiB)`);
  const figure = (key: string, digits: number) => (typeof output.metrics[key] === 'number' ? output.metrics[key].toFixed(digits) : 'n/a');
  console.log(`bundle: ${report.bundle_mib.toFixed(1)} MiB; holdout ndcg@10 ${figure('holdout_ndcg', 4)}; serves ${output.metrics.serving_recipe ?? 'the stacker'}`);
  console.log(`ANN recall@50: factors ${figure('ann_recall_factors', 3)}, content ${figure('ann_recall_content', 3)} (target ≥ 0.95)`);
  const recipes = Object.entries(output.metrics).flatMap(([key, value]) => (key.startsWith('recipe_ndcg_') && typeof value === 'number' ? [`${key.slice('recipe_ndcg_'.length)} ${value.toFixed(4)}`] : []));
  if (recipes.length > 0) console.log(`recipe validation NDCG@10 on ${output.metrics.recipe_validation_users} users: ${recipes.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? z.prettifyError(error) : error);
  process.exitCode = 1;
});
