import { z } from 'zod';
import { closeConnection, getConnection } from '@/db';
import { ConfigError } from '@/lib/config';
import { DatasetError, datasetFormatSchema, describeChanges, readDataset, type Dataset } from '@/lib/datasets';
import { loadDataset, type LoadSummary } from '@/lib/datasets/load';
import { parseCommandLine, USAGE_EXIT_CODE, UsageError } from './args';
import { trackStages } from './progress';

const USAGE = `Usage: npm run import -- --format <${datasetFormatSchema.options.join('|')}> --path <dir> [--strict]

Loads a dataset folder into the database that DATABASE_URL (PostgreSQL) or TAILOR_DATA_DIR (PGlite)
points at. Safe to re-run: events already imported are recognised and skipped.

Every row that can be read is kept: over-long titles and categories are trimmed, over-long tags and
unreadable values dropped, and a row is dropped only when a required field (an id, a timestamp) is
unusable. The summary lists each kind of change with its count and first lines. --strict refuses
at the first such row instead, naming its file, line and field.`;

const argsSchema = z.object({
  format: z.string({ error: 'is required' }).pipe(datasetFormatSchema),
  path: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  strict: z.boolean().default(false),
});

const numbers = new Intl.NumberFormat('en-US');

async function main(): Promise<void> {
  const args = parseCommandLine({
    argv: process.argv.slice(2),
    options: { format: { type: 'string', short: 'f' }, path: { type: 'string', short: 'p' }, strict: { type: 'boolean' } },
    schema: argsSchema,
    usage: USAGE,
  });
  if (!args) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  console.log(`Reading ${args.format} from ${args.path}`);
  const dataset = await readDataset(args.format, args.path, { strict: args.strict });
  console.log(describeDataset(dataset, performance.now() - started));
  const conn = await getConnection();
  try {
    const stages = trackStages();
    const summary = await loadDataset(conn, dataset, { source: args.format, onProgress: stages.report });
    stages.finish();
    const database = conn.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
    console.log(`\nImported ${dataset.name} into ${database} in ${seconds(performance.now() - started)}`);
    console.log(describeSummary(summary));
  } finally {
    await closeConnection();
  }
}

function describeDataset(dataset: Dataset, elapsedMs: number): string {
  const uncatalogued = dataset.itemIds.length - dataset.items.length;
  return (
    `Read ${numbers.format(dataset.items.length)} items` +
    (uncatalogued > 0 ? ` (+${numbers.format(uncatalogued)} only in interactions)` : '') +
    `, ${numbers.format(dataset.userIds.length)} users, ${numbers.format(dataset.interactions.length)} interactions in ${seconds(elapsedMs)}`
  );
}

function describeSummary({ items, users, events, changes }: LoadSummary): string {
  return [
    `  items   ${numbers.format(items.created)} created, ${numbers.format(items.updated)} updated`,
    `  users   ${numbers.format(users.created)} created`,
    `  events  ${numbers.format(events.inserted)} inserted, ${numbers.format(events.duplicates)} already present`,
    '',
    ...describeChanges(changes),
  ].join('\n');
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)}s`;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${error.usage}`);
    process.exitCode = USAGE_EXIT_CODE;
  } else if (error instanceof DatasetError || error instanceof ConfigError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
