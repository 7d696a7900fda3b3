/** Whether a viewer may open an item's page: the same rules serving uses to show it at all. */
export function isAvailable(item: { is_hidden: boolean; published_at: string | null; expires_at: string | null }, now: number = Date.now()): boolean {
  if (item.is_hidden) return false;
  if (item.published_at !== null && Date.parse(item.published_at) > now) return false;
  return item.expires_at === null || Date.parse(item.expires_at) > now;
}
