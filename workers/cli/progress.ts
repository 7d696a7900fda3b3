import { SingleBar } from 'cli-progress';

/** Progress of one stage of a long command (an import, a training run, an evaluation). */
export interface ProgressTracker {
  update(done: number): void;
  /** Marks the stage complete and prints its final line. */
  finish(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Without a terminal: how often to print a line. */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 2_000;
const numbers = new Intl.NumberFormat('en-US');

/**
 * A live bar with rate and ETA on a terminal; elsewhere (CI logs, pipes) plain lines every few
 * seconds, since redrawn bars turn into noise once they are not redrawn in place.
 */
export function trackProgress(label: string, total: number, options: ProgressOptions = {}): ProgressTracker {
  const stream = options.stream ?? process.stdout;
  const clock = stageClock(total);
  return stream.isTTY ? barTracker(label, total, stream, clock) : lineTracker(label, total, stream, clock, options.intervalMs ?? DEFAULT_INTERVAL_MS);
}

interface StageClock {
  /** "12,345/s, ETA 8s" while running, "in 3.2s, 31,000/s" once done. */
  describe(done: number, finished: boolean): string;
}

function stageClock(total: number): StageClock {
  const started = performance.now();
  return {
    describe(done, finished) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      if (finished) return `in ${formatDuration(seconds)}, ${numbers.format(Math.round(rate))}/s`;
      const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
      return `${numbers.format(Math.round(rate))}/s, ETA ${eta}`;
    },
  };
}

function barTracker(label: string, total: number, stream: NodeJS.WriteStream, clock: StageClock): ProgressTracker {
  const bar = new SingleBar({
    stream,
    format: `${label.padEnd(10)} [{bar}] {percentage}% {count} {timing}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
  });
  let latest = 0;
  bar.start(total, 0, { count: counted(0, total), timing: clock.describe(0, false) });
  return {
    update(done) {
      latest = done;
      bar.update(done, { count: counted(done, total), timing: clock.describe(done, false) });
    },
    finish() {
      bar.update(latest, { count: counted(latest, total), timing: clock.describe(latest, true) });
      bar.stop();
    },
  };
}

function lineTracker(label: string, total: number, stream: NodeJS.WriteStream, clock: StageClock, intervalMs: number): ProgressTracker {
  let latest = 0;
  let printedAt = performance.now();
  const print = (finished: boolean) => {
    const percent = total > 0 ? Math.floor((latest / total) * 100) : 100;
    stream.write(`${label}: ${counted(latest, total)} (${percent}%) ${clock.describe(latest, finished)}\n`);
  };
  return {
    update(done) {
      latest = done;
      if (performance.now() - printedAt < intervalMs) return;
      printedAt = performance.now();
      print(false);
    },
    finish() {
      print(true);
    },
  };
}

function counted(done: number, total: number): string {
  return `${numbers.format(done)}/${numbers.format(total)}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${Math.floor(seconds % 60)}s` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

export interface StageProgress {
  stage: string;
  done: number;
  total: number;
}

/** For commands that report `{ stage, done, total }`: one tracker per stage, each finished as the next begins. */
export function trackStages(options: ProgressOptions = {}) {
  let current: { stage: string; tracker: ProgressTracker } | undefined;
  return {
    report({ stage, done, total }: StageProgress): void {
      if (current?.stage !== stage) {
        current?.tracker.finish();
        current = { stage, tracker: trackProgress(stage, total, options) };
      }
      current.tracker.update(done);
    },
    finish(): void {
      current?.tracker.finish();
      current = undefined;
    },
  };
}
