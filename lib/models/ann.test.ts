import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HierarchicalNSW } from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/math/random';
import { AnnIndex, exactSearch, measureRecall, tuneServingEf, type AnnSpace } from './ann';

const DIMS = 64;

/**
 * Vectors around 100 shared centres (a fixed stream, so items and queries meet the same
 * clusters). `normSpread` is the σ of lognormal norms, as factor models' vary: popular items
 * grow long, and in sparse data norms spread over orders of magnitude (σ 1.5 and more).
 */
function clusteredVectors(seed: number, count: number, normSpread = 0): Float32Array {
  const centres = new Random(7, 1);
  const centroids = Array.from({ length: 100 }, () => Float32Array.from({ length: DIMS }, () => centres.normal()));
  const random = new Random(seed);
  const vectors = new Float32Array(count * DIMS);
  for (let item = 0; item < count; item++) {
    const centroid = random.pick(centroids);
    const scale = normSpread > 0 ? random.lognormal(0, normSpread) : 1;
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

const CASES: { name: string; space: AnnSpace; normSpread: number }[] = [
  { name: 'cosine', space: 'cosine', normSpread: 0 },
  { name: 'ip, norms of σ 0.3', space: 'ip', normSpread: 0.3 },
  // One lifted graph in item order found 0.28 of the exact top 50 here (at ef 300), as bad as on sparse ALS factors.
  { name: 'ip, norms of σ 1.5', space: 'ip', normSpread: 1.5 },
  // Needs both measures: recall was 0.003 without norm-range partitions, 0.31 without longest-first insertion.
  { name: 'ip, norms of σ 2.5', space: 'ip', normSpread: 2.5 },
];

describe.each(CASES)('AnnIndex ($name)', ({ space, normSpread }) => {
  const vectors = clusteredVectors(1, 20_000, normSpread);
  const queries = clusteredVectors(2, 100, normSpread);
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
  it('serves an empty catalogue, also after a round trip, and a k larger than the catalogue', async () => {
    expect(AnnIndex.build(new Float32Array(0), 4, { space: 'cosine' }).search([1, 0, 0, 0], 5).items).toHaveLength(0);
    const empty = await AnnIndex.fromBuffer(await AnnIndex.build(new Float32Array(0), 4, { space: 'ip' }).toBuffer());
    expect(empty.size).toBe(0);
    expect(empty.search([1, 0, 0, 0], 5).items).toHaveLength(0);
    const found = AnnIndex.build(Float32Array.of(1, 0, 0, 1, 1, 1), 2, { space: 'ip' }).search([1, 1], 10);
    expect(found.items[0]).toBe(2);
    expect(found.scores[0]).toBeCloseTo(2, 5);
    expect([...found.items].sort()).toEqual([0, 1, 2]);
  });

  it('returns every item once, best first, when k exceeds a catalogue split into partitions', () => {
    const vectors = clusteredVectors(5, 2_500, 1.5);
    const query = rowOf(clusteredVectors(6, 1, 1.5), 0);
    const found = AnnIndex.build(vectors, DIMS, { space: 'ip' }).search(query, 3_000);
    expect(new Set(found.items).size).toBe(2_500);
    for (let k = 1; k < found.scores.length; k++) expect(found.scores[k]).toBeLessThanOrEqual(found.scores[k - 1]!);
    expect(found.items.subarray(0, 10)).toEqual(exactSearch(vectors, DIMS, query, 10).items);
  });

  it('reads the single-graph bytes of format version 1, which older bundles hold', async () => {
    const vectors = clusteredVectors(7, 2_000, 1.5);
    const queries = clusteredVectors(8, 20, 1.5);
    const { bytes, graph } = await versionOneIndex(vectors, 250);
    const restored = await AnnIndex.fromBuffer(bytes);
    expect([restored.space, restored.dims, restored.ef, restored.size]).toEqual(['ip', DIMS, 250, 2_000]);
    const query = rowOf(queries, 0);
    graph.setEf(250);
    expect([...restored.search(query, 20).items]).toEqual(graph.searchKnn([...query, 0], 20).neighbors);
    // Saving it again writes the current version, which reads back to the same index.
    const resaved = await AnnIndex.fromBuffer(await restored.toBuffer());
    expect(resaved.search(query, 20)).toEqual(restored.search(query, 20));
  });

  it('rejects vectors that do not split into rows and bytes that are not an index', async () => {
    expect(() => AnnIndex.build(new Float32Array(5), 2, { space: 'ip' })).toThrow(RangeError);
    await expect(AnnIndex.fromBuffer(Buffer.from('not an index at all'))).rejects.toThrow('not a serialised ANN index');
    const bytes = await AnnIndex.build(clusteredVectors(9, 100), DIMS, { space: 'cosine' }).toBuffer();
    await expect(AnnIndex.fromBuffer(bytes.subarray(0, bytes.length - 1))).rejects.toThrow('truncated');
  });
});

/**
 * An index as format version 1 wrote it, with the graph it holds: a 16-byte header, then one
 * hnswlib graph over every item lifted by the catalogue's max norm (labels are item ids).
 */
async function versionOneIndex(vectors: Float32Array, ef: number): Promise<{ bytes: Buffer; graph: HierarchicalNSW }> {
  const count = vectors.length / DIMS;
  const squaredNorms = Array.from({ length: count }, (_, item) => rowOf(vectors, item).reduce((sum, value) => sum + value * value, 0));
  const maxSquaredNorm = Math.max(...squaredNorms);
  const graph = new HierarchicalNSW('ip', DIMS + 1);
  graph.initIndex({ maxElements: count, m: 16, efConstruction: 100, randomSeed: 100 });
  squaredNorms.forEach((squared, item) => graph.addPoint([...rowOf(vectors, item), Math.sqrt(maxSquaredNorm - squared)], item));
  const header = Buffer.alloc(16);
  header.writeUInt32LE(0x4e4e4154, 0);
  header.writeUInt16LE(1, 4);
  header.writeUInt16LE(0, 6);
  header.writeUInt32LE(DIMS, 8);
  header.writeUInt32LE(ef, 12);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ann-v1-'));
  try {
    await graph.writeIndex(path.join(dir, 'index.hnsw'));
    return { bytes: Buffer.concat([header, await readFile(path.join(dir, 'index.hnsw'))]), graph };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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
    const vectors = clusteredVectors(3, 20_000, 1.5);
    const queries = clusteredVectors(4, 100, 1.5);
    // A sparse graph (few links, built hastily), so the search has to make up for it.
    const index = AnnIndex.build(vectors, DIMS, { space: 'ip', ef: 5, m: 8, efConstruction: 10 });
    expect(measureRecall(index, vectors, queries, 50, 5)).toBeLessThan(0.95);
    const { ef, recall } = tuneServingEf(index, vectors, queries, 50);
    expect(ef).toBeGreaterThan(5);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(measureRecall(index, vectors, queries, 50, index.ef)).toBeCloseTo(recall, 10);
    expect((await AnnIndex.fromBuffer(await index.toBuffer())).ef).toBe(ef);
  });
});

describe('measureRecall', () => {
  it('counts items tied with the exact k-th best as found: a zero user factor ties every item', () => {
    const vectors = clusteredVectors(10, 2_000, 1.5);
    const index = AnnIndex.build(vectors, DIMS, { space: 'ip' });
    expect(measureRecall(index, vectors, new Float32Array(2 * DIMS), 50, index.ef)).toBe(1);
  });
});
