import { PERMISSIONS, type ApiKeyScope, type Permission, type Role } from './types';

const EVERYTHING: readonly Permission[] = PERMISSIONS;

// Every role watches the dashboards and may ask why a user sees what they see. Reading an end
// user's profile, history and live session is the admin's alone: explanations show a redacted profile.
const COMMON: readonly Permission[] = ['metrics:read', 'recommend', 'feeds:explain', 'catalog:read'];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(EVERYTHING),
  pm: new Set([...COMMON, 'experiments:read', 'experiments:write']),
  editor: new Set([...COMMON, 'catalog:write', 'curation:read', 'curation:write']),
  // Read-only except promote, rollback and train: operators keep the models fresh.
  operator: new Set([...COMMON, 'models:read', 'models:operate']),
};

const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  recommend: ['recommend'],
  // Sending events is what a browser app does with an embedded key; it must not rewrite a
  // profile or consent, which is a backend's job with the `users` scope.
  events: ['events:write'],
  users: ['users:read', 'users:write', 'users:delete'],
  catalog: ['catalog:read', 'catalog:write', 'curation:read', 'curation:write'],
  admin: EVERYTHING,
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function scopesGrant(scopes: readonly ApiKeyScope[], permission: Permission): boolean {
  return scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(permission));
}

export function permissionsOfRole(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/** The key scopes that grant `permission`: what the API reference lists for each operation. */
export function scopesGranting(permission: Permission): ApiKeyScope[] {
  return (Object.keys(SCOPE_PERMISSIONS) as ApiKeyScope[]).filter((scope) => SCOPE_PERMISSIONS[scope].includes(permission));
}

/** The console roles that grant `permission`. */
export function rolesGranting(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => roleCan(role, permission));
}
