import { Queue } from 'bullmq';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { decodeStrings, unpackBundle } from '@/lib/models/bundle/container';
import { getVersion, loadVersion, readVerifiedArtifact, registerVersion } from '@/lib/models/registry';
import { loadableBundle } from '@/lib/testing/serving-fixture';
import { bullOptions, closeTrainingQueue, installInProcessTraining, requestArtifactScrub, SCRUB_JOB, TRAINING_QUEUE } from '@/lib/training/dispatch';
import { scrubForgottenUsersFromArtifacts } from './artifacts';
import { forgottenUserHash, pruneForgotten, recordForgotten } from './tombstones';

let bundle: Uint8Array;
let userIds: string[];
beforeAll(async () => {
  bundle = await loadableBundle();
  userIds = decodeStrings(unpackBundle(bundle).sections.userIds, 'userIds');
}, 120_000);

/** A version of the test bundle, trained (as far as the registry knows) on data ending a year ago. */
async function storedVersion() {
  const conn = await getConnection();
  const dataTo = new Date(Date.now() - 365 * 24 * 60 * 60_000);
  return registerVersion(conn, { bytes: bundle, params: {}, metrics: {}, counts: {}, dataFrom: dataTo, dataTo, trainingRunId: null }, null);
}

async function tombstoneOf(userId: string): Promise<boolean> {
  const conn = await getConnection();
  return (await conn.query(`select 1 from forgotten_users where user_hash = $1`, [await forgottenUserHash(userId)])).length > 0;
}

async function storedIds(versionId: number): Promise<string[]> {
  const conn = await getConnection();
  return decodeStrings(unpackBundle(await readVerifiedArtifact(conn, (await getVersion(conn, versionId))!)).sections.userIds, 'userIds');
}

describe('the scrub pass over stored model artifacts', () => {
  it('keeps a tombstone while a stored artifact may hold the user, and lets it go once the pass took them out', async () => {
    const conn = await getConnection();
    const version = await storedVersion();
    const user = userIds[4]!;
    await recordForgotten(conn, user, 'user');
    // Old enough for any queued write or training run to have finished.
    await conn.query(`update forgotten_users set forgotten_at = now() - interval '2 days'`);
    await pruneForgotten(conn);
    expect(await tombstoneOf(user)).toBe(true);

    const report = await scrubForgottenUsersFromArtifacts(conn);
    expect(report.rewritten).toContain(version.id);
    expect(await storedIds(version.id)).not.toContain(user);
    expect(await tombstoneOf(user)).toBe(false);
  });

  it('a version row read before its artifact was rewritten still loads', async () => {
    const conn = await getConnection();
    const stale = await storedVersion();
    await recordForgotten(conn, userIds[5]!, 'behaviour');
    expect((await scrubForgottenUsersFromArtifacts(conn)).rewritten).toContain(stale.id);
    expect((await getVersion(conn, stale.id))!.checksum).not.toBe(stale.checksum);
    const model = await loadVersion(conn, stale);
    expect(model.userIndex.has(userIds[5]!)).toBe(false);
    expect(model.userIndex.has(userIds[6]!)).toBe(true);
    await model.release();
  });

  it('runs one pass for a burst of requests, at the end of the batch window', async () => {
    let passes = 0;
    installInProcessTraining(async () => undefined, async (conn) => {
      passes += 1;
      return scrubForgottenUsersFromArtifacts(conn);
    });
    const version = await storedVersion();
    await recordForgotten(await getConnection(), userIds[7]!, 'user');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (let n = 0; n < 5; n++) await requestArtifactScrub();
      vi.advanceTimersByTime(9_000);
      expect(passes).toBe(0);
      vi.advanceTimersByTime(1_000);
    } finally {
      vi.useRealTimers();
    }
    await closeTrainingQueue();
    expect(passes).toBe(1);
    expect(await storedIds(version.id)).not.toContain(userIds[7]);
  });

  it.runIf(getConfig().redis)('with Redis, queues one delayed job for the worker per batch window', async () => {
    const { redis } = getConfig();
    const queue = new Queue(TRAINING_QUEUE, bullOptions(redis!));
    try {
      // Two windows at most, when the burst straddles a boundary.
      for (let n = 0; n < 5; n++) await requestArtifactScrub();
      const jobs = await queue.getDelayed();
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      expect(jobs.length).toBeLessThanOrEqual(2);
      expect(jobs.every((job) => job.name === SCRUB_JOB)).toBe(true);
    } finally {
      await queue.close();
    }
  });
});
