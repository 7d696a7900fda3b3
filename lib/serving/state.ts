import 'server-only';
import { getConnection } from '@/db';
import { setCategoryLookup } from '@/lib/realtime';
import { activeVersion, readVerifiedArtifact } from '@/lib/models/registry';
import { FORGETTING_TOPICS, onChange, publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import { CatalogMirror } from './catalog';
import { forgottenSince, userHasher } from '@/lib/users/tombstones';
import { forgetModelUser, forgetModelUsersByHash, loadServingModel, type ServingModel } from './model';
import { Refreshing } from './refreshing';

/** How stale each piece of serving state may get before a request re-reads it. */
const CATALOG_MAX_AGE_MS = 1_000;
const MODEL_CHECK_MAX_AGE_MS = 2_000;
/** In-flight requests may still hold the previous model's ONNX session: release it only after this. */
const RELEASE_GRACE_MS = 30_000;

interface LoadedModel {
  model: ServingModel | null;
  /** The version that failed to load, so a corrupt bundle is not retried every few seconds. */
  failedVersion: number | null;
}

/**
 * The active model version, swapped atomically when another version is promoted. A process
 * learns of a promotion from the change bus at once, or from its registry watch (or, without
 * one, from a request) within a few seconds. Requests keep using the old model while the new one
 * loads; a version that fails to load leaves the old one serving.
 */
function modelState(): Refreshing<LoadedModel> {
  return processSingleton('serving-model', () => {
    const state = new Refreshing<LoadedModel>(loadActiveModel, {
      maxAgeMs: MODEL_CHECK_MAX_AGE_MS,
      staleWhileRefreshing: true,
      onError: (error) => log.warn('checking the active model version failed', error),
    });
    // A check already under way may have read the registry before the promotion: look once more after it.
    onChange('model', () => void checkInBackground(state).then(() => checkInBackground(state)));
    for (const topic of FORGETTING_TOPICS) onChange(topic, (userId) => void forgetInLoadedModel(state, userId));
    return state;
  });
}

async function loadActiveModel(previous: LoadedModel | null): Promise<LoadedModel> {
  const conn = await getConnection();
  const active = await activeVersion(conn);
  const current = previous?.model ?? null;
  if (!active) return { model: null, failedVersion: null };
  if (current?.versionId === active.id || previous?.failedVersion === active.id) return previous!;
  try {
    const model = await loadServingModel(active.id, await readVerifiedArtifact(conn, active));
    await maskForgottenUsers(model);
    if (current) setTimeout(() => void current.release(), RELEASE_GRACE_MS).unref();
    log.info(`serving model version ${active.id}`);
    return { model, failedVersion: null };
  } catch (error) {
    log.error(`model version ${active.id} cannot be loaded; still serving ${current ? `version ${current.versionId}` : 'without a model'}`, error);
    return { model: current, failedVersion: active.id };
  }
}

/**
 * Users forgotten after the model's training data ended are still in it: they leave it before it
 * serves. Read last, so a deletion during the (long) load is not missed.
 */
async function maskForgottenUsers(model: ServingModel): Promise<void> {
  const forgotten = await forgetModelUsersByHash(model, await forgottenSince(await getConnection(), model.models.now), await userHasher());
  if (forgotten > 0) log.info(`model version ${model.versionId}: ${forgotten} forgotten users masked out`);
}

/** A named user leaves the loaded model at once; unnamed (after a lost connection), every tombstone is checked again. */
async function forgetInLoadedModel(state: Refreshing<LoadedModel>, userId: string | undefined): Promise<void> {
  try {
    const { model } = await state.get();
    if (!model) return;
    if (userId === undefined) await maskForgottenUsers(model);
    else forgetModelUser(model, userId);
  } catch (error) {
    log.warn('forgetting a user in the loaded model failed; they leave it at the next model load', error);
  }
}

/** A failed check is already reported to `onError`; in the background nobody else is waiting for it. */
function checkInBackground(state: Refreshing<LoadedModel>): Promise<void> {
  return state.refresh().then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Checks the registry every `everyMs` and loads a newly active version in the background, so
 * requests find it loaded, even after an idle period. Returns the stop.
 */
export function watchServingModel(everyMs = MODEL_CHECK_MAX_AGE_MS): () => void {
  const state = modelState();
  const timer = setInterval(() => void checkInBackground(state), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function servingModel(): Promise<ServingModel | null> {
  return (await modelState().get()).model;
}

/** Checks the registry now and waits for any new version to load: for start-up and promotion. */
export async function reloadServingModel(): Promise<ServingModel | null> {
  return (await modelState().refresh()).model;
}

function catalogState(): Refreshing<CatalogMirror> {
  return processSingleton(
    'serving-catalog',
    () =>
      new Refreshing<CatalogMirror>(
        async (previous) => {
          const mirror = previous ?? new CatalogMirror(await getConnection());
          await mirror.refresh();
          // Ingest files each event under its item's category in the real-time profile.
          if (!previous) setCategoryLookup((itemId) => mirror.get(itemId)?.category ?? null);
          return mirror;
        },
        { maxAgeMs: CATALOG_MAX_AGE_MS, staleWhileRefreshing: true, invalidatedBy: 'catalog', onError: (error) => log.warn('refreshing the catalogue mirror failed', error) },
      ),
  );
}

export function servingCatalog(): Promise<CatalogMirror> {
  return catalogState().get();
}

/** Catalogue writes call this: the next response of every process reflects them. */
export function catalogChanged(): void {
  publishChange('catalog');
}

/** Whether the last refresh of each piece failed: serving goes on, health reports it. */
export function servingStateErrors(): { catalog: unknown; model: unknown } {
  return { catalog: catalogState().error, model: modelState().error };
}
