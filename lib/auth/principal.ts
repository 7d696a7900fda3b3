import { roleCan, scopesGrant } from './permissions';
import { API_KEY_SCOPES, type ApiKeyScope, type Permission, type Role } from './types';

/** Who is asking: a signed-in console user, the holder of an API key, or nobody in particular. */
export type Principal =
  | { kind: 'user'; id: number; email: string; name: string; role: Role }
  | { kind: 'key'; id: number; name: string; scopes: ApiKeyScope[] }
  | { kind: 'anonymous'; scopes: ApiKeyScope[] };

export function can(principal: Principal, permission: Permission): boolean {
  return principal.kind === 'user' ? roleCan(principal.role, permission) : scopesGrant(principal.scopes, permission);
}

/** How the audit log names the principal. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.email}`;
    case 'key':
      return `key:${principal.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** Why a principal may not do something, in words that tell the caller what would work. */
export function refusal(principal: Principal, permission: Permission): { status: 401 | 403; message: string } {
  switch (principal.kind) {
    case 'anonymous':
      return { status: 401, message: `'${permission}' needs a console session or an API key (Authorization: Bearer) with ${scopeHint(permission)}` };
    case 'key':
      return { status: 403, message: `API key '${principal.name}' has scopes [${principal.scopes.join(', ')}]; '${permission}' needs ${scopeHint(permission)}` };
    case 'user':
      return { status: 403, message: `the '${principal.role}' role may not '${permission}'` };
  }
}

function scopeHint(permission: Permission): string {
  // Scopes are listed narrowest first, so the hint names the least a caller needs.
  const scope = API_KEY_SCOPES.find((candidate) => scopesGrant([candidate], permission)) ?? 'admin';
  return `the '${scope}' scope`;
}
