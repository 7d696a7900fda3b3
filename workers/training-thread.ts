/** Worker-thread entry: trains the recommender on the data it is handed and posts the bundle back. */
import { parentPort, workerData } from 'node:worker_threads';
import { fromTransferable, type ThreadInput, type ThreadMessage } from '@/lib/training/thread';
import { getConfig } from '@/lib/config';
import { DEFAULT_RECOMMENDER_PARAMS, trainRecommender, withSettings } from '@/lib/training/train';

function post(message: ThreadMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function main(): Promise<void> {
  const input = workerData as ThreadInput;
  const output = await trainRecommender(fromTransferable(input.data), (progress) => post({ kind: 'progress', progress }), withSettings(DEFAULT_RECOMMENDER_PARAMS, getConfig().training), input.activeBundle);
  post({ kind: 'done', output }, [output.bundle.buffer as ArrayBuffer]);
}

main().catch((error: unknown) => {
  const failure = error instanceof Error ? error : new Error(String(error));
  post({ kind: 'failed', message: failure.message, stack: failure.stack });
});
