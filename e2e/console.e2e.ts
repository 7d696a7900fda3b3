import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signedInPage(browser, baseUrl, inject('accounts').admin);
});

afterAll(async () => {
  await browser?.close();
});

describe('console shell on the demo world', () => {
  it('shows the overview with the seeded totals and charts', async () => {
    const health = await (await fetch(`${baseUrl}/api/v1/health`)).json();
    // The first model may still be training: the server then serves popular items and says so.
    expect(health.database.status).toBe('up');
    if (health.status !== 'ok') expect(health.serving.fallbacks).toEqual(['no_model: serving popular items']);
    await page.goto(`${baseUrl}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Overview');
    const items = await page.locator('.card', { has: page.locator('.stat-label', { hasText: /^Items$/ }) }).locator('.stat-value').textContent();
    // Other test files add items; the tile must agree with the catalogue, hidden items included.
    const { total } = await (await fetch(`${baseUrl}/api/v1/items?hidden=any&limit=1`, { headers: { authorization: `Bearer ${inject('adminKey')}` } })).json();
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(Number(items?.replace(/,/g, ''))).toBe(total);
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'overview');
  });

  it('searches and pages the catalog', async () => {
    await page.goto(`${baseUrl}/catalog`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(25);
    await page.locator('select[name="category"]').selectOption('Comedy');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/category=Comedy/);
    const categories = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(categories.length).toBeGreaterThan(0);
    expect(new Set(categories)).toEqual(new Set(['Comedy']));
    await screenshot(page, 'catalog');
    await page.goto(`${baseUrl}/catalog?q=zzzz-no-such-title`);
    await expect.poll(() => page.locator('.empty strong').textContent()).toBe('No items match');
  });

  it('reflects an item created through the API', async () => {
    const response = await fetch(`${baseUrl}/api/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('adminKey')}` },
      body: JSON.stringify({ id: 'e2e-item', title: 'Quasar Lighthouse Keepers', category: 'Sci-Fi', tags: ['e2e'] }),
    });
    expect(response.status).toBe(201);
    await page.goto(`${baseUrl}/catalog?q=Quasar`);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Quasar Lighthouse Keepers');
  });
});
