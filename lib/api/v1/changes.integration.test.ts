import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createKey } from '@/app/api/v1/admin/keys/route';
import { DELETE as revokeKey } from '@/app/api/v1/admin/keys/[id]/route';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { PUT as putItem } from '@/app/api/v1/items/[id]/route';
import { PATCH as patchDiversity } from '@/app/api/v1/settings/diversity/route';
import { PATCH as patchWeights } from '@/app/api/v1/settings/event-weights/route';
import { POST as postStrategy } from '@/app/api/v1/strategies/route';
import { getConfig } from '@/lib/config';
import { ChangeBus, type ChangeTopic } from '@/lib/runtime/changes';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { call } from '@/lib/testing/http';
import { within } from '@/lib/testing/within';

/** Another web process: its own Redis connections, listening to the same deployment's changes. */
let otherProcess: ChangeBus;
beforeAll(async () => {
  otherProcess = new ChangeBus({ redis: getConfig().redis });
  // Listening to any topic opens the subscription; each test then waits for its own.
  otherProcess.on('catalog', () => undefined);
  await otherProcess.ready();
});
afterAll(() => otherProcess.close());

/** Runs `write` and resolves with the milliseconds until the other process hears `topic`. */
async function heardAfter(topic: ChangeTopic, write: () => Promise<{ status: number }>): Promise<number> {
  const heard = new Promise<number>((resolve) => {
    const stop = otherProcess.on(topic, () => {
      stop();
      resolve(performance.now());
    });
  });
  const { status } = await write();
  expect(status).toBeLessThan(300);
  const writtenAt = performance.now();
  return (await within(1_000, heard)) - writtenAt;
}

describe.runIf(getConfig().redis)('writes reach every web process through the change bus', () => {
  it.each<[string, ChangeTopic, () => Promise<{ status: number }>]>([
    ['a catalogue edit', 'catalog', () => call(putItem, 'PUT', '/api/v1/items/bus-item', { body: { title: 'On the bus', category: 'Drama' }, params: { id: 'bus-item' } })],
    ['a curation rule', 'curation', () => call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: 'bus-item' } })],
    ['a serving setting', 'serving-settings', () => call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { max_per_category: 4 } })],
    ['event weights', 'event-weights', () => call(patchWeights, 'PATCH', '/api/v1/settings/event-weights', { body: { like: 5 } })],
    ['a strategy', 'experiments', () => call(postStrategy, 'POST', '/api/v1/strategies', { body: { key: 'bus-strategy', config: PRESET_STRATEGIES.content } })],
  ])('%s', async (_what, topic, write) => {
    // Heard after the response at the latest, well within 100 ms.
    expect(await heardAfter(topic, write)).toBeLessThan(100);
  });

  it('an API key revocation', async () => {
    const created = await call(createKey, 'POST', '/api/v1/admin/keys', { body: { name: 'bus', scopes: ['recommend'] } });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(await heardAfter('api-keys', () => call(revokeKey, 'DELETE', `/api/v1/admin/keys/${id}`, { params: { id } }))).toBeLessThan(100);
  });
});
