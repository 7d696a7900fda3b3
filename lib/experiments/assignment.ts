import { inSegment, type SegmentUser } from '@/lib/curation/segments';
import { LAYER_SLOTS } from './types';

/**
 * Deterministic, stateless assignment: every instance computes the same answer from the user id
 * and the experiment's stored configuration alone, so nothing is looked up or stored per request.
 *
 * Two independent hashes decide: the layer slot (hash of layer and user) decides whether the user
 * is in an experiment at all, the variant point (hash of the experiment's seed and user) which
 * variant. Coverage only moves the edge of the slot range, so widening or narrowing it adds or
 * removes users but never moves one between variants.
 */

const UINT32 = 4294967296;
const encoder = new TextEncoder();
// Reused on the hot path: one allocation per process instead of one per hash.
let scratch = new Uint8Array(256);

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`: well mixed even for ids that differ in one character. */
export function murmur3(text: string, seed = 0): number {
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const length = encoder.encodeInto(text, scratch).written;
  const bytes = scratch;
  let h = seed >>> 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    case 3:
      k ^= bytes[blocks + 2]! << 16;
    // falls through
    case 2:
      k ^= bytes[blocks + 1]! << 8;
    // falls through
    case 1:
      k ^= bytes[blocks]!;
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The user's slot in a layer, 0..LAYER_SLOTS − 1. The NUL separator keeps ("ab","c") and ("a","bc") apart. */
export function layerSlot(layer: string, userId: string): number {
  return Math.floor((murmur3(`layer\u0000${layer}\u0000${userId}`) / UINT32) * LAYER_SLOTS);
}

/** The user's point in [0, 1) for choosing a variant of the experiment with this seed. */
export function variantPoint(seed: string, userId: string): number {
  return murmur3(`variant\u0000${seed}\u0000${userId}`) / UINT32;
}

/**
 * The variant whose range holds the point, ranges laid out in variant order by weight. The last
 * variant takes whatever rounding leaves at the top, so every point lands somewhere.
 */
export function variantAt(weights: readonly number[], point: number): number {
  let upper = 0;
  for (let i = 0; i < weights.length - 1; i++) {
    upper += weights[i]!;
    if (point < upper) return i;
  }
  return weights.length - 1;
}

export interface SlotRange {
  start: number;
  /** Slots owned: start .. start + count − 1. */
  count: number;
}

export function inRange(slot: number, range: SlotRange): boolean {
  return slot >= range.start && slot < range.start + range.count;
}

export function rangesOverlap(a: SlotRange, b: SlotRange): boolean {
  return a.count > 0 && b.count > 0 && a.start < b.start + b.count && b.start < a.start + a.count;
}

/**
 * The lowest start where `count` slots are free of the ranges already taken, or null when no gap
 * is wide enough. Lowest-first keeps free space in one piece at the top of the layer.
 */
export function firstFreeSlot(count: number, taken: readonly SlotRange[]): number | null {
  if (count > LAYER_SLOTS) return null;
  const sorted = taken.filter((range) => range.count > 0).sort((a, b) => a.start - b.start);
  let start = 0;
  for (const range of sorted) {
    if (start + count <= range.start) return start;
    start = Math.max(start, range.start + range.count);
  }
  return start + count <= LAYER_SLOTS ? start : null;
}

export interface AssignableExperiment {
  layer: string;
  slots: SlotRange;
  seed: string;
  /** `all`, `new`, `returning` or `key=value`. */
  targeting: string;
  weights: readonly number[];
}

export interface AssignableUser extends SegmentUser {
  id: string;
}

/**
 * The first experiment, in the order given, whose slot range holds the user's layer slot and
 * whose audience includes the user, with the variant chosen. Experiments in one layer own disjoint
 * ranges, and the lifecycle only lets experiments of different layers run together when their
 * audiences cannot meet (`audiencesDisjoint`), so at most one can match: every experiment decides
 * the same thing, the strategy served, and a user can only be served one.
 */
export function assignUser<E extends AssignableExperiment>(experiments: readonly E[], user: AssignableUser): { experiment: E; variant: number } | null {
  const slots = new Map<string, number>();
  for (const experiment of experiments) {
    let slot = slots.get(experiment.layer);
    if (slot === undefined) slots.set(experiment.layer, (slot = layerSlot(experiment.layer, user.id)));
    if (!inRange(slot, experiment.slots) || !inAudience(experiment.targeting, user)) continue;
    return { experiment, variant: variantAt(experiment.weights, variantPoint(experiment.seed, user.id)) };
  }
  return null;
}

/**
 * Whether no user can be in both audiences, judged from the rules alone: `new` and `returning`
 * never meet, nor do two values of one attribute. Anything else may share users.
 */
export function audiencesDisjoint(a: string, b: string): boolean {
  if ((a === 'new' && b === 'returning') || (a === 'returning' && b === 'new')) return true;
  const ruleA = attributeRule(a);
  const ruleB = attributeRule(b);
  return ruleA !== null && ruleB !== null && ruleA.key === ruleB.key && ruleA.value !== ruleB.value;
}

function attributeRule(targeting: string): { key: string; value: string } | null {
  const split = targeting.indexOf('=');
  return split > 0 ? { key: targeting.slice(0, split), value: targeting.slice(split + 1) } : null;
}

export function inAudience(targeting: string, user: SegmentUser): boolean {
  return inSegment(targeting === 'all' ? null : targeting, user);
}
