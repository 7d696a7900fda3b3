import http from 'node:http';

export interface LoadResult {
  /** Requests completed per second over the run, errors included. */
  achievedRate: number;
  /** Successful (200) responses per second over the run. */
  okRate: number;
  requests: number;
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Mean of each `server-timing` entry, in ms, over the responses that carried it. */
  serverTiming: Record<string, { mean: number; p99: number }>;
}

export interface LoadOptions {
  url: string;
  /** The path of the next request; called once per request. */
  path: () => string;
  durationSeconds: number;
}

interface Sample {
  latency: number;
  ok: boolean;
  timing: string | undefined;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
/** A request still unanswered after this counts as an error, as it would for a real client. */
const CLIENT_TIMEOUT_MS = 5_000;

function send(base: URL, path: string): Promise<Sample> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.get({ host: base.hostname, port: base.port, path, agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ latency: performance.now() - started, ok: response.statusCode === 200, timing: response.headers['server-timing'] as string | undefined }),
      );
    });
    // From the moment the request is made, waiting for a free socket included.
    const deadline = setTimeout(() => request.destroy(new Error('client timeout')), CLIENT_TIMEOUT_MS);
    request.on('close', () => clearTimeout(deadline));
    request.on('error', () => resolve({ latency: performance.now() - started, ok: false, timing: undefined }));
  });
}

/**
 * Open loop at a fixed rate: requests leave on schedule whether or not earlier ones have
 * answered, so a slow server shows up as latency, not as a politely lower rate (the
 * "coordinated omission" a closed loop hides).
 */
export async function fixedRate(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const base = new URL(options.url);
  const total = Math.round(options.rate * options.durationSeconds);
  const pending: Promise<Sample>[] = [];
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(base, options.path()));
  }
  const samples = await Promise.all(pending);
  return summarise(samples, (performance.now() - started) / 1000);
}

/**
 * Closed loop: `connections` clients each send the next request as soon as one answers: the
 * ceiling. It stops after `durationSeconds`, or once `maxRequests` have been sent.
 */
export async function maxRate(options: LoadOptions & { connections: number; maxRequests?: number }): Promise<LoadResult> {
  const base = new URL(options.url);
  const samples: Sample[] = [];
  const deadline = performance.now() + options.durationSeconds * 1000;
  const maxRequests = options.maxRequests ?? Infinity;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline && sent < maxRequests) {
        sent++;
        samples.push(await send(base, options.path()));
      }
    }),
  );
  return summarise(samples, (performance.now() - started) / 1000);
}

function summarise(samples: Sample[], seconds: number): LoadResult {
  const latencies = Float64Array.from(samples, (sample) => sample.latency).sort();
  const at = (q: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  const stages = new Map<string, number[]>();
  for (const { timing } of samples) {
    for (const part of timing?.split(',') ?? []) {
      const match = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
      if (!match) continue;
      const list = stages.get(match[1]!) ?? [];
      list.push(Number(match[2]));
      stages.set(match[1]!, list);
    }
  }
  const serverTiming = Object.fromEntries(
    [...stages].map(([stage, values]) => {
      const sorted = Float64Array.from(values).sort();
      return [stage, { mean: values.reduce((sum, value) => sum + value, 0) / values.length, p99: sorted[Math.floor(0.99 * (sorted.length - 1))]! }];
    }),
  );
  const errors = samples.filter((sample) => !sample.ok).length;
  return {
    achievedRate: samples.length / seconds,
    okRate: (samples.length - errors) / seconds,
    requests: samples.length,
    errors,
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies[latencies.length - 1] ?? 0 },
    serverTiming,
  };
}
