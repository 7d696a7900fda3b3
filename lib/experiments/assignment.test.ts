import { describe, expect, it } from 'vitest';
import { assignUser, firstFreeSlot, layerSlot, murmur3, rangesOverlap, variantAt, variantPoint, type AssignableExperiment } from './assignment';
import { LAYER_SLOTS, slotCount } from './types';

const USERS = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
const user = (id: string, isNew = false, attributes: Record<string, unknown> = {}) => ({ id, isNew, attributes });

function experiment(fields: Partial<AssignableExperiment> & { key: string }): AssignableExperiment & { key: string } {
  return { layer: 'default', slots: { start: 0, count: LAYER_SLOTS }, seed: `seed-${fields.key}`, targeting: 'all', weights: [0.5, 0.5], ...fields };
}

describe('murmur3', () => {
  it('matches the reference MurmurHash3 x86_32', () => {
    expect(murmur3('')).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('hello')).toBe(0x248bfa47);
    expect(murmur3('The quick brown fox jumps over the lazy dog')).toBe(0x2e4ff723);
    // Multi-byte UTF-8 is hashed as bytes, as every other implementation does.
    expect(murmur3('é')).toBe(murmur3('\u00e9'));
    expect(murmur3('x'.repeat(1000))).toBe(murmur3('x'.repeat(1000)));
  });
});

describe('variant assignment', () => {
  it('gives each variant its weight within 1% over 100,000 users', () => {
    for (const weights of [[0.5, 0.5], [0.5, 0.3, 0.2], [1 / 3, 1 / 3, 1 / 3], [0.9, 0.05, 0.05]]) {
      const counts = new Array<number>(weights.length).fill(0);
      for (const id of USERS) counts[variantAt(weights, variantPoint('exp-seed', id))]! += 1;
      counts.forEach((count, index) => expect(Math.abs(count / USERS.length - weights[index]!), `${weights} → ${counts}`).toBeLessThan(0.01));
    }
  });

  it('is deterministic, and independent between experiments', () => {
    expect(variantPoint('a', 'user-1')).toBe(variantPoint('a', 'user-1'));
    let same = 0;
    for (const id of USERS) if (variantAt([0.5, 0.5], variantPoint('first', id)) === variantAt([0.5, 0.5], variantPoint('second', id))) same += 1;
    // Independent 50/50 splits agree for half the users.
    expect(Math.abs(same / USERS.length - 0.5)).toBeLessThan(0.01);
  });

  it('puts the rounding remainder in the last variant', () => {
    expect(variantAt([0.5, 0.5], 0.999999999)).toBe(1);
    expect(variantAt([0.3, 0.3, 0.3999999], 0.99999999)).toBe(2);
    expect(variantAt([0.5, 0.5], 0)).toBe(0);
  });
});

describe('layers and coverage', () => {
  it('changes who is in the experiment with coverage, but never anyone’s variant', () => {
    const narrow = experiment({ key: 'cov', slots: { start: 0, count: slotCount(20) } });
    const wide = { ...narrow, slots: { start: 0, count: slotCount(50) } };
    let inNarrow = 0;
    let inWide = 0;
    for (const id of USERS) {
      const before = assignUser([narrow], user(id));
      const after = assignUser([wide], user(id));
      if (before) {
        inNarrow += 1;
        expect(after?.variant).toBe(before.variant);
      }
      if (after) inWide += 1;
    }
    expect(Math.abs(inNarrow / USERS.length - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(inWide / USERS.length - 0.5)).toBeLessThan(0.01);
  });

  it('never gives one user two experiments of a layer, and lets layers overlap independently', () => {
    const a = experiment({ key: 'a', slots: { start: 0, count: slotCount(30) } });
    const b = experiment({ key: 'b', slots: { start: slotCount(30), count: slotCount(50) } });
    const other = experiment({ key: 'c', layer: 'ranking', slots: { start: 0, count: slotCount(50) } });
    let both = 0;
    let inA = 0;
    let inAAndOther = 0;
    for (const id of USERS) {
      const hitA = assignUser([a], user(id)) !== null;
      const hitB = assignUser([b], user(id)) !== null;
      const hitOther = assignUser([other], user(id)) !== null;
      if (hitA && hitB) both += 1;
      if (hitA) inA += 1;
      if (hitA && hitOther) inAAndOther += 1;
    }
    expect(both).toBe(0);
    expect(Math.abs(inA / USERS.length - 0.3)).toBeLessThan(0.01);
    // Different layers hash independently: the overlap is the product of the coverages.
    expect(Math.abs(inAAndOther / USERS.length - 0.15)).toBeLessThan(0.01);
  });

  it('assigns the first matching experiment across layers, and respects targeting', () => {
    const first = experiment({ key: 'first', layer: 'one' });
    const second = experiment({ key: 'second', layer: 'two' });
    expect(assignUser([first, second], user('u-1'))?.experiment.key).toBe('first');
    const newOnly = experiment({ key: 'new-only', targeting: 'new' });
    const german = experiment({ key: 'de', layer: 'geo', targeting: 'country=de' });
    expect(assignUser([newOnly], user('u-1', false))).toBeNull();
    expect(assignUser([newOnly], user('u-1', true))?.experiment.key).toBe('new-only');
    expect(assignUser([newOnly, german], user('u-1', false, { country: 'de' }))?.experiment.key).toBe('de');
    expect(assignUser([german], user('u-1', false, { country: 'fr' }))).toBeNull();
    expect(assignUser([experiment({ key: 'none', slots: { start: 0, count: 0 } })], user('u-1'))).toBeNull();
  });

  it('spreads layer slots evenly', () => {
    const buckets = new Array<number>(10).fill(0);
    for (const id of USERS) buckets[Math.floor(layerSlot('default', id) / (LAYER_SLOTS / 10))]! += 1;
    for (const count of buckets) expect(Math.abs(count / USERS.length - 0.1)).toBeLessThan(0.005);
  });
});

describe('slot allocation', () => {
  it('takes the lowest gap wide enough, or none', () => {
    expect(firstFreeSlot(5000, [])).toBe(0);
    expect(firstFreeSlot(3000, [{ start: 0, count: 2000 }, { start: 6000, count: 4000 }])).toBe(2000);
    expect(firstFreeSlot(4001, [{ start: 0, count: 2000 }, { start: 6000, count: 4000 }])).toBeNull();
    expect(firstFreeSlot(1000, [{ start: 500, count: 8000 }])).toBe(8500);
    expect(firstFreeSlot(10_001, [])).toBeNull();
    expect(firstFreeSlot(0, [{ start: 0, count: LAYER_SLOTS }])).toBe(0);
  });

  it('treats empty ranges as overlapping nothing', () => {
    expect(rangesOverlap({ start: 0, count: 100 }, { start: 99, count: 1 })).toBe(true);
    expect(rangesOverlap({ start: 0, count: 100 }, { start: 100, count: 50 })).toBe(false);
    expect(rangesOverlap({ start: 0, count: 0 }, { start: 0, count: 50 })).toBe(false);
  });
});
