/**
 * Seconds per ALS iteration (both half-steps) on ml-latest-small, ratings as strengths:
 *
 *   npm run bench:als -- [--path <dataset dir>] [--synthetic] [--iterations 5] [--factors 64]
 *
 * The directory defaults to ../shared/datasets/ml-latest-small. With `--synthetic` it runs on
 * generated data instead (1M interactions, 100k users × 50k items, skewed popularity and
 * activity by default), which is the scale check for the full training benchmark.
 */
import path from 'node:path';
import { z } from 'zod';
import { readDataset } from '@/lib/datasets';
import { AliasTable, Random } from '@/lib/math/random';
import { trainAls } from '@/lib/models/als';
import { SparseMatrix } from '@/lib/models/sparse';
import { commandLineOrExit } from '../cli/args';

const optionsSchema = z.object({
  iterations: z.coerce.number().int().min(1).default(5),
  factors: z.coerce.number().int().min(1).default(64),
  synthetic: z.boolean().default(false),
  users: z.coerce.number().int().min(1).default(100_000),
  items: z.coerce.number().int().min(1).default(50_000),
  interactions: z.coerce.number().int().min(1).default(1_000_000),
  path: z.string().default(path.resolve('../shared/datasets/ml-latest-small')),
});

const USAGE = `Usage: npm run bench:als -- [--path <ml-latest-small dir>] [--iterations 5] [--factors 64]
  [--synthetic [--users 100000] [--items 50000] [--interactions 1000000]]`;

type Options = z.infer<typeof optionsSchema>;

async function ratingsMatrix(dir: string): Promise<SparseMatrix> {
  const dataset = await readDataset('ml-latest-small', dir);
  const { interactions } = dataset;
  return SparseMatrix.fromTriplets(
    dataset.userIds.length,
    dataset.itemIds.length,
    { row: interactions.user, col: interactions.item, value: interactions.value, length: interactions.length },
    { keepPositiveOnly: true },
  );
}

/** Lognormal activity and popularity: a few heavy users and hit items, a long tail of both. */
function syntheticMatrix({ users, items, interactions }: Options): SparseMatrix {
  const random = new Random(7);
  const activity = new AliasTable(Float64Array.from({ length: users }, () => random.lognormal(0, 1)));
  const popularity = new AliasTable(Float64Array.from({ length: items }, () => random.lognormal(0, 1.5)));
  const row = new Uint32Array(interactions);
  const col = new Uint32Array(interactions);
  const value = new Float32Array(interactions);
  for (let n = 0; n < interactions; n++) {
    row[n] = activity.sample(random);
    col[n] = popularity.sample(random);
    value[n] = 1 + random.int(5);
  }
  return SparseMatrix.fromTriplets(users, items, { row, col, value, length: interactions });
}

function seconds(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `min ${sorted[0]!.toFixed(3)} s, median ${median.toFixed(3)} s, max ${sorted.at(-1)!.toFixed(3)} s`;
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function main() {
  const options = commandLineOrExit({
    options: {
      iterations: { type: 'string' },
      factors: { type: 'string' },
      synthetic: { type: 'boolean' },
      users: { type: 'string' },
      items: { type: 'string' },
      interactions: { type: 'string' },
      path: { type: 'string' },
    },
    schema: optionsSchema,
    usage: USAGE,
  });
  const matrix = options.synthetic ? syntheticMatrix(options) : await ratingsMatrix(options.path);
  console.log(`${matrix.rows} users × ${matrix.cols} items, ${matrix.nnz} nonzeros, ${options.factors} factors`);

  const heapBefore = process.memoryUsage();
  // CPU time alongside wall time: on a shared machine the wall clock also counts waiting for a core.
  const wall: number[] = [];
  const cpu: number[] = [];
  let lastWall = performance.now();
  let lastCpu = process.cpuUsage();
  trainAls(matrix, { factors: options.factors, iterations: options.iterations }, () => {
    wall.push((performance.now() - lastWall) / 1000);
    const cpuUsage = process.cpuUsage(lastCpu);
    cpu.push((cpuUsage.user + cpuUsage.system) / 1e6);
    lastWall = performance.now();
    lastCpu = process.cpuUsage();
  });
  const heapAfter = process.memoryUsage();
  console.log(`wall per iteration: ${seconds(wall)} (${wall.map((d) => d.toFixed(3)).join(', ')})`);
  console.log(`cpu per iteration:  ${seconds(cpu)}`);
  console.log(
    `memory: rss ${megabytes(heapAfter.rss)} (was ${megabytes(heapBefore.rss)}), array buffers ${megabytes(heapAfter.arrayBuffers)} (was ${megabytes(heapBefore.arrayBuffers)})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
