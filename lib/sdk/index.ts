export { createBrowserClient, createServerClient, TailorApiError, unwrap, type BrowserClientOptions, type BrowserPaths, type ServerClientOptions, type TailorBrowserClient, type TailorClient, type TailorPaths } from './client';
export { createEventBatcher, type EventBatcher, type EventBatcherOptions, type EventResult, type TailorEvent } from './events';
export { retryingFetch, type RetryOptions } from './retry';
