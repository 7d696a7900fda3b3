import { z } from 'zod';
import { DatasetError, datasetFormatSchema, describeChanges, readDataset } from '@/lib/datasets';
import { evaluateDataset, type EvaluationReport } from '@/lib/eval/run';
import { SIGNAL_SCALES } from '@/lib/models/signal-scale';
import { DEFAULT_EXPOSURE_WEIGHT } from '@/lib/recommend/exposure';
import { parseCommandLine, USAGE_EXIT_CODE, UsageError } from './args';
import { trackProgress } from './progress';

const USAGE = `Usage: npm run eval -- --format <${datasetFormatSchema.options.join('|')}> --path <dir> [--k 10] [--seed 42] [--signal-scale ${SIGNAL_SCALES.join('|')}] [--exposure-penalty ${DEFAULT_EXPOSURE_WEIGHT}] [--json] [--strict]

Loads the dataset into memory (never the app's database), splits each user's interactions at
random 75/25, trains every model on the 75%, and reports how each model alone and the served
pipeline rank the held-out 25%. --signal-scale is how event values become ALS confidence, as
TAILOR_SIGNAL_SCALE sets it in production (default auto: log for count-valued data).
--exposure-penalty is the weight pushing down items already in many users' lists, as
TAILOR_EXPOSURE_PENALTY sets it (0 turns it off); the pipeline is also reported without it.

Rows that need a change to be read (an over-long title trimmed, a bad row dropped) are kept as
well as they can be and reported at the end (on stderr with --json); --strict refuses at the
first one instead.`;

const argsSchema = z.object({
  format: z.string({ error: 'is required' }).pipe(datasetFormatSchema),
  path: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  k: z.coerce.number().int().min(1).max(1000).default(10),
  seed: z.coerce.number().int().min(0).default(42),
  'signal-scale': z.enum(SIGNAL_SCALES).default('auto'),
  'exposure-penalty': z.coerce.number().min(0).max(10).default(DEFAULT_EXPOSURE_WEIGHT),
  json: z.boolean().default(false),
  strict: z.boolean().default(false),
});

async function main(): Promise<void> {
  const args = parseCommandLine({
    argv: process.argv.slice(2),
    options: { format: { type: 'string', short: 'f' }, path: { type: 'string', short: 'p' }, k: { type: 'string' }, seed: { type: 'string' }, 'signal-scale': { type: 'string' }, 'exposure-penalty': { type: 'string' }, json: { type: 'boolean' }, strict: { type: 'boolean' } },
    schema: argsSchema,
    usage: USAGE,
  });
  if (!args) {
    console.log(USAGE);
    return;
  }
  const dataset = await readDataset(args.format, args.path, { strict: args.strict });
  // Progress goes to stderr so that --json output stays machine-readable.
  const bar = trackProgress('training', 1000, { stream: process.stderr });
  const report = evaluateDataset(dataset, { k: args.k, seed: args.seed, signalScale: args['signal-scale'], exposureWeight: args['exposure-penalty'] }, (progress) => bar.update(Math.round(progress.fraction * 1000)));
  bar.finish();
  console.log(args.json ? JSON.stringify(report, null, 2) : table(report, args.k));
  // With --json the report on stdout stays the evaluation's own document.
  (args.json ? console.error : console.log)(['', ...describeChanges(dataset.changes ?? [])].join('\n'));
}

const MODEL_COLUMN = 24;

function table(report: EvaluationReport, k: number): string {
  const columns = [`precision@${k}`, `recall@${k}`, `ndcg@${k}`, `map@${k}`, 'coverage', 'train_seconds'];
  const { dataset } = report;
  const lines = [
    `${dataset.name}: ${dataset.users} users, ${dataset.items} items, ${dataset.interactions} interactions (${dataset.test_users} users tested)`,
    report.protocol,
    '',
    ['model'.padEnd(MODEL_COLUMN), ...columns.map((column) => column.padStart(14))].join(''),
  ];
  for (const [name, metrics] of Object.entries(report.results)) {
    lines.push([name.padEnd(MODEL_COLUMN), ...columns.map((column) => (metrics[column] ?? 0).toFixed(column === 'train_seconds' ? 1 : 4).padStart(14))].join(''));
  }
  const { serving } = report;
  const validation = Object.entries(serving.validation_ndcg).map(([recipe, ndcg]) => `${recipe} ${ndcg.toFixed(4)}`);
  lines.push('', `pipeline serves: ${serving.recipe}${validation.length > 0 ? ` (validation NDCG@10 on ${serving.validation_users} held-out training users: ${validation.join(', ')})` : ''}`);
  return lines.join('\n');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${error.usage}`);
    process.exitCode = USAGE_EXIT_CODE;
  } else if (error instanceof DatasetError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
