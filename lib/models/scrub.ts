import { BundleError, bundleChecksum, decodeStrings, encodeStrings, packBundle, unpackBundle, type SectionArray } from './bundle/container';

/**
 * Taking forgotten users out of a stored model bundle, so that the bytes themselves no longer name
 * them or hold what was learnt from them alone. Serving masks them in memory at every load; this
 * makes the artifact as clean as the memory. Everything shared by all users stays bit for bit.
 */

/** Sections holding one row per user: the ids, the ALS factors, and the compressed sparse rows. */
const USER_IDS = 'userIds';
const USER_FACTORS = 'als.userFactors';
/** Compressed sparse rows over users: `<prefix>.offsets` (users + 1) and the arrays it indexes. */
const PER_USER_ROWS = /^(histories|precomputed\.[^.]+)\.(offsets|items|strengths|types)$/;
/**
 * Sections that describe items or the whole model, never one user (the ANN index holds item
 * factors only; the exposure penalty, like popularity, is a per-item share of many users).
 */
const SHARED = /^(itemIds|itemCategory|itemPublishedAt|als\.itemFactors|knn\..+|content\..+|popularity\..+|ease\..+|ranker\..+|ann\.factors|ann\.content|exposure\.penalty)$/;

/** Users tested between yields to the event loop: hashing a million ids takes seconds. */
const USERS_PER_SLICE = 10_000;

export interface ScrubbedBundle {
  bytes: Uint8Array;
  checksum: string;
  /** How many users were taken out. */
  forgotten: number;
}

/**
 * The bundle without the users `isForgotten` picks: their id becomes the empty string (which the
 * serving loader leaves out of its index, so no lookup can match it), their factor row zeros, and
 * their trained history and precomputed lists empty. Null when none of its users is picked.
 * A section this does not know refuses the scrub: it might hold users nobody takes out.
 */
export async function scrubBundle(bytes: Uint8Array, isForgotten: (userId: string) => boolean): Promise<ScrubbedBundle | null> {
  const { meta, sections } = unpackBundle(bytes);
  assertKnownSections(sections);
  const userIds = decodeStrings(sections[USER_IDS], USER_IDS);
  const forgotten = await forgottenRows(userIds, isForgotten);
  if (forgotten.size === 0) return null;
  const scrubbed: Record<string, SectionArray> = { ...sections, [USER_IDS]: encodeStrings(userIds.map((id, row) => (forgotten.has(row) ? '' : id))) };
  const factors = sections[USER_FACTORS];
  if (!(factors instanceof Float32Array) || factors.length % Math.max(1, userIds.length) !== 0) throw new BundleError(`section '${USER_FACTORS}' does not hold a row per user`);
  scrubbed[USER_FACTORS] = zeroRows(factors, factors.length / Math.max(1, userIds.length), forgotten);
  for (const prefix of perUserRowPrefixes(sections)) Object.assign(scrubbed, withoutRows(sections, prefix, userIds.length, forgotten));
  const packed = packBundle({ meta, sections: scrubbed });
  return { bytes: packed, checksum: bundleChecksum(packed), forgotten: forgotten.size };
}

function assertKnownSections(sections: Record<string, SectionArray>): void {
  const unknown = Object.keys(sections).filter((name) => name !== USER_IDS && name !== USER_FACTORS && !PER_USER_ROWS.test(name) && !SHARED.test(name));
  if (unknown.length > 0) throw new BundleError(`cannot take users out of unknown sections (${unknown.join(', ')}): list them in lib/models/scrub.ts`);
}

async function forgottenRows(userIds: readonly string[], isForgotten: (userId: string) => boolean): Promise<Set<number>> {
  const rows = new Set<number>();
  for (let row = 0; row < userIds.length; row++) {
    const id = userIds[row]!;
    if (id !== '' && isForgotten(id)) rows.add(row);
    if ((row + 1) % USERS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

function zeroRows(factors: Float32Array, k: number, rows: ReadonlySet<number>): Float32Array {
  const copy = new Float32Array(factors);
  for (const row of rows) copy.fill(0, row * k, (row + 1) * k);
  return copy;
}

function perUserRowPrefixes(sections: Record<string, SectionArray>): string[] {
  return Object.keys(sections).flatMap((name) => {
    const match = PER_USER_ROWS.exec(name);
    return match && match[2] === 'offsets' ? [match[1]!] : [];
  });
}

/** The sparse rows under `prefix` with the given users' rows emptied: their entries removed, others' unchanged. */
function withoutRows(sections: Record<string, SectionArray>, prefix: string, userCount: number, rows: ReadonlySet<number>): Record<string, SectionArray> {
  const offsets = sections[`${prefix}.offsets`];
  if (!(offsets instanceof Uint32Array) || offsets.length !== userCount + 1) throw new BundleError(`section '${prefix}.offsets' does not hold a row per user`);
  const arrays = Object.keys(sections).filter((name) => name.startsWith(`${prefix}.`) && name !== `${prefix}.offsets`);
  const kept = new Uint32Array(userCount + 1);
  for (let user = 0; user < userCount; user++) kept[user + 1] = kept[user]! + (rows.has(user) ? 0 : offsets[user + 1]! - offsets[user]!);
  const result: Record<string, SectionArray> = { [`${prefix}.offsets`]: kept };
  for (const name of arrays) {
    const source = sections[name]!;
    const target = new (source.constructor as new (length: number) => SectionArray)(kept[userCount]!);
    for (let user = 0; user < userCount; user++) {
      if (!rows.has(user)) target.set(source.subarray(offsets[user]!, offsets[user + 1]!), kept[user]!);
    }
    result[name] = target;
  }
  return result;
}
