/** What Next.js passes to a handler under a `[id]` segment. */
export interface IdRouteContext {
  params: Promise<{ id: string }>;
}
