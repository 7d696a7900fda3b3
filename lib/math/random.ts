/**
 * Seeded randomness for everything that must be reproducible: the demo world, training
 * (initialisation, negative sampling, shuffles) and the traffic simulator. `Math.random`
 * cannot be seeded, so nothing that should repeat may use it.
 */

const UINT32 = 4294967296;
/** sfc32's first outputs still echo the seed; discarding a few decorrelates nearby seeds. */
const WARM_UP_ROUNDS = 15;

/**
 * A small, fast PRNG (sfc32) seeded through splitmix32. `stream` selects an independent
 * sequence for the same seed, so separate concerns (items, users, events) can draw from their
 * own streams and a change in one does not shift the others.
 */
export class Random {
  // In an Int32Array the state stays raw 32-bit integers; as object fields V8 would box most of them.
  private readonly state = new Int32Array(4);
  private spareNormal: number | null = null;

  constructor(seed: number, stream = 0) {
    const mix = splitmix32(hashSeed(seed, stream));
    this.state[0] = mix();
    this.state[1] = mix();
    this.state[2] = mix();
    this.state[3] = 1;
    for (let round = 0; round < WARM_UP_ROUNDS; round++) this.nextUint32();
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / UINT32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Gaussian by Box–Muller; each pair of uniforms yields two values, the second kept for the next call. */
  normal(mean = 0, standardDeviation = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + standardDeviation * spare;
    }
    // 1 - next() lies in (0, 1]: the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return mean + standardDeviation * radius * Math.cos(angle);
  }

  /** Positive and right-skewed: a few large values, many small ones (popularity, activity). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Fisher–Yates, in place; returns the same array for chaining. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** sfc32. */
  private nextUint32(): number {
    const s = this.state;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }
}

/** Folds a seed of any size (and the stream number) into 32 bits without losing the high bits. */
function hashSeed(seed: number, stream: number): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / UINT32) >>> 0;
  return (Math.imul(low ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(high + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0;
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Walker's alias method (Vose's construction): O(n) to build, O(1) per weighted draw, which is
 * what lets the demo world and negative sampling draw millions of times from large catalogues.
 */
export class AliasTable {
  /**
   * Per slot, its threshold and its alias side by side: a draw then touches one cache line, not
   * two, which matters once a table outgrows the CPU cache.
   */
  private readonly slots: Float64Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const weight = weights[i] as number;
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weight ${i} must be a finite non-negative number`);
      total += weight;
    }
    if (n === 0 || total <= 0) throw new RangeError('an alias table needs at least one positive weight');

    this.size = n;
    this.slots = new Float64Array(2 * n);
    const scaled = Float64Array.from({ length: n }, (_, i) => ((weights[i] as number) * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) ((scaled[i] as number) < 1 ? small : large).push(i);

    while (small.length > 0 && large.length > 0) {
      const under = small.pop() as number;
      const over = large.pop() as number;
      this.setSlot(under, scaled[under] as number, over);
      scaled[over] = (scaled[over] as number) + (scaled[under] as number) - 1;
      ((scaled[over] as number) < 1 ? small : large).push(over);
    }
    // Whatever remains is 1 up to rounding error: those slots always keep their own index.
    for (const i of [...small, ...large]) this.setSlot(i, 1, i);
  }

  /** An index drawn with probability proportional to its weight. */
  sample(random: Random): number {
    const slot = random.int(this.size);
    return random.next() < (this.slots[2 * slot] as number) ? slot : (this.slots[2 * slot + 1] as number);
  }

  private setSlot(slot: number, threshold: number, alias: number): void {
    this.slots[2 * slot] = threshold;
    this.slots[2 * slot + 1] = alias;
  }
}

/** Weighted choice among labelled options: an alias table that hands back the option rather than its index. */
export class WeightedChoice<T> {
  private readonly values: readonly T[];
  private readonly table: AliasTable;

  constructor(options: readonly { value: T; weight: number }[]) {
    this.values = options.map((option) => option.value);
    this.table = new AliasTable(options.map((option) => option.weight));
  }

  pick(random: Random): T {
    return this.values[this.table.sample(random)] as T;
  }
}
