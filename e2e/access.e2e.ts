import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Role } from '@/lib/auth/types';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { rawFetch, signInForCookie } from './session';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** What each role finds in the sidebar, and pages it is refused. */
const EXPECTED: Record<Role, { sections: string[]; refused: string[] }> = {
  admin: { sections: ['Overview', 'Catalog', 'Curation', 'Experiments', 'Explain', 'Models', 'Users', 'Settings', 'Audit log'], refused: [] },
  pm: { sections: ['Overview', 'Catalog', 'Experiments', 'Explain'], refused: ['/curation', '/models', '/users', '/settings', '/audit'] },
  editor: { sections: ['Overview', 'Catalog', 'Curation', 'Explain'], refused: ['/experiments', '/models', '/users', '/settings', '/audit'] },
  operator: { sections: ['Overview', 'Catalog', 'Explain', 'Models'], refused: ['/curation', '/experiments', '/users', '/settings', '/audit'] },
};

/** A request each role may not make, straight to the API with its own session cookie. */
const REFUSED_REQUESTS: Record<Exclude<Role, 'admin'>, { method: string; path: string; json?: unknown }[]> = {
  pm: [
    { method: 'POST', path: '/api/v1/items', json: { id: 'pm-item', title: 'Refused' } },
    { method: 'POST', path: '/api/v1/models/train' },
    { method: 'GET', path: '/api/v1/admin/keys' },
    { method: 'GET', path: '/api/v1/users?q=user' },
  ],
  editor: [
    { method: 'POST', path: '/api/v1/experiments', json: {} },
    { method: 'POST', path: '/api/v1/models/rollback' },
    { method: 'DELETE', path: '/api/v1/users/user-0001' },
  ],
  operator: [
    { method: 'POST', path: '/api/v1/curation/rules', json: { kind: 'block', target_type: 'category', target: 'Comedy' } },
    { method: 'PATCH', path: '/api/v1/settings/event-weights', json: {} },
    { method: 'POST', path: '/api/v1/admin/users', json: {} },
    { method: 'GET', path: '/api/v1/users/user-00007/export' },
  ],
};

describe('signing in', () => {
  it('sends visitors without a session to the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/catalog?category=Comedy`);
    await page.waitForURL(/\/signin/);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    await screenshot(page, 'signin');
    await page.close();
  });

  it('says so when the password is wrong, and lets nobody in', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/signin`);
    await page.locator('input[name="email"]').fill(accounts.editor.email);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('.error-box[role="alert"]').textContent()).toContain('do not match');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.close();
  });
});

describe.each(Object.keys(EXPECTED) as Role[])('the %s role', (role) => {
  it('signs in and sees its own sections only', async () => {
    const page = await signedInPage(browser, baseUrl, accounts[role]);
    await expect.poll(() => page.locator('[data-testid="signed-in-user"] .role').textContent()).toBe(role);
    expect(await page.locator('.sidebar .nav-link').allTextContents()).toEqual(EXPECTED[role].sections);
    for (const path of EXPECTED[role].refused) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(403);
      await expect.poll(() => page.locator('[data-testid="forbidden"] h1').textContent()).toBe('Not allowed');
    }
    if (role === 'pm') await screenshot(page, 'forbidden');
    await page.context().close();
  });

  it.skipIf(role === 'admin')('is refused by direct request what it may not do', async () => {
    const cookie = await signInForCookie(baseUrl, accounts[role]);
    for (const request of REFUSED_REQUESTS[role as Exclude<Role, 'admin'>]) {
      const response = await rawFetch(baseUrl, request.path, { ...request, cookie });
      expect(response.status, `${request.method} ${request.path}`).toBe(403);
      expect((await response.json()).error.message).toContain(`'${role}' role`);
    }
  });
});

describe('Explain for a role that may not read end users', () => {
  it('shows the feed and a redacted profile, without history or live session', async () => {
    const page = await signedInPage(browser, baseUrl, accounts.pm);
    await page.goto(`${baseUrl}/explain?user=user-00007`);
    await expect.poll(() => page.locator('section[aria-labelledby="profile-heading"]').textContent(), { timeout: 30_000 }).toContain('only admins see them');
    await expect.poll(() => page.locator('table[aria-label="Feed"] tbody tr').count(), { timeout: 30_000 }).toBe(20);
    expect(await page.locator('section[aria-labelledby="history-heading"]').count()).toBe(0);
    expect(await page.locator('section[aria-labelledby="live-heading"]').count()).toBe(0);
    await screenshot(page, 'explain-redacted');
    await page.context().close();
  });
});

describe('a session cookie on a request from another site', () => {
  it('is refused before anything changes', async () => {
    const cookie = await signInForCookie(baseUrl, accounts.admin);
    const response = await rawFetch(baseUrl, '/api/v1/curation/rules', { method: 'POST', cookie, origin: 'https://evil.example', json: { kind: 'block', target_type: 'category', target: 'Cross-site check' } });
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toContain('evil.example');
    const rules = await (await rawFetch(baseUrl, '/api/v1/curation/rules', { cookie })).json();
    expect(JSON.stringify(rules)).not.toContain('Cross-site check');
  });
});

describe('signing out', () => {
  it('ends the session', async () => {
    const page = await signedInPage(browser, baseUrl, accounts.operator);
    await page.locator('button', { hasText: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${baseUrl}/catalog`);
    await page.waitForURL(/\/signin/);
    await page.context().close();
  });
});

describe('the public API without credentials', () => {
  it('serves the demo scopes and refuses the rest', async () => {
    expect((await rawFetch(baseUrl, '/api/v1/trending')).status).toBe(200);
    const catalog = await rawFetch(baseUrl, '/api/v1/items');
    expect(catalog.status).toBe(401);
    expect((await rawFetch(baseUrl, '/api/v1/items', { bearer: inject('adminKey') })).status).toBe(200);
    expect((await rawFetch(baseUrl, '/api/v1/items', { bearer: 'tlr_wrong-key-000000000' })).status).toBe(401);
    expect((await rawFetch(baseUrl, '/api/v1/me', { bearer: 'tlr_wrong-key-000000000' })).status).toBe(401);
  });

  it('may not rewrite a user’s profile or consent, nor ask why-not', async () => {
    const put = await rawFetch(baseUrl, '/api/v1/users/user-00007', { method: 'PUT', json: { data_sharing: 'minimal' } });
    expect(put.status).toBe(401);
    expect((await rawFetch(baseUrl, '/api/v1/recommendations/why-not?user=user-00007&item=x')).status).toBe(401);
  });
});
