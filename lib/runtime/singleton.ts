/**
 * One instance per process. Next.js may load a module once per route bundle, so module-level
 * state would be duplicated; a PGlite directory opened twice in one process corrupts it.
 */
type Registry = Record<symbol, unknown>;

const registry = globalThis as unknown as Registry;
const keyOf = (name: string) => Symbol.for(`tailor.${name}`);

export function processSingleton<T>(name: string, create: () => T): T {
  const key = keyOf(name);
  if (!(key in registry)) registry[key] = create();
  return registry[key] as T;
}

/** Like `processSingleton` for async resources, but a failed start is not remembered: the next call retries. */
export function processSingletonAsync<T>(name: string, create: () => Promise<T>): Promise<T> {
  return processSingleton(name, () =>
    create().catch((error: unknown) => {
      delete registry[keyOf(name)];
      throw error;
    }),
  );
}

/** The instance if one was made, without making one. */
export function peekProcessSingleton<T>(name: string): T | undefined {
  return registry[keyOf(name)] as T | undefined;
}

/** Removes the instance and hands it back, so the caller can close it. */
export function takeProcessSingleton<T>(name: string): T | undefined {
  const key = keyOf(name);
  const value = registry[key] as T | undefined;
  delete registry[key];
  return value;
}
