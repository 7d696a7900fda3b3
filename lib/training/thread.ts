import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { TrainingData } from '@/lib/models/data';
import { SparseMatrix } from '@/lib/models/sparse';
import type { TrainOutput, TrainProgress } from './train';

/** Set in the compiled server and worker (workers/build.mjs): the thread compiled beside them, relative to the root. */
declare const TAILOR_COMPILED_THREAD: string | undefined;

/**
 * Compiled (`npm run build`), the thread is plain JavaScript too. Run from source, a plain entry
 * registers tsx before loading the TypeScript one, whatever started this process.
 */
const THREAD_ENTRY = path.join(process.cwd(), typeof TAILOR_COMPILED_THREAD === 'string' ? TAILOR_COMPILED_THREAD : path.join('workers', 'training-thread.cjs'));
const THREAD_EXEC_ARGV = ['--conditions=react-server'];

export interface ThreadInput {
  data: ReturnType<typeof toTransferable>;
  activeBundle: Uint8Array | null;
}

export type ThreadMessage = { kind: 'progress'; progress: TrainProgress } | { kind: 'done'; output: TrainOutput } | { kind: 'failed'; message: string; stack?: string };

/**
 * Trains in a worker thread: model fitting is seconds to minutes of pure computation, and the
 * process that asked (the web server, or the BullMQ worker renewing its job lock) must keep
 * serving meanwhile. Data goes in and the bundle comes out as transferred typed arrays. The
 * active version's bundle, when given, is measured on the new models' holdout.
 */
export function trainInThread(data: TrainingData, onProgress: (progress: TrainProgress) => void, activeBundle: Uint8Array | null = null, signal?: AbortSignal): Promise<TrainOutput> {
  return new Promise((resolve, reject) => {
    const workerData: ThreadInput = { data: toTransferable(data), activeBundle };
    // A bundle runs to hundreds of megabytes: one that owns its whole buffer moves rather than being copied.
    const transferList = activeBundle && activeBundle.byteLength === activeBundle.buffer.byteLength ? [activeBundle.buffer as ArrayBuffer] : [];
    const worker = new Worker(THREAD_ENTRY, { workerData, transferList, execArgv: THREAD_EXEC_ARGV });
    let settled = false;
    // A stopping process cannot wait minutes for a fit: the thread is ended and the run handed back.
    signal?.addEventListener('abort', () => {
      if (settled) return;
      settled = true;
      reject(signal.reason);
      void worker.terminate();
    }, { once: true });
    worker.on('message', (message: ThreadMessage) => {
      if (settled) return;
      if (message.kind === 'progress') onProgress(message.progress);
      else if (message.kind === 'done') {
        settled = true;
        resolve(message.output);
      } else {
        settled = true;
        reject(Object.assign(new Error(message.message), { stack: message.stack }));
      }
    });
    worker.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`training thread exited with code ${code} before finishing`));
    });
  });
}

/** Typed arrays survive structured cloning; class instances do not, so the matrices travel as their parts. */
export function toTransferable(data: TrainingData) {
  const { positives, anonymous, ...rest } = data;
  return { ...rest, positives: partsOf(positives), anonymous: anonymous && { log: anonymous.log, positives: partsOf(anonymous.positives) } };
}

export function fromTransferable(raw: ReturnType<typeof toTransferable>): TrainingData {
  const { positives, anonymous, ...rest } = raw;
  return { ...rest, positives: matrixOf(positives), anonymous: anonymous && { log: anonymous.log, positives: matrixOf(anonymous.positives) } };
}

function partsOf({ rows, cols, indptr, indices, values }: SparseMatrix) {
  return { rows, cols, indptr, indices, values };
}

function matrixOf({ rows, cols, indptr, indices, values }: ReturnType<typeof partsOf>): SparseMatrix {
  return new SparseMatrix(rows, cols, indptr, indices, values);
}
