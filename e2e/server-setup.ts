import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Role } from '@/lib/auth/types';
import { startServerProcess } from '@/workers/server-process';
import { apiFetch, signInForCookie, type Account } from './session';

const PORT = Number(process.env.E2E_PORT ?? 3456);
const PASSWORD = 'e2e-password-0123';

/**
 * The production server on a fresh embedded database, seeded with a small demo world. The first
 * admin comes from the one-time set-up link the server prints, as it would for a new user; the
 * other roles' accounts and an admin API key are then made through the admin API.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tailor-e2e-'));
  const server = await startServerProcess(
    { DATABASE_URL: '', REDIS_URL: '', TAILOR_DATA_DIR: dataDir, TAILOR_SEED_DEMO: 'true', TAILOR_DEMO_SCALE: '0.2', TAILOR_LOG_LEVEL: 'warn' },
    PORT,
  );
  const setupPath = await waitForSetupPath(server.output);
  const accounts = await createAccounts(server.url, setupPath);
  const adminCookie = await signInForCookie(server.url, accounts.admin);
  const { secret: adminKey } = await apiFetch<{ secret: string }>(server.url, '/api/v1/admin/keys', {
    method: 'POST',
    cookie: adminCookie,
    json: { name: 'e2e admin', scopes: ['admin'] },
  });
  project.provide('baseUrl', server.url);
  project.provide('accounts', accounts);
  project.provide('adminKey', adminKey);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

async function waitForSetupPath(output: string[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = output.find((text) => text.includes('/setup/'));
    const match = line?.match(/(\/setup\/[\w-]+)/);
    if (match?.[1]) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not print a set-up link');
}

async function createAccounts(baseUrl: string, setupPath: string): Promise<Record<Role, Account>> {
  const token = setupPath.split('/').pop();
  const accounts: Record<Role, Account> = {
    admin: { email: 'admin@e2e.test', password: PASSWORD },
    pm: { email: 'pm@e2e.test', password: PASSWORD },
    editor: { email: 'editor@e2e.test', password: PASSWORD },
    operator: { email: 'operator@e2e.test', password: PASSWORD },
  };
  await apiFetch(baseUrl, '/api/v1/setup', { method: 'POST', json: { token, name: 'E2E Admin', ...accounts.admin } });
  const cookie = await signInForCookie(baseUrl, accounts.admin);
  for (const role of ['pm', 'editor', 'operator'] as const) {
    await apiFetch(baseUrl, '/api/v1/admin/users', { method: 'POST', cookie, json: { ...accounts[role], name: `E2E ${role}`, role } });
  }
  return accounts;
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    accounts: Record<Role, Account>;
    adminKey: string;
  }
}
