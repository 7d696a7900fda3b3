import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { rawFetch, signInForCookie } from './session';

const baseUrl = inject('baseUrl');
const adminKey = inject('adminKey');
let browser: Browser;
let page: Page;
// The first model trains in the background on two cores meanwhile: pages may take seconds.
const SLOW = { timeout: 20_000 };

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signedInPage(browser, baseUrl, inject('accounts').admin);
});

afterAll(async () => {
  await browser?.close();
});

const createItem = (bearer: string, id: string) => rawFetch(baseUrl, '/api/v1/items', { method: 'POST', bearer, json: { id, title: `Key check ${id}`, category: 'Comedy' } });

describe('settings', () => {
  it('creates an API key that works until it is revoked in the console', async () => {
    await page.goto(`${baseUrl}/settings?tab=keys`);
    await page.locator('input[name="name"]').fill('e2e client');
    await page.locator('input[name="scopes"][value="catalog"]').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretBox = page.getByTestId('new-key-secret');
    await expect.poll(() => secretBox.count(), SLOW).toBe(1);
    const secret = (await secretBox.textContent())!.trim();
    expect(await page.getByRole('alert').filter({ hasText: 'shown only this once' }).count()).toBe(1);
    await screenshot(page, 'settings-keys');

    expect((await createItem(secret, 'e2e-key-1')).status).toBe(201);
    const row = page.locator('tbody tr', { hasText: 'e2e client' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => row.textContent(), SLOW).toContain('Revoked');
    expect((await createItem(secret, 'e2e-key-2')).status).toBe(401);
  });

  it('adds a console user and changes their role', async () => {
    await page.goto(`${baseUrl}/settings?tab=users`);
    await page.locator('input[name="email"]').fill('analyst@e2e.test');
    await page.locator('select[name="role"]').selectOption('pm');
    await page.locator('input[name="password"]').fill('analyst-password-123');
    await page.getByRole('button', { name: 'Add user' }).click();
    const row = page.locator('tbody tr', { hasText: 'analyst@e2e.test' });
    await expect.poll(() => row.count(), SLOW).toBe(1);
    await row.locator('select').selectOption('editor');
    await expect.poll(async () => {
      const users = (await (await rawFetch(baseUrl, '/api/v1/admin/users', { bearer: adminKey })).json()) as { users: { email: string; role: string }[] };
      return users.users.find((user) => user.email === 'analyst@e2e.test')?.role;
    }, SLOW).toBe('editor');
    await screenshot(page, 'settings-users');
  });

  it('shows event weights, cache and diversity settings', async () => {
    await page.goto(`${baseUrl}/settings?tab=weights`);
    await expect.poll(() => page.locator('input[name="like"]').inputValue(), SLOW).toBe('4');
    await screenshot(page, 'settings-weights');
    await page.goto(`${baseUrl}/settings?tab=serving`);
    await expect.poll(() => page.locator('input[name="response_seconds"]').inputValue(), SLOW).toBe('60');
    await page.locator('input[name="max_per_category"]').fill('4');
    await page.getByRole('button', { name: 'Save 1 change' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count(), SLOW).toBe(1);
    const saved = await (await rawFetch(baseUrl, '/api/v1/settings/diversity', { bearer: adminKey })).json();
    expect(saved).toEqual({ lambda: 0.85, max_per_category: 4 });
    await screenshot(page, 'settings-serving');
    // Other browser tests share this server; leave its feeds as they were.
    expect((await rawFetch(baseUrl, '/api/v1/settings/diversity', { method: 'PATCH', bearer: adminKey, json: { max_per_category: null } })).status).toBe(200);
  });
});

describe('users', () => {
  it("opens a user's profile in a panel: readable fields, linked events, also on a phone", async () => {
    const user = 'user-00043';
    await rawFetch(baseUrl, `/api/v1/users/${user}`, { method: 'PUT', bearer: adminKey, json: { preferences: { attributes: { plan: 'premium', signup_year: 2021 } } } });
    await page.goto(`${baseUrl}/users`);
    await page.getByLabel('Search users').fill(user);
    await page.getByRole('button', { name: user }).click();
    const panel = page.getByTestId('user-panel');
    await expect.poll(() => panel.locator('dt', { hasText: 'Privacy level' }).count(), SLOW).toBe(1);
    expect(new URL(page.url()).searchParams.get('user')).toBe(user);
    const attributes = await panel.locator('dl[aria-label="Attributes"]').textContent();
    expect(attributes).toContain('Plan');
    expect(attributes).toContain('premium');
    expect(attributes).toContain('Signup year');
    expect(await panel.textContent()).not.toMatch(/[{}]/);
    expect(await panel.getByRole('heading', { name: 'Experiments' }).count()).toBe(1);
    const eventLinks = panel.locator('ul[aria-label="Recent events"] a');
    await expect.poll(() => eventLinks.count(), SLOW).toBeGreaterThan(0);
    const itemPage = (await eventLinks.first().getAttribute('href'))!;
    expect(itemPage).toMatch(/^\/catalog\//);
    await screenshot(page, 'users-panel');
    await eventLinks.first().click();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe(itemPage);

    // On a phone the panel is a sheet over the list, reached from a link, that closes again.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/users?user=${user}`);
    await expect.poll(() => panel.locator('dt', { hasText: 'Privacy level' }).count(), SLOW).toBe(1);
    const box = (await panel.boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBeGreaterThan(370);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'users-panel-390');
    await page.getByRole('button', { name: 'Close the user panel' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('finds a user, exports their data and forgets them after confirmation', async () => {
    const target = 'user-00042';
    await page.goto(`${baseUrl}/users`);
    await page.getByLabel('Search users').fill(target);
    await page.getByRole('button', { name: target }).click();
    const exportLink = page.getByRole('link', { name: 'Export data (JSON)' });
    await expect.poll(() => exportLink.count(), SLOW).toBe(1);
    await screenshot(page, 'users');
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    const exported = JSON.parse(await streamText(await download.createReadStream()));
    expect(exported.user.id).toBe(target);
    expect(exported.events.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Delete user' }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `Forgot ${target}` }).count(), SLOW).toBe(1);
    expect((await rawFetch(baseUrl, `/api/v1/users/${target}`, { bearer: adminKey })).status).toBe(404);
  });
});

describe('explain', () => {
  it("shows a demo user's profile, history and explained feed, and answers why not", async () => {
    const user = 'user-00007';
    await page.goto(`${baseUrl}/explain?user=${user}`);
    await expect.poll(() => page.locator('section[aria-labelledby="profile-heading"] code').first().textContent(), SLOW).toBe(user);
    await expect.poll(() => page.locator('section[aria-labelledby="history-heading"] tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const feedRows = page.locator('table[aria-label="Feed"] tbody tr');
    await expect.poll(() => feedRows.count(), { timeout: 30_000 }).toBe(20);
    expect(await feedRows.first().locator('.badge').count()).toBeGreaterThan(0);
    const health = await (await fetch(`${baseUrl}/api/v1/health`)).json();
    if (health.status === 'ok') await expect.poll(() => page.getByTestId('score-breakdown').locator('.recharts-surface').count(), SLOW).toBe(1);

    const history = await (await rawFetch(baseUrl, `/api/v1/users/${user}?history=1`, { bearer: adminKey })).json();
    await page.getByLabel('Item').fill(history.history[0].item.id);
    await page.getByRole('button', { name: 'Why not?' }).click();
    const answer = page.getByTestId('why-not-answer');
    await expect.poll(() => answer.count(), { timeout: 30_000 }).toBe(1);
    expect(await answer.textContent()).toMatch(/seen|disliked|model/i);

    // Each item's rank by score beside its position, and the feed under two strategies side by side.
    expect(await page.locator('table[aria-label="Feed"] thead th', { hasText: 'By score' }).count()).toBe(1);
    const columns = page.getByTestId('strategy-comparison').getByTestId('feed-column');
    await expect.poll(() => columns.count(), { timeout: 30_000 }).toBe(2);
    for (const column of await columns.all()) await expect.poll(() => column.locator('li').count(), { timeout: 30_000 }).toBe(10);
    expect(await columns.first().locator('h3').textContent()).toMatch(/^[\w.-]+ v\d+$/);
    await screenshot(page, 'explain');
  });
});

describe('audit log', () => {
  it('lists the key creation and the user deletion', async () => {
    await page.goto(`${baseUrl}/audit`);
    const table = page.locator('table[aria-label="Audit log"]');
    await expect.poll(() => table.textContent(), SLOW).toContain('api_key.create');
    expect(await table.textContent()).toContain('user.delete');
    // Details read as fields, never as JSON.
    const keyCreated = table.locator('tbody tr', { hasText: 'api_key.create' }).first();
    expect(await keyCreated.locator('dl[aria-label="Details"] dt').allTextContents()).toEqual(expect.arrayContaining(['Name', 'Scopes']));
    expect(await table.locator('tbody').textContent()).not.toMatch(/[{}]|":/);
    await page.getByLabel('Target type').fill('user');
    await expect.poll(async () => new Set(await table.locator('tbody tr td:nth-child(4) .subtle').allTextContents()), SLOW).toEqual(new Set(['Forgotten user']));
    await screenshot(page, 'audit');
  });

  it('links a target to its page', async () => {
    await page.goto(`${baseUrl}/audit`);
    await page.getByLabel('Target type').fill('item');
    const link = page.locator('table[aria-label="Audit log"] tbody [data-testid="audit-target-link"]').first();
    // The filter applies after typing: until then the first link may be any target's.
    await expect.poll(() => link.getAttribute('href'), SLOW).toMatch(/^\/catalog\/./);
    const itemPage = (await link.getAttribute('href'))!;
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe(itemPage);
    expect(await page.locator('h1').count()).toBe(1);
  });

  it('filters by a date range and refuses a reversed one', async () => {
    await page.goto(`${baseUrl}/audit`);
    const table = page.locator('table[aria-label="Audit log"]');
    await expect.poll(() => table.locator('tbody tr').count(), SLOW).toBeGreaterThan(0);
    const localDay = (offsetDays: number) => page.evaluate((days) => {
      const day = new Date(Date.now() + days * 86_400_000);
      return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    }, offsetDays);
    const [today, tomorrow] = [await localDay(0), await localDay(1)];
    await page.getByLabel('From date').fill(today);
    await page.getByLabel('To date').fill(today);
    await expect.poll(() => table.locator('tbody tr').count(), SLOW).toBeGreaterThan(0);
    await page.getByLabel('From date').fill(tomorrow);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'from date must not be after the to date' }).count(), SLOW).toBe(1);
    await page.getByLabel('To date').fill(tomorrow);
    await expect.poll(() => page.getByText('No changes recorded').count(), SLOW).toBe(1);
  });
});

describe('access', () => {
  it('refuses an operator the admin pages and the keys API', async () => {
    const operator = inject('accounts').operator;
    const operatorPage = await signedInPage(browser, baseUrl, operator);
    for (const path of ['/settings', '/users', '/audit']) {
      const response = await operatorPage.goto(`${baseUrl}${path}`);
      expect(response?.status()).toBe(403);
      expect(await operatorPage.getByTestId('forbidden').count()).toBe(1);
    }
    await operatorPage.context().close();
    const cookie = await signInForCookie(baseUrl, operator);
    expect((await rawFetch(baseUrl, '/api/v1/admin/keys', { cookie })).status).toBe(403);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
