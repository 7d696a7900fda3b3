import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the API reference', () => {
  it('renders every operation of the OpenAPI document at /docs, from this server alone', async () => {
    const document = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).reduce((total, methods) => total + Object.keys(methods).length, 0);

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });
    await page.goto(`${baseUrl}/docs`);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 20_000 }).toBe(operations);
    await expect.poll(() => page.locator('.info .title').first().textContent()).toContain('Tailor API');

    // An operation opens to its parameters, responses and the scopes it needs.
    const recommendations = page.locator('#operations-Recommendations-getRecommendations');
    await recommendations.locator('.opblock-summary').click();
    await expect.poll(() => recommendations.locator('.parameters').first().textContent()).toContain('user');
    await expect.poll(() => recommendations.textContent()).toContain('an API key with scope `recommend` or `admin`'.replaceAll('`', ''));
    await screenshot(page, 'docs-reference');
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it('is linked from the console', async () => {
    const page = await signedInPage(browser, baseUrl, inject('accounts').admin);
    await expect.poll(() => page.getByRole('link', { name: /API reference/ }).getAttribute('href')).toBe('/docs');
    await page.context().close();
  });
});
