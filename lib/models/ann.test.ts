import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { AnnIndex, exactSearch, measureRecall, tuneServingEf, type AnnSpace } from './ann';

const DIMS = 64;

/**
 * Vectors around 100 shared centres (a fixed stream, so items and queries meet the same
 * clusters). For inner product, norms also vary, as factor models' do: popular items grow long.
 */
function clusteredVectors(seed: number, count: number, space: AnnSpace): Float32Array {
  const centres = new Random(7, 1);
  const centroids = Array.from({ length: 100 }, () => Float32Array.from({ length: DIMS }, () => centres.normal()));
  const random = new Random(seed);
  const vectors = new Float32Array(count * DIMS);
  for (let item = 0; item < count; item++) {
    const centroid = random.pick(centroids);
    const scale = space === 'ip' ? random.lognormal(0, 0.3) : 1;
    for (let d = 0; d < DIMS; d++) vectors[item * DIMS + d] = scale * (centroid[d]! + 0.7 * random.normal());
  }
  return vectors;
}

function rowOf(vectors: Float32Array, row: number): Float32Array {
  return vectors.subarray(row * DIMS, (row + 1) * DIMS);
}

async function tempDirsNow(): Promise<Set<string>> {
  return new Set((await readdir(os.tmpdir())).filter((name) => name.startsWith('tailor-ann-')));
}

describe.each(['cosine', 'ip'] as const)('AnnIndex (%s)', (space) => {
  const vectors = clusteredVectors(1, 20_000, space);
  const queries = clusteredVectors(2, 100, space);
  const index = AnnIndex.build(vectors, DIMS, { space });

  it('finds at least 95% of the exact top 50 at its serving ef', () => {
    expect(index.size).toBe(20_000);
    expect(measureRecall(index, vectors, queries, 50, index.ef)).toBeGreaterThanOrEqual(0.95);
  });

  it('scores as similarities, best first, matching exact search', () => {
    const query = rowOf(queries, 0);
    const found = index.search(query, 10);
    const exact = exactSearch(space === 'cosine' ? unitRows(vectors) : vectors, DIMS, space === 'cosine' ? unitRows(query) : query, 10);
    expect(found.items[0]).toBe(exact.items[0]);
    expect(found.scores[0]).toBeCloseTo(exact.scores[0]!, 3);
    for (let k = 1; k < found.scores.length; k++) expect(found.scores[k]).toBeLessThanOrEqual(found.scores[k - 1]!);
  });

  it('applies a filter during the search and still returns k results', () => {
    const found = index.search(rowOf(queries, 1), 20, { filter: (item) => item % 3 === 0 });
    expect(found.items).toHaveLength(20);
    expect([...found.items].every((item) => item % 3 === 0)).toBe(true);
  });

  it('round-trips through a buffer, leaving no temp files behind', async () => {
    const before = await tempDirsNow();
    const restored = await AnnIndex.fromBuffer(await index.toBuffer());
    expect([...(await tempDirsNow())].filter((name) => !before.has(name))).toEqual([]);
    expect(restored.space).toBe(space);
    expect(restored.ef).toBe(index.ef);
    expect(restored.size).toBe(index.size);
    const query = rowOf(queries, 2);
    expect(restored.search(query, 25)).toEqual(index.search(query, 25));
  });
});

describe('AnnIndex edge cases', () => {
  it('serves an empty catalogue and a k larger than the catalogue', () => {
    expect(AnnIndex.build(new Float32Array(0), 4, { space: 'cosine' }).search([1, 0, 0, 0], 5).items).toHaveLength(0);
    const found = AnnIndex.build(Float32Array.of(1, 0, 0, 1, 1, 1), 2, { space: 'ip' }).search([1, 1], 10);
    expect(found.items[0]).toBe(2);
    expect(found.scores[0]).toBeCloseTo(2, 5);
    expect([...found.items].sort()).toEqual([0, 1, 2]);
  });

  it('rejects vectors that do not split into rows and bytes that are not an index', async () => {
    expect(() => AnnIndex.build(new Float32Array(5), 2, { space: 'ip' })).toThrow(RangeError);
    await expect(AnnIndex.fromBuffer(Buffer.from('not an index at all'))).rejects.toThrow('not a serialised ANN index');
  });
});

function unitRows(vectors: Float32Array): Float32Array {
  const unit = new Float32Array(vectors.length);
  for (let offset = 0; offset < vectors.length; offset += DIMS) {
    const row = vectors.subarray(offset, offset + DIMS);
    const norm = Math.hypot(...row);
    for (let d = 0; d < DIMS; d++) unit[offset + d] = row[d]! / norm;
  }
  return unit;
}

describe('tuneServingEf', () => {
  it('raises a too-small ef until recall reaches the target, and the tuned ef travels with the index', async () => {
    const vectors = clusteredVectors(3, 20_000, 'ip');
    const queries = clusteredVectors(4, 100, 'ip');
    const index = AnnIndex.build(vectors, DIMS, { space: 'ip', ef: 5 });
    expect(measureRecall(index, vectors, queries, 50, 5)).toBeLessThan(0.95);
    const { ef, recall } = tuneServingEf(index, vectors, queries, 50);
    expect(ef).toBeGreaterThan(5);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(measureRecall(index, vectors, queries, 50, index.ef)).toBeCloseTo(recall, 10);
    expect((await AnnIndex.fromBuffer(await index.toBuffer())).ef).toBe(ef);
  });
});
