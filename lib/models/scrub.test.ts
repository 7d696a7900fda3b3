import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '@/lib/demo/world';
import { worldTrainingData } from '@/lib/demo/training-data';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { PRECOMPUTED_SOURCES, precomputedList } from '@/lib/recommend/precomputed';
import { recommendOffline } from '@/lib/recommend/pipeline';
import { trainedHistoryOf } from '@/lib/recommend/user-histories';
import { loadServingModel, type ServingModel } from '@/lib/serving/model';
import { FAST_PARAMS } from '@/lib/testing/serving-fixture';
import { trainRecommender } from '@/lib/training/train';
import { BundleError, bundleChecksum, decodeStrings, encodeStrings, packBundle, unpackBundle } from './bundle/container';
import { scrubBundle } from './scrub';

let bundle: Uint8Array;
const forgotten = new Set(['user-00003', 'user-00010', 'user-00011']);

beforeAll(async () => {
  const data = worldTrainingData(generateWorld({ items: 120, users: 60, events: 3_000, seed: 3 }), DEFAULT_EVENT_WEIGHTS);
  bundle = (await trainRecommender(data, undefined, FAST_PARAMS)).bundle;
}, 120_000);

/** Everything a user's recommendations come from, as plain numbers. */
function learntOf(model: ServingModel, row: number): number[] {
  const { models } = model;
  const k = models.als.factors;
  return [
    ...models.als.userFactors.subarray(row * k, (row + 1) * k),
    ...trainedHistoryOf(models.histories!, row).items,
    ...trainedHistoryOf(models.histories!, row).strengths,
    ...PRECOMPUTED_SOURCES.flatMap((source) => [...precomputedList(models.precomputed!, source.name, row)]),
  ];
}

function recommendationsOf(model: ServingModel, userId: string): string[] {
  const row = model.userIndex.get(userId)!;
  const history = trainedHistoryOf(model.models.histories!, row);
  const request = { user: row, history: { items: history.items, strengths: history.strengths }, seen: [...history.items], preferredCategories: [], now: model.models.now, count: 10 };
  return [...recommendOffline(model.models, request, model.retrievers)].map((item) => model.models.itemIds[item]!);
}

describe('scrubbing forgotten users out of a bundle', () => {
  it('leaves no trace of them, loads for serving, and changes nothing for anyone else', async () => {
    const original = await loadServingModel(1, bundle);
    const rows = [...forgotten].map((id) => original.userIndex.get(id)!);
    expect(rows.every((row) => row !== undefined && learntOf(original, row).some((value) => value !== 0))).toBe(true);

    const scrubbed = (await scrubBundle(bundle, (id) => forgotten.has(id)))!;
    expect(scrubbed.forgotten).toBe(3);
    expect(scrubbed.checksum).toBe(bundleChecksum(scrubbed.bytes));
    expect(scrubbed.checksum).not.toBe(bundleChecksum(bundle));
    const text = Buffer.from(scrubbed.bytes).toString('latin1');
    for (const id of forgotten) expect(text).not.toContain(id);

    const model = await loadServingModel(2, scrubbed.bytes);
    for (const [index, id] of [...forgotten].entries()) {
      expect(model.userIndex.has(id)).toBe(false);
      expect(model.models.userIds[rows[index]!]).toBe('');
      expect(learntOf(model, rows[index]!)).toEqual(new Array(model.models.als.factors).fill(0));
    }
    expect(model.userIndex.has('')).toBe(false);
    expect(model.userIndex.size).toBe(original.userIndex.size - forgotten.size);

    const others = [...original.userIndex.keys()].filter((id) => !forgotten.has(id));
    for (const id of others) {
      expect(model.userIndex.get(id)).toBe(original.userIndex.get(id));
      expect(learntOf(model, model.userIndex.get(id)!)).toEqual(learntOf(original, original.userIndex.get(id)!));
      expect(recommendationsOf(model, id)).toEqual(recommendationsOf(original, id));
    }
    // Everything that is not per user is untouched, byte for byte.
    const before = unpackBundle(bundle);
    const after = unpackBundle(scrubbed.bytes);
    expect(after.meta).toEqual(before.meta);
    for (const name of Object.keys(before.sections).filter((name) => !/^(userIds|als\.userFactors|histories\.|precomputed\.)/.test(name))) {
      expect(Buffer.from(after.sections[name]!.buffer, after.sections[name]!.byteOffset, after.sections[name]!.byteLength).equals(Buffer.from(before.sections[name]!.buffer, before.sections[name]!.byteOffset, before.sections[name]!.byteLength)), name).toBe(true);
    }
    await Promise.all([original.release(), model.release()]);
  });

  it('returns null when none of the users is forgotten, and scrubs a scrubbed bundle to nothing more', async () => {
    expect(await scrubBundle(bundle, () => false)).toBeNull();
    const once = (await scrubBundle(bundle, (id) => forgotten.has(id)))!;
    expect(await scrubBundle(once.bytes, (id) => forgotten.has(id) || id === '')).toBeNull();
  });

  it('refuses a bundle with a section it does not know, which might hold users', async () => {
    const { meta, sections } = unpackBundle(bundle);
    const extended = packBundle({ meta, sections: { ...sections, 'sessions.userIds': encodeStrings(decodeStrings(sections.userIds, 'userIds')) } });
    await expect(scrubBundle(extended, (id) => forgotten.has(id))).rejects.toThrow(BundleError);
  });
});
