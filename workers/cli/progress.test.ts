import { describe, expect, it } from 'vitest';
import { trackProgress, trackStages } from './progress';

/** A stream that is not a terminal, so the trackers print plain lines. */
function captured() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { lines, stream };
}

describe('trackProgress without a terminal', () => {
  it('prints at most one line per interval, and a final line', () => {
    const { lines, stream } = captured();
    const tracker = trackProgress('events', 1_000, { stream, intervalMs: 60_000 });
    tracker.update(10);
    tracker.update(500);
    expect(lines).toEqual([]);
    tracker.update(1_000);
    tracker.finish();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^events: 1,000\/1,000 \(100%\) in \d+\.\ds, [\d,]+\/s\n$/);
  });

  it('prints progress with rate and ETA once the interval has passed', () => {
    const { lines, stream } = captured();
    const tracker = trackProgress('items', 200, { stream, intervalMs: 0 });
    tracker.update(50);
    expect(lines[0]).toMatch(/^items: 50\/200 \(25%\) [\d,]+\/s, ETA (\d+\.\ds|\?)\n$/);
  });
});

describe('trackStages', () => {
  it('finishes each stage when the next begins', () => {
    const { lines, stream } = captured();
    const stages = trackStages({ stream, intervalMs: 60_000 });
    stages.report({ stage: 'items', done: 0, total: 2 });
    stages.report({ stage: 'items', done: 2, total: 2 });
    stages.report({ stage: 'events', done: 3, total: 3 });
    stages.finish();
    expect(lines.map((line) => line.split(':')[0])).toEqual(['items', 'events']);
    expect(lines[1]).toMatch(/^events: 3\/3 \(100%\) in /);
  });
});
