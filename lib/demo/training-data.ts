import type { EventWeights } from '@/lib/events/types';
import { buildPositives, type CatalogItem, type InteractionLog, type TrainingData } from '@/lib/models/data';
import { generateEvents, type DemoWorld } from './world';

/**
 * The world's history as training data, straight from the generator without a database: what
 * `loadTrainingData` would read back after seeding, for benchmarks at scales a database round
 * trip would dominate.
 */
export function worldTrainingData(world: DemoWorld, weights: EventWeights, onProgress?: (done: number, total: number) => void): TrainingData {
  const itemIndex = new Map(world.items.map((item, index) => [item.input.id, index]));
  const userIndex = new Map(world.users.map((user, index) => [user.input.id, index]));
  const total = world.params.events;
  const log: InteractionLog = {
    length: 0,
    user: new Uint32Array(total),
    item: new Uint32Array(total),
    strength: new Float32Array(total),
    timestamp: new Float64Array(total),
  };
  for (const batch of generateEvents(world)) {
    for (const event of batch) {
      const row = log.length++;
      log.user[row] = userIndex.get(event.userId)!;
      log.item[row] = itemIndex.get(event.itemId)!;
      log.strength[row] = event.type === 'rate' && event.value !== null ? weights.rate * event.value : weights[event.type];
      log.timestamp[row] = event.occurredAt.getTime();
    }
    onProgress?.(log.length, total);
  }
  const items = world.items.map(
    ({ input }): CatalogItem => ({
      title: input.title,
      description: input.description,
      category: input.category,
      tags: input.tags,
      publishedAt: input.published_at ? new Date(input.published_at).getTime() : null,
    }),
  );
  return {
    userIds: world.users.map((user) => user.input.id),
    itemIds: world.items.map((item) => item.input.id),
    items,
    log,
    positives: buildPositives(world.users.length, world.items.length, log),
    now: world.params.now.getTime(),
  };
}
