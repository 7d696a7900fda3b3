import { describe, expect, it } from 'vitest';
import { roleCan, scopesGrant } from './permissions';
import { actorOf, can, refusal, type Principal } from './principal';
import { PERMISSIONS, ROLES } from './types';

describe('roles', () => {
  it('give admins everything', () => {
    expect(PERMISSIONS.every((permission) => roleCan('admin', permission))).toBe(true);
  });

  it('keep each role to its area', () => {
    expect(roleCan('pm', 'experiments:write')).toBe(true);
    expect(roleCan('pm', 'catalog:write')).toBe(false);
    expect(roleCan('editor', 'curation:write')).toBe(true);
    expect(roleCan('editor', 'experiments:write')).toBe(false);
    expect(roleCan('operator', 'models:operate')).toBe(true);
    expect(roleCan('operator', 'catalog:write')).toBe(false);
  });

  it('leave users, keys and settings to admins alone', () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'admin')) {
      expect(roleCan(role, 'access:manage')).toBe(false);
      expect(roleCan(role, 'settings:write')).toBe(false);
      expect(roleCan(role, 'users:delete')).toBe(false);
      expect(roleCan(role, 'users:read')).toBe(false);
      expect(roleCan(role, 'feeds:explain')).toBe(true);
    }
  });
});

describe('scopes', () => {
  it('grant what their names say', () => {
    expect(scopesGrant(['recommend'], 'recommend')).toBe(true);
    expect(scopesGrant(['recommend'], 'events:write')).toBe(false);
    expect(scopesGrant(['events'], 'events:write')).toBe(true);
    expect(scopesGrant(['catalog'], 'curation:write')).toBe(true);
    expect(scopesGrant(['catalog', 'events'], 'models:operate')).toBe(false);
    expect(scopesGrant(['admin'], 'models:operate')).toBe(true);
    expect(scopesGrant([], 'recommend')).toBe(false);
  });

  it('keep profiles, consent and explanations away from the scopes a browser app embeds', () => {
    for (const permission of ['users:write', 'users:read', 'feeds:explain'] as const) expect(scopesGrant(['recommend', 'events'], permission)).toBe(false);
    expect(scopesGrant(['users'], 'users:write')).toBe(true);
    expect(scopesGrant(['users'], 'feeds:explain')).toBe(false);
    expect(scopesGrant(['admin'], 'feeds:explain')).toBe(true);
  });
});

describe('principals', () => {
  const editor: Principal = { kind: 'user', id: 1, email: 'e@x.test', name: 'E', role: 'editor' };
  const key: Principal = { kind: 'key', id: 2, name: 'importer', scopes: ['catalog'] };
  const anonymous: Principal = { kind: 'anonymous', scopes: ['recommend'] };

  it('are checked by role or scopes', () => {
    expect(can(editor, 'catalog:write')).toBe(true);
    expect(can(key, 'catalog:write')).toBe(true);
    expect(can(anonymous, 'catalog:read')).toBe(false);
  });

  it('are refused with 401 when nobody is known, 403 otherwise, naming what would work', () => {
    expect(refusal(anonymous, 'catalog:write')).toEqual({ status: 401, message: expect.stringContaining("the 'catalog' scope") });
    expect(refusal(key, 'events:write')).toEqual({ status: 403, message: expect.stringContaining("the 'events' scope") });
    expect(refusal(editor, 'experiments:write')).toEqual({ status: 403, message: "the 'editor' role may not 'experiments:write'" });
  });

  it('are named in the audit log', () => {
    expect([actorOf(editor), actorOf(key), actorOf(anonymous)]).toEqual(['user:e@x.test', 'key:importer', 'anonymous']);
  });
});
