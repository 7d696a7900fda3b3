import { ApiError } from './errors';

export type BodyFormat = 'json' | 'ndjson';

const MEDIA_TYPES: Record<BodyFormat, string[]> = {
  json: ['application/json'],
  ndjson: ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
};

export interface ReadBodyOptions {
  maxBytes: number;
  formats?: BodyFormat[];
}

export interface ParsedBody {
  format: BodyFormat;
  value: unknown;
}

/**
 * Reads a request body within a size limit and parses it by its content type.
 * NDJSON becomes an array, one element per non-empty line.
 */
export async function readBody(request: Request, { maxBytes, formats = ['json'] }: ReadBodyOptions): Promise<ParsedBody> {
  const format = formatOf(request.headers.get('content-type'), formats);
  const text = await readText(request, maxBytes);
  if (format === 'ndjson') return { format, value: parseNdjson(text) };
  if (text.trim() === '') throw ApiError.badRequest('request body is empty');
  try {
    return { format, value: JSON.parse(text) };
  } catch (error) {
    throw ApiError.badRequest(`request body is not valid JSON: ${(error as Error).message}`);
  }
}

function formatOf(contentType: string | null, formats: BodyFormat[]): BodyFormat {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = formats.find((candidate) => MEDIA_TYPES[candidate].includes(mediaType));
  if (!format) throw ApiError.unsupportedMediaType(formats.flatMap((candidate) => MEDIA_TYPES[candidate]));
  return format;
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw ApiError.payloadTooLarge(maxBytes);
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw ApiError.payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseNdjson(text: string): unknown[] {
  const values: unknown[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      values.push(JSON.parse(line));
    } catch (error) {
      throw ApiError.badRequest(`line ${index + 1} is not valid JSON: ${(error as Error).message}`, [
        { field: `line ${index + 1}`, message: 'not valid JSON' },
      ]);
    }
  });
  return values;
}
