import 'server-only';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import type { ModelVersionRow } from '@/db/schema';
import { setCategoryLookup } from '@/lib/realtime';
import { activeVersion, anyVersionPromoted, fallbackVersions, loadVersion, RegistryError } from '@/lib/models/registry';
import { FORGETTING_TOPICS, onChange, publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import { forgottenSince, userHasher } from '@/lib/users/tombstones';
import { CatalogMirror } from './catalog';
import { forgetModelUser, forgetModelUsersByHash, type ServingModel } from './model';
import { Refreshing } from './refreshing';

/** How stale each piece of serving state may get before a request re-reads it. */
const CATALOG_MAX_AGE_MS = 1_000;
const MODEL_CHECK_MAX_AGE_MS = 2_000;
/** In-flight requests may still hold the previous model's ONNX session: release it only after this. */
const RELEASE_GRACE_MS = 30_000;

/** Serving a version other than the active one, because the active one cannot be loaded (or none is active). */
export interface ModelFallback {
  activeVersion: number | null;
  reason: string;
}

interface LoadedModel {
  model: ServingModel | null;
  /** Versions this process failed to load, and why: a corrupt bundle is not retried every few seconds. */
  unloadable: ReadonlyMap<number, string>;
  fallback: ModelFallback | null;
}

/**
 * The active model version, swapped atomically when another version is promoted. A process
 * learns of a promotion from the change bus at once, or from its registry watch (or, without
 * one, from a request) within a few seconds. Requests keep using the old model while the new one
 * loads. When the active version cannot be loaded, the process serves the best version it can
 * load instead (see `fallbackVersions`), reports it in health and logs it as an error; the
 * registry's active version stays as it is, for the operator to promote or roll back.
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
  const unloadable = new Map(previous?.unloadable);
  if (active && current?.versionId === active.id) return { model: current, unloadable, fallback: null };
  if (active && !unloadable.has(active.id)) {
    const model = await tryLoading(conn, active, unloadable);
    if (model) return { model: swapTo(current, model), unloadable, fallback: null };
  }
  const others = await fallbackVersions(conn, active?.id ?? null);
  // Nothing promoted yet (the first run's version waits for its promotion): no model, and nothing to fall back from.
  if (!active && !current && (others.length === 0 || !(await anyVersionPromoted(conn)))) return { model: null, unloadable, fallback: null };
  const fallback = { activeVersion: active?.id ?? null, reason: active ? `active version ${active.id}: ${unloadable.get(active.id)}` : 'no version is active' };
  const chosen = await firstLoadable(conn, others, current, unloadable);
  if (chosen && chosen !== current) {
    log.error(`MODEL FALLBACK: serving model version ${chosen.versionId} instead of the active one (${fallback.reason}); promote or roll back to a version that loads`);
    return { model: swapTo(current, chosen), unloadable, fallback };
  }
  if (!chosen && !previous?.fallback) {
    log.error(`MODEL FALLBACK: no model version can be loaded (${fallback.reason}); ${current ? `still serving version ${current.versionId}` : 'serving without a model'}`);
  }
  return { model: current, unloadable, fallback };
}

/** The first of `versions` this process can load; `current` when it comes first, as it is loaded already. */
async function firstLoadable(conn: DatabaseConnection, versions: ModelVersionRow[], current: ServingModel | null, unloadable: Map<number, string>): Promise<ServingModel | null> {
  for (const version of versions) {
    if (unloadable.has(version.id)) continue;
    if (version.id === current?.versionId) return current;
    const model = await tryLoading(conn, version, unloadable);
    if (model) return model;
  }
  return null;
}

/** The loaded version, or null (remembered in `unloadable`) when its bundle cannot be loaded; database failures throw. */
async function tryLoading(conn: DatabaseConnection, version: ModelVersionRow, unloadable: Map<number, string>): Promise<ServingModel | null> {
  try {
    const model = await loadVersion(conn, version);
    await maskForgottenUsers(model);
    return model;
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    unloadable.set(version.id, error.message);
    log.error(error.message);
    return null;
  }
}

function swapTo(current: ServingModel | null, model: ServingModel): ServingModel {
  if (current) setTimeout(() => void current.release(), RELEASE_GRACE_MS).unref();
  log.info(`serving model version ${model.versionId}`);
  return model;
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

/** Why this process serves a version other than the active one, or null when it serves the active one (or has none at all). */
export async function servingModelFallback(): Promise<ModelFallback | null> {
  return (await modelState().get()).fallback;
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
