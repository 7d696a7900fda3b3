import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { getConnection } from '@/db';
import { promoteVersion, registerVersion } from '@/lib/models/registry';
import { ChangeBus } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { call } from '@/lib/testing/http';
import { trainedWorld } from '@/lib/testing/serving-fixture';
import { within } from '@/lib/testing/within';
import { servingModel, watchServingModel } from './state';

let bundle: Uint8Array;
beforeAll(async () => {
  bundle = (await trainedWorld()).bundle;
}, 180_000);

afterEach(() => vi.restoreAllMocks());

async function promoteCopy(): Promise<number> {
  const conn = await getConnection();
  const version = await registerVersion(conn, { bytes: bundle, params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
  await promoteVersion(conn, version.id);
  return version.id;
}

/** Listens for swaps from now on: the returned wait resolves once this process serves `versionId`. */
function recordSwaps(): (versionId: number) => Promise<void> {
  const swapped = new Set<number>();
  const waiting = new Map<number, () => void>();
  const info = log.info;
  vi.spyOn(log, 'info').mockImplementation((message, detail) => {
    const versionId = Number(/^serving model version (\d+)$/.exec(message)?.[1]);
    if (versionId) {
      swapped.add(versionId);
      waiting.get(versionId)?.();
    }
    info(message, detail);
  });
  return (versionId) => (swapped.has(versionId) ? Promise.resolve() : new Promise((resolve) => waiting.set(versionId, resolve)));
}

describe('model swaps without requests', () => {
  it('an idle process finds a version promoted elsewhere by its registry watch; the next feed is served by it', async () => {
    expect(await servingModel()).toBeNull();
    const swap = recordSwaps();
    // No change message reaches this process: only the watch can notice.
    vi.spyOn(ChangeBus.prototype, 'publish').mockImplementation(() => undefined);
    const stop = watchServingModel(200);
    try {
      const versionId = await promoteCopy();
      await within(15_000, swap(versionId));
      const response = await call(feed, 'GET', '/api/v1/recommendations?user=user-00007&n=5');
      expect(response.status).toBe(200);
      expect(response.body.model_version).toBe(versionId);
      expect(response.body.fallback).not.toBe('no_model');
    } finally {
      stop();
    }
  });

  it('a promotion announced on the change bus is loaded at once, with no watch and no request', async () => {
    const previous = (await servingModel())!.versionId;
    const swap = recordSwaps();
    const versionId = await promoteCopy();
    await within(15_000, swap(versionId));
    expect(versionId).not.toBe(previous);
    expect((await servingModel())?.versionId).toBe(versionId);
  });
});
