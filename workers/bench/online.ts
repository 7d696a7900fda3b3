/**
 * `npm run bench:online`: an A/B/C experiment on the demo world, in one process, with the world's
 * ground truth as the users. The model is trained on the world's history as `npm start` would
 * train it; every user is assigned to `popular`, `ease` (EASE alone) or `hybrid` (the default
 * strategy: every source, the ranker, diversity) by the experiments' own assignment function; each
 * visit serves a list through the served pipeline and the user reacts as `npm run simulate`'s
 * users do (lib/simulation/user-behaviour.ts). It prints each arm's CTR and engaged time, the
 * lifts with 95% intervals and p-values (lib/experiments/stats) and the sample-ratio check, and
 * exits non-zero unless `hybrid` beats both other arms on both metrics at α = 0.05 with no SRM.
 *
 *   npm run bench:online -- [--quick] [--seed 1] [--visits 10] [--json]
 */
import { z } from 'zod';
import { worldTrainingData } from '@/lib/demo/training-data';
import { generateWorld, type DemoWorld } from '@/lib/demo/world';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { variantAt, variantPoint } from '@/lib/experiments/assignment';
import { compareMeans, compareRatios, sampleRatioMismatch, summariseMean, summariseRatio, type Comparison, type SampleRatioResult } from '@/lib/experiments/stats';
import { forward } from '@/lib/models/ranker/mlp';
import type { TrainingData } from '@/lib/models/data';
import { CANDIDATE_SOURCES, DEFAULT_QUOTAS } from '@/lib/recommend/candidates';
import type { RecommenderModels } from '@/lib/recommend/models';
import { exactRetrievers } from '@/lib/recommend/pipeline';
import { serveRecommendations, type ServeModel } from '@/lib/recommend/serve';
import { diversityDefaultsSetting, effectiveLambda } from '@/lib/settings/serving';
import { itemIndexById, reactToList, visitRandom } from '@/lib/simulation/user-behaviour';
import { PRESET_STRATEGIES, type StrategyConfig } from '@/lib/strategies/schema';
import { trainRecommenderModels } from '@/lib/training/train';
import { commandLineOrExit } from '../cli/args';
import { trackProgress } from '../cli/progress';

const optionsSchema = z.object({
  quick: z.boolean().default(false),
  seed: z.coerce.number().int().min(0).default(1),
  visits: z.coerce.number().int().min(1).max(50).optional(),
  json: z.boolean().default(false),
});

const USAGE = `Usage: npm run bench:online -- [--quick] [--seed 1] [--visits 10] [--json]

Trains on the demo world (5,000 items, 2,000 users, 150,000 events; --quick: 2,000 items, 1,000
users, 50,000 events), splits its users three ways with the experiments' assignment function and
serves each arm's strategy to its users for --visits lists of 10 (default 10; --quick 3). Exits 1
unless hybrid beats popular and EASE alone on CTR and on engaged time (p < 0.05), with no SRM.`;

/** What `npm start` seeds, and a smaller world for --quick. */
const WORLDS = { full: { seed: 42, items: 5_000, users: 2_000, events: 150_000 }, quick: { seed: 42, items: 2_000, users: 1_000, events: 50_000 } };
const LIST_SIZE = 10;
const ALPHA = 0.05;
const EXPERIMENT_SEED = 'bench-online';

/** EASE alone: its candidates in its own order, nothing re-ranked, as a team would ship the best single model. */
const EASE_ONLY: StrategyConfig = {
  quotas: Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, source === 'ease' ? DEFAULT_QUOTAS.ease * 2 : 0])) as StrategyConfig['quotas'],
  ranker: 'none',
  blend: PRESET_STRATEGIES.hybrid.blend,
  diversityLambda: 1,
  explorationShare: 0,
  fallback: 'popular',
};

/** Control first: lifts are against `popular`, and `hybrid` is also compared with `ease`. */
const ARMS = [
  { key: 'popular', config: PRESET_STRATEGIES.popular },
  { key: 'ease', config: EASE_ONLY },
  { key: 'hybrid', config: PRESET_STRATEGIES.hybrid },
] as const;
type ArmKey = (typeof ARMS)[number]['key'];
const WEIGHTS = ARMS.map(() => 1 / ARMS.length);
const COMPARISONS: [ArmKey, ArmKey][] = [
  ['hybrid', 'popular'],
  ['hybrid', 'ease'],
  ['ease', 'popular'],
];

interface UserOutcome {
  impressions: number;
  clicks: number;
  engagedSeconds: number;
}

async function main(): Promise<void> {
  const options = commandLineOrExit({
    options: { quick: { type: 'boolean' }, seed: { type: 'string' }, visits: { type: 'string' }, json: { type: 'boolean' } },
    schema: optionsSchema,
    usage: USAGE,
  });
  const started = performance.now();
  const world = generateWorld(options.quick ? WORLDS.quick : WORLDS.full);
  const data = worldTrainingData(world, DEFAULT_EVENT_WEIGHTS);
  const training = trackProgress('training', 1000, { stream: process.stderr });
  const { models } = trainRecommenderModels(data, undefined, (progress) => training.update(Math.round(progress.fraction * 1000)));
  training.finish();
  const trainSeconds = (performance.now() - started) / 1000;

  const visits = options.visits ?? (options.quick ? 3 : 10);
  const outcomes = await runExperiment(world, data, models, visits, options.seed);
  const report = analyse(outcomes);
  const seconds = (performance.now() - started) / 1000;
  if (options.json) console.log(JSON.stringify({ world: world.params, visits, train_seconds: trainSeconds, seconds, ...report }, null, 2));
  else printReport(report, { users: world.users.length, items: world.items.length, events: data.log.length, visits, trainSeconds, seconds });
  if (!report.hybridWins) process.exitCode = 1;
}

/** Every user, in their assigned arm, served `visits` lists in turn; what they click joins their history for the next. */
async function runExperiment(world: DemoWorld, data: TrainingData, models: RecommenderModels, visits: number, seed: number): Promise<Map<ArmKey, UserOutcome[]>> {
  const serveModel: ServeModel = {
    models,
    retrievers: exactRetrievers(models),
    ranker: models.ranker && { score: async (features, rows) => forward(models.ranker!, features, rows) },
  };
  const itemIndex = itemIndexById(world);
  const histories = userHistories(data);
  const similarity = contentSimilarity(models);
  const facts = { id: (item: number) => models.itemIds[item]!, category: (item: number) => world.items[item]!.input.category, tags: (item: number) => world.items[item]!.input.tags };
  const outcomes = new Map<ArmKey, UserOutcome[]>(ARMS.map((arm) => [arm.key, []]));
  const progress = trackProgress('serving', world.users.length, { stream: process.stderr });
  for (let user = 0; user < world.users.length; user++) {
    const userId = world.users[user]!.input.id;
    const arm = ARMS[variantAt(WEIGHTS, variantPoint(EXPERIMENT_SEED, userId))]!;
    const history = histories[user]!;
    const outcome: UserOutcome = { impressions: 0, clicks: 0, engagedSeconds: 0 };
    for (let visit = 0; visit < visits; visit++) {
      const request = { user, history: { items: Uint32Array.from(history.keys()), strengths: Float32Array.from(history.values()) }, preferredCategories: [], now: data.now, count: LIST_SIZE };
      const { entries } = await serveRecommendations(serveModel, request, {
        allowed: () => true,
        negatives: [],
        picks: [],
        directives: [],
        pinned: [],
        quotas: arm.config.quotas,
        useRanker: arm.config.ranker === 'active',
        blend: CANDIDATE_SOURCES.map((source) => arm.config.blend[source]),
        diversity: { lambda: effectiveLambda(arm.config.diversityLambda, diversityDefaultsSetting.defaultValue), maxPerCategory: null, similarity, pageSize: LIST_SIZE },
        // The world adds no items after training, so there are no new arrivals to explore.
        exploration: null,
        facts,
        depth: LIST_SIZE,
        offset: 0,
      });
      const list = { recommendationId: `${arm.key}-${user}-${visit}`, itemIds: entries.map((entry) => models.itemIds[entry.item]!) };
      const reaction = reactToList(world, itemIndex, list, { userIndex: user, sessionId: `${user}-${visit}`, at: null }, visitRandom(seed, user * visits + visit + 1));
      outcome.impressions += reaction.shown;
      outcome.clicks += reaction.clicks;
      outcome.engagedSeconds += reaction.engagedSeconds;
      for (const event of reaction.events) {
        if (event.type !== 'click') continue;
        const item = itemIndex.get(event.item_id)!;
        history.set(item, (history.get(item) ?? 0) + DEFAULT_EVENT_WEIGHTS.click);
      }
    }
    outcomes.get(arm.key)!.push(outcome);
    progress.update(user + 1);
  }
  progress.finish();
  return outcomes;
}

/** Each user's positive interactions, item → summed strength, from the training log. */
function userHistories(data: TrainingData): Map<number, number>[] {
  const histories = data.userIds.map(() => new Map<number, number>());
  const { log } = data;
  for (let row = 0; row < log.length; row++) {
    const strength = log.strength[row]!;
    if (strength <= 0) continue;
    const history = histories[log.user[row]!]!;
    history.set(log.item[row]!, (history.get(log.item[row]!) ?? 0) + strength);
  }
  return histories;
}

/** Content vectors' dot product, as serving's diversity uses it. */
function contentSimilarity(models: RecommenderModels): (a: number, b: number) => number {
  const { contentVectors } = models;
  const dims = models.content.dims;
  return (a, b) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += contentVectors[a * dims + d]! * contentVectors[b * dims + d]!;
    return sum;
  };
}

interface ArmSummary {
  users: number;
  impressions: number;
  clicks: number;
  ctr: number;
  engagedSecondsPerUser: number;
}

interface Report {
  arms: Record<ArmKey, ArmSummary>;
  comparisons: { treatment: ArmKey; control: ArmKey; ctr: Comparison; engagedTime: Comparison }[];
  srm: SampleRatioResult;
  hybridWins: boolean;
}

function analyse(outcomes: Map<ArmKey, UserOutcome[]>): Report {
  const ctr = (key: ArmKey) => summariseRatio(outcomes.get(key)!.map((user) => ({ numerator: user.clicks, denominator: user.impressions })));
  const engaged = (key: ArmKey) => summariseMean(outcomes.get(key)!.map((user) => user.engagedSeconds));
  const arms = Object.fromEntries(
    ARMS.map(({ key }) => {
      const users = outcomes.get(key)!;
      const summary = ctr(key);
      return [key, { users: users.length, impressions: summary.denominator, clicks: summary.numerator, ctr: summary.mean, engagedSecondsPerUser: engaged(key).mean }];
    }),
  ) as Record<ArmKey, ArmSummary>;
  const comparisons = COMPARISONS.map(([treatment, control]) => ({
    treatment,
    control,
    ctr: compareRatios(ctr(treatment), ctr(control), { alpha: ALPHA }),
    engagedTime: compareMeans(engaged(treatment), engaged(control), { alpha: ALPHA }),
  }));
  const srm = sampleRatioMismatch(
    ARMS.map(({ key }) => outcomes.get(key)!.length),
    WEIGHTS,
  );
  const significantGain = (comparison: Comparison) => comparison.relative.estimate > 0 && comparison.relative.pValue < ALPHA;
  const hybridWins = !srm.mismatch && comparisons.filter(({ treatment }) => treatment === 'hybrid').every((comparison) => significantGain(comparison.ctr) && significantGain(comparison.engagedTime));
  return { arms, comparisons, srm, hybridWins };
}

function printReport(report: Report, run: { users: number; items: number; events: number; visits: number; trainSeconds: number; seconds: number }): void {
  const percent = (value: number, digits = 2) => `${(value * 100).toFixed(digits)}%`;
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  const p = (value: number) => (value < 1e-4 ? '<0.0001' : value.toFixed(4));
  console.log(`\ndemo world: ${run.users.toLocaleString('en-US')} users, ${run.items.toLocaleString('en-US')} items, ${run.events.toLocaleString('en-US')} events; ${run.visits} lists of ${LIST_SIZE} per user`);
  console.log(`trained in ${run.trainSeconds.toFixed(1)} s; whole run ${run.seconds.toFixed(1)} s\n`);
  console.log(['arm'.padEnd(9), 'users'.padStart(7), 'impressions'.padStart(12), 'clicks'.padStart(8), 'CTR'.padStart(8), 'engaged s/user'.padStart(16)].join(''));
  for (const { key } of ARMS) {
    const arm = report.arms[key];
    console.log([key.padEnd(9), String(arm.users).padStart(7), String(arm.impressions).padStart(12), String(arm.clicks).padStart(8), percent(arm.ctr).padStart(8), arm.engagedSecondsPerUser.toFixed(1).padStart(16)].join(''));
  }
  console.log('\nlifts (relative, 95% interval, two-sided p):');
  for (const { treatment, control, ctr, engagedTime } of report.comparisons) {
    const line = (name: string, { relative }: Comparison) => `${name} ${signed(relative.estimate)} [${signed(relative.ci[0])}, ${signed(relative.ci[1])}] p ${p(relative.pValue)}`;
    console.log(`  ${`${treatment} vs ${control}`.padEnd(18)} ${line('CTR', ctr)};  ${line('engaged time', engagedTime)}`);
  }
  const { srm } = report;
  console.log(`\nSRM: χ² ${srm.chiSquare.toFixed(2)}, p ${srm.pValue.toFixed(3)}: ${srm.status}`);
  console.log(report.hybridWins ? 'hybrid beats popular and EASE alone on CTR and engaged time (p < 0.05)' : 'FAIL: hybrid does not beat both popular and EASE alone on CTR and engaged time at p < 0.05 (or SRM)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
