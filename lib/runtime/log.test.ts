import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object a line, with the level, time, message and fields', () => {
    const { stream, text } = collector();
    const logger = createLogger({ level: 'info', format: 'json' }, stream);
    logger.info({ runId: 7 }, 'training run started');
    logger.debug('not at this level');
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 30, msg: 'training run started', runId: 7 });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('writes human-readable lines in the pretty format, still one a line', () => {
    const { stream, text } = collector();
    createLogger({ level: 'info', format: 'pretty' }, stream).warn({ runId: 7, stage: 'ranker' }, 'training run slow');
    expect(text()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*WARN.*: .*training run slow.* \{"runId":7,"stage":"ranker"\}\n$/);
  });

  it('writes nothing when silent', () => {
    const { stream, text } = collector();
    createLogger({ level: 'silent', format: 'json' }, stream).error('unheard');
    expect(text()).toBe('');
  });
});
