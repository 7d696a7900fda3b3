// Plain constants and types, free of imports: db/schema.ts (and so drizzle-kit) loads this file.

/** Console roles. Each one owns an area of the product; `admin` owns all of them. */
export const ROLES = ['admin', 'pm', 'editor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** What an API key may be used for. */
export const API_KEY_SCOPES = ['recommend', 'events', 'users', 'catalog', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * The actions the server checks. Roles and key scopes both grant a set of these, so a route
 * names the one it needs and never which roles or scopes may call it.
 */
export const PERMISSIONS = [
  'recommend',
  'events:write',
  'catalog:read',
  'catalog:write',
  'curation:read',
  'curation:write',
  'experiments:read',
  'experiments:write',
  'models:read',
  'models:operate',
  'metrics:read',
  'feeds:explain',
  'users:read',
  'users:write',
  'users:delete',
  'settings:read',
  'settings:write',
  'access:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
