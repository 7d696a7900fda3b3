import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CTR_DEFINITION, CTR_PER_ARM } from '@/lib/metrics/ctr';
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

  it('fits every page it lays out at 1440×900, and serves the favicon and app icons', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    for (const path of ['/', '/catalog', '/catalog/e2e-item', '/models', '/audit', '/users']) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    expect(missing).toEqual([]);
    for (const icon of ['/favicon.ico', '/icon.svg', '/apple-touch-icon.png']) {
      const response = await fetch(`${baseUrl}${icon}`);
      expect({ icon, status: response.status }).toEqual({ icon, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/^image\//);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('states one definition of CTR on the overview and the experiments pages', async () => {
    await page.goto(`${baseUrl}/`);
    await expect.poll(() => page.getByText(CTR_DEFINITION).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/experiments/new`);
    const stated = page.getByTestId('ctr-definition');
    await expect.poll(() => stated.count(), { timeout: 20_000 }).toBe(1);
    expect(await stated.textContent()).toBe(`${CTR_DEFINITION}, ${CTR_PER_ARM}.`);
  });

  it('lists the catalog without prefetching every row, with dates on one line and a recent CTR', async () => {
    const prefetches: string[] = [];
    const listen = (request: { headers(): Record<string, string>; url(): string }) => {
      if (request.headers()['next-router-prefetch']) prefetches.push(request.url());
    };
    page.on('request', listen);
    await page.goto(`${baseUrl}/catalog`);
    await page.waitForLoadState('networkidle');
    page.off('request', listen);
    // The sidebar's few links may prefetch (its own /catalog among them); the 25 rows with their
    // tags (~80 links to /catalog/<id> and /catalog?tag=…) must not.
    const rowLink = (url: URL) => url.pathname.startsWith('/catalog/') || [...url.searchParams.keys()].some((key) => key !== '_rsc');
    expect(prefetches.filter((url) => rowLink(new URL(url)))).toEqual([]);
    expect(await page.locator('thead th', { hasText: /^CTR, 7 d$/ }).count()).toBe(1);
    expect(await page.locator('tbody tr td:last-child').first().evaluate((cell) => getComputedStyle(cell).whiteSpace)).toBe('nowrap');
  });
});
