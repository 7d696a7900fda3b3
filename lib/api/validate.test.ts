import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { storedAsReal, timestampInput } from './fields';
import { MAX_INPUT_DEPTH, numericPathId, parseInput } from './validate';

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const nestedArrays = (depth: number): unknown => (depth === 0 ? 'x' : [nestedArrays(depth - 1)]);

describe('parseInput', () => {
  it('refuses a NUL character anywhere, naming the field, before the schema sees it', () => {
    const error = refusal(() => parseInput(z.unknown(), { events: [{ ok: 'fine' }, { context: { page: 'a\u0000b' } }] }, 'event batch'));
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([{ field: 'events[1].context.page', message: 'must not contain NUL characters' }]);
  });

  it('refuses a NUL character in a key, and an unpaired surrogate in a value or a key', () => {
    expect(refusal(() => parseInput(z.unknown(), { attributes: { 'a\u0000': 1 } })).fields[0]?.message).toBe('key must not contain NUL characters');
    expect(refusal(() => parseInput(z.unknown(), { item_id: 'it\ud800em' })).fields).toEqual([{ field: 'item_id', message: 'must not contain unpaired UTF-16 surrogates' }]);
    expect(refusal(() => parseInput(z.unknown(), { ['\udc00']: 1 })).status).toBe(400);
    expect(refusal(() => parseInput(z.unknown(), 'a\u0000b', 'path parameter id', 'id')).fields[0]?.field).toBe('id');
  });

  it('takes paired surrogates (emoji) and ordinary control characters', () => {
    expect(parseInput(z.unknown(), { title: '😀 tab\there' })).toEqual({ title: '😀 tab\there' });
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels, however deep`, () => {
    expect(parseInput(z.unknown(), nestedArrays(MAX_INPUT_DEPTH))).toBeDefined();
    expect(refusal(() => parseInput(z.unknown(), nestedArrays(MAX_INPUT_DEPTH + 1))).fields[0]?.message).toMatch(/nested deeper/);
    expect(refusal(() => parseInput(z.unknown(), JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).status).toBe(400);
  });
});

describe('numericPathId', () => {
  const id = (value: string) => numericPathId({ params: Promise.resolve({ id: value }) }, 'model version');

  it('takes a positive whole number, and answers 404 past the largest id the database can hold', async () => {
    expect(await id('12')).toBe(12);
    expect(await id('2147483647')).toBe(2_147_483_647);
    await expect(id('2147483648')).rejects.toMatchObject({ status: 404, message: "model version '2147483648' does not exist" });
    await expect(id('99999999999999999999999')).rejects.toMatchObject({ status: 404 });
  });

  it.each(['0', '-1', '1e3', '1.5', ' 7', 'abc', ''])('refuses %j with a 400', async (value) => {
    await expect(id(value)).rejects.toMatchObject({ status: 400 });
  });
});

describe('timestampInput', () => {
  const parse = (value: unknown) => timestampInput.safeParse(value);

  it('takes 1970 to the end of 9999, as ISO 8601 or epoch milliseconds', () => {
    expect(parse(0).data).toEqual(new Date(0));
    expect(parse('9999-12-31T23:59:59Z').success).toBe(true);
    expect(parse('2026-01-02').data).toEqual(new Date('2026-01-02T00:00:00Z'));
  });

  it.each([-1, 9_000_000_000_000_000, '0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', 1.5])('refuses %j', (value) => {
    expect(parse(value).success).toBe(false);
  });
});

describe('storedAsReal', () => {
  it('refuses magnitudes that underflow a real column, but not 0', () => {
    const schema = storedAsReal(z.number());
    expect(schema.safeParse(0).success).toBe(true);
    expect(schema.safeParse(-2.5).success).toBe(true);
    expect(schema.safeParse(1e-200).success).toBe(false);
    expect(schema.safeParse(-4e-323).success).toBe(false);
  });
});
