import { createHash } from 'node:crypto';

/**
 * A model bundle on the wire: a JSON manifest followed by typed-array sections, each aligned
 * to 8 bytes so that loading can view them in place instead of copying.
 *
 *   "TLRB" | format u32 | manifest length u32 | manifest (UTF-8 JSON) | padding | sections…
 */
const MAGIC = 'TLRB';
const FORMAT = 1;
const HEADER_BYTES = 12;
const ALIGNMENT = 8;

const ARRAY_TYPES = {
  f32: Float32Array,
  f64: Float64Array,
  u32: Uint32Array,
  i32: Int32Array,
  u16: Uint16Array,
  u8: Uint8Array,
} as const;

type DataType = keyof typeof ARRAY_TYPES;
export type SectionArray = Float32Array | Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

export interface BundleContents {
  meta: Record<string, unknown>;
  sections: Record<string, SectionArray>;
}

interface SectionEntry {
  name: string;
  type: DataType;
  offset: number;
  length: number;
}

interface Manifest {
  meta: Record<string, unknown>;
  sections: SectionEntry[];
}

export class BundleError extends Error {
  constructor(message: string) {
    super(`model bundle: ${message}`);
    this.name = 'BundleError';
  }
}

export function packBundle({ meta, sections }: BundleContents): Uint8Array {
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    entries.push({ name, type: typeOf(array), offset, length: array.length });
    offset = align(offset + array.byteLength);
  }
  const manifest = Buffer.from(JSON.stringify({ meta, sections: entries } satisfies Manifest), 'utf8');
  const dataStart = align(HEADER_BYTES + manifest.length);
  const bytes = new Uint8Array(dataStart + offset);
  const view = new DataView(bytes.buffer);
  bytes.set(Buffer.from(MAGIC, 'ascii'), 0);
  view.setUint32(4, FORMAT, true);
  view.setUint32(8, manifest.length, true);
  bytes.set(manifest, HEADER_BYTES);
  entries.forEach((entry, index) => {
    const array = Object.values(sections)[index]!;
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + entry.offset);
  });
  return bytes;
}

export function unpackBundle(bytes: Uint8Array): BundleContents {
  if (bytes.byteLength < HEADER_BYTES || Buffer.from(bytes.subarray(0, 4)).toString('ascii') !== MAGIC) throw new BundleError('not a Tailor model bundle');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(4, true);
  if (format !== FORMAT) throw new BundleError(`format ${format} is not supported (expected ${FORMAT})`);
  const manifestLength = view.getUint32(8, true);
  const manifest = parseManifest(bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestLength));
  const dataStart = align(HEADER_BYTES + manifestLength);
  // Views need an aligned base; a buffer that arrived misaligned (a slice of a larger one) is copied once.
  const base = (bytes.byteOffset + dataStart) % ALIGNMENT === 0 ? bytes : new Uint8Array(bytes);
  const sections: Record<string, SectionArray> = {};
  for (const entry of manifest.sections) {
    const ArrayType = ARRAY_TYPES[entry.type];
    const start = base.byteOffset + dataStart + entry.offset;
    if (dataStart + entry.offset + entry.length * ArrayType.BYTES_PER_ELEMENT > base.byteLength) throw new BundleError(`section '${entry.name}' is truncated`);
    sections[entry.name] = new ArrayType(base.buffer as ArrayBuffer, start, entry.length);
  }
  return { meta: manifest.meta, sections };
}

export function bundleChecksum(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseManifest(raw: Uint8Array): Manifest {
  try {
    const manifest = JSON.parse(Buffer.from(raw).toString('utf8')) as Manifest;
    if (!Array.isArray(manifest.sections)) throw new Error('no section table');
    return manifest;
  } catch (error) {
    throw new BundleError(`unreadable manifest (${(error as Error).message})`);
  }
}

function typeOf(array: SectionArray): DataType {
  const entry = Object.entries(ARRAY_TYPES).find(([, ArrayType]) => array instanceof ArrayType);
  if (!entry) throw new BundleError('unsupported section type');
  return entry[0] as DataType;
}

function align(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}

/** Strings (ids, vocabularies) travel as a UTF-8 JSON section. */
export function encodeStrings(values: readonly string[]): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(values), 'utf8'));
}

export function decodeStrings(section: SectionArray | undefined, name: string): string[] {
  if (!(section instanceof Uint8Array)) throw new BundleError(`section '${name}' is missing`);
  return JSON.parse(Buffer.from(section.buffer, section.byteOffset, section.byteLength).toString('utf8')) as string[];
}
