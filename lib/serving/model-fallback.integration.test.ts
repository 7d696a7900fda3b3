import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { getConnection } from '@/db';
import { modelArtifacts, modelVersions } from '@/db/schema';
import { checkHealth } from '@/lib/health/check';
import { bundleChecksum } from '@/lib/models/bundle/container';
import { activeVersion, getVersion, promoteVersion, registerVersion } from '@/lib/models/registry';
import { log } from '@/lib/runtime/log';
import { takeProcessSingleton } from '@/lib/runtime/singleton';
import { call } from '@/lib/testing/http';
import { loadableBundle, withCorruptRanker } from '@/lib/testing/serving-fixture';
import { reloadServingModel } from './state';

let bundle: Uint8Array;
beforeAll(async () => {
  bundle = await loadableBundle();
}, 120_000);

afterEach(() => vi.restoreAllMocks());

async function registered(): Promise<number> {
  const row = await registerVersion(await getConnection(), { bytes: bundle, params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
  return row.id;
}

async function promoted(): Promise<number> {
  const id = await registered();
  await promoteVersion(await getConnection(), id);
  return id;
}

/** As a bad bundle promoted by an older release would be: bytes replaced, checksum recomputed. */
async function breakArtifact(id: number): Promise<void> {
  const conn = await getConnection();
  const broken = withCorruptRanker(bundle);
  await conn.db.update(modelArtifacts).set({ bytes: broken }).where(eq(modelArtifacts.versionId, id));
  await conn.db.update(modelVersions).set({ checksum: bundleChecksum(broken) }).where(eq(modelVersions.id, id));
}

/** A new process: nothing loaded, nothing remembered. */
function restart(): void {
  takeProcessSingleton('serving-model');
}

describe('serving when the active version cannot be loaded', () => {
  it('serves nothing, quietly, while the first version waits for its promotion', async () => {
    const first = await registered();
    const errors = vi.spyOn(log, 'error');
    restart();
    expect(await reloadServingModel()).toBeNull();
    expect((await checkHealth()).serving.model.degraded).toBe(false);
    expect(errors).not.toHaveBeenCalled();
    await promoteVersion(await getConnection(), first);
    restart();
    expect((await reloadServingModel())?.versionId).toBe(first);
  });

  it('serves the version active before it, says so in health and logs it as an error, until a promotion', async () => {
    const conn = await getConnection();
    const earlier = await promoted();
    const broken = await promoted();
    await registered(); // a newer candidate, never judged good enough to serve
    await breakArtifact(broken);
    const errors = vi.spyOn(log, 'error');
    restart();

    expect((await reloadServingModel())?.versionId).toBe(earlier);
    const response = await call(feed, 'GET', '/api/v1/recommendations?user=user-00003&n=5');
    expect(response.body).toMatchObject({ model_version: earlier });
    expect(response.body.fallback).not.toBe('no_model');
    const health = await checkHealth();
    expect(health.status).toBe('degraded');
    expect(health.serving.model).toEqual({ degraded: true, active_version: broken, serving_version: earlier, reason: expect.stringMatching(/cannot load the ranker ONNX model/) });
    expect(health.serving.fallbacks).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^model: serving version ${earlier} in place of the active one`))]));
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^MODEL FALLBACK: serving model version ${earlier} instead of the active one`)));
    // Serving reports; the operator decides: the registry still names the broken version active.
    expect((await activeVersion(conn))?.id).toBe(broken);

    const fixed = await promoted();
    expect((await reloadServingModel())?.versionId).toBe(fixed);
    expect((await checkHealth()).serving.model).toEqual({ degraded: false, active_version: fixed, serving_version: fixed, reason: null });
  });

  it('falls back to the newest candidate when no version once active can be loaded, and passes over failed ones', async () => {
    const conn = await getConnection();
    const candidate = await registered();
    const failed = await registered();
    await conn.db.update(modelVersions).set({ status: 'failed' }).where(eq(modelVersions.id, failed));
    const active = (await activeVersion(conn))!.id;
    const everyOther = await conn.db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.status, 'archived'));
    for (const { id } of [...everyOther, { id: active }]) await breakArtifact(id);
    restart();

    expect((await reloadServingModel())?.versionId).toBe(candidate);
    expect((await checkHealth()).serving.model).toMatchObject({ degraded: true, active_version: active, serving_version: candidate });
    expect((await getVersion(conn, failed))?.status).toBe('failed');
  });
});
