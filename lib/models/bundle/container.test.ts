import { describe, expect, it } from 'vitest';
import { BundleError, bundleChecksum, decodeStrings, encodeStrings, packBundle, unpackBundle } from './container';

describe('bundle container', () => {
  const contents = {
    meta: { version: 3, params: { factors: 2 } },
    sections: {
      factors: Float32Array.from([1.5, -2, 3.25]),
      ids: encodeStrings(['a', 'b\n"c"', 'ü']),
      counts: Uint16Array.from([1, 2, 3, 4, 5]),
      wide: Float64Array.from([Math.PI]),
    },
  };

  it('round-trips meta, typed arrays and strings', () => {
    const unpacked = unpackBundle(packBundle(contents));
    expect(unpacked.meta).toEqual(contents.meta);
    expect([...unpacked.sections.factors!]).toEqual([1.5, -2, 3.25]);
    expect(unpacked.sections.counts).toBeInstanceOf(Uint16Array);
    expect(unpacked.sections.wide![0]).toBe(Math.PI);
    expect(decodeStrings(unpacked.sections.ids, 'ids')).toEqual(['a', 'b\n"c"', 'ü']);
  });

  it('loads from a misaligned slice of a larger buffer', () => {
    const packed = packBundle(contents);
    const larger = new Uint8Array(packed.length + 3);
    larger.set(packed, 3);
    expect([...unpackBundle(larger.subarray(3)).sections.factors!]).toEqual([1.5, -2, 3.25]);
  });

  it('refuses foreign, truncated and corrupt bytes with a clear error', () => {
    const packed = packBundle(contents);
    expect(() => unpackBundle(Uint8Array.from([1, 2, 3]))).toThrow(BundleError);
    expect(() => unpackBundle(packed.subarray(0, packed.length - 16))).toThrow(/truncated/);
    const corrupt = packed.slice();
    corrupt[12] = 0x78; // the manifest's opening brace
    expect(() => unpackBundle(corrupt)).toThrow(/manifest/);
  });

  it('checksums change with any byte', () => {
    const packed = packBundle(contents);
    const changed = packed.slice();
    changed[changed.length - 1]! ^= 1;
    expect(bundleChecksum(changed)).not.toBe(bundleChecksum(packed));
    expect(bundleChecksum(packed)).toMatch(/^[0-9a-f]{64}$/);
  });
});
