import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { apiFetch, rawFetch, signInForCookie } from './session';

const baseUrl = inject('baseUrl');
const adminKey = inject('adminKey');
const TRAINING_TIMEOUT_MS = 150_000;
/** Page updates wait on a request and a render, on a machine busy with the server too. */
const UI = { timeout: 15_000 };
let browser: Browser;
let operator: Page;

interface Run {
  id: number;
  status: string;
}

beforeAll(async () => {
  browser = await launchBrowser();
  operator = await signedInPage(browser, baseUrl, inject('accounts').operator);
});

afterAll(async () => {
  await browser?.close();
});

/** Serves a feed and clicks its first item, so CTR, latency and ingest have real traffic behind them. */
async function serveAndClick(user: string): Promise<void> {
  const feed = await apiFetch<{ recommendation_id: string; items: { id: string }[] }>(baseUrl, `/api/v1/recommendations?user=${user}&n=10`, { bearer: adminKey });
  await apiFetch(baseUrl, '/api/v1/events', {
    method: 'POST',
    bearer: adminKey,
    json: { event_id: `e2e-click-${user}`, user_id: user, item_id: feed.items[0]!.id, type: 'click', recommendation_id: feed.recommendation_id },
  });
}

async function waitForRun(id: number): Promise<void> {
  await expect
    .poll(async () => (await apiFetch<Run>(baseUrl, `/api/v1/models/runs/${id}`, { bearer: adminKey })).status, { timeout: TRAINING_TIMEOUT_MS, interval: 1_000 })
    .toMatch(/succeeded|failed/);
}

describe('overview', () => {
  it('shows live metrics, CTR and charts to an operator, and switches the time range', async () => {
    for (const user of ['user-0001', 'user-0002', 'user-0003']) await serveAndClick(user);
    // Impressions reach the log in the background: wait until they are queryable.
    await expect
      .poll(async () => (await apiFetch<{ totals: { impressions: number } }>(baseUrl, '/api/v1/metrics/ctr?range=1h', { bearer: adminKey })).totals.impressions, UI)
      .toBeGreaterThan(0);

    await operator.goto(`${baseUrl}/`);
    const live = operator.locator('section[aria-label="Live metrics"]');
    await expect.poll(() => live.getAttribute('data-range'), UI).toBe('1h');
    const statValue = (label: string) => operator.locator('.card', { has: operator.locator('.stat-label', { hasText: label }) }).locator('.stat-value').textContent();
    await expect.poll(() => statValue('Click-through rate'), UI).toMatch(/%$/);
    expect(await statValue('Requests per second')).not.toBe('—');
    expect(await statValue('p95 latency')).toMatch(/ms|s$/);
    await expect.poll(() => operator.locator('section[aria-label="Endpoints"] tbody tr', { has: operator.locator('td', { hasText: /^GET \/api\/v1\/recommendations$/ }) }).count(), UI).toBe(1);
    // CTR, traffic, latency, errors, cache, ingest and lag, plus the two data charts below.
    await expect.poll(() => operator.locator('.recharts-surface').count(), UI).toBeGreaterThanOrEqual(9);
    expect(await operator.getByText('this instance', { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(operator, 'overview-dashboard');

    await operator.locator('button[aria-pressed]', { hasText: '24h' }).click();
    await expect.poll(() => live.getAttribute('data-range'), UI).toBe('24h');
    await expect.poll(() => live.getAttribute('data-ctr-range'), UI).toBe('24h');
    expect(await operator.locator('button[aria-pressed="true"]').textContent()).toBe('24h');

    await operator.getByLabel('Auto-refresh').uncheck();
    expect(await operator.getByLabel('Auto-refresh').isChecked()).toBe(false);
  });
});

describe('models', () => {
  it('lists the first trained version, trains on demand with a progress bar, and lets the operator promote and roll back', async () => {
    // The first model trains right after start.
    await expect.poll(async () => (await apiFetch<{ status: string }>(baseUrl, '/api/v1/health')).status, { timeout: TRAINING_TIMEOUT_MS, interval: 1_000 }).toBe('ok');

    await operator.goto(`${baseUrl}/models`);
    const versions = operator.locator('section[aria-label="Versions"]');
    await expect.poll(() => versions.locator('tbody tr', { hasText: 'active' }).count(), UI).toBe(1);
    expect(await versions.locator('tbody tr').first().textContent()).toMatch(/%/); // ANN recall is shown
    const runs = operator.locator('section[aria-label="Training runs"]');
    expect(await runs.locator('tbody tr', { hasText: 'succeeded' }).count()).toBeGreaterThanOrEqual(1);

    await operator.getByRole('button', { name: 'Train now' }).click();
    // Errors land in the same place, so a refused action fails with its message.
    const notice = operator.locator('.success-box, .error-box');
    await expect.poll(() => notice.textContent(), UI).toMatch(/Training run #\d+/);
    const runId = Number(/#(\d+)/.exec((await notice.textContent()) ?? '')![1]);
    const runRow = runs.locator('tbody tr', { hasText: `#${runId}` });
    await expect.poll(() => runRow.locator('[role="progressbar"]').count(), UI).toBe(1);
    await waitForRun(runId);
    await expect.poll(() => runRow.textContent(), UI).toContain('succeeded');

    // The second version replaced the first (or waits as a candidate): either way one can be promoted.
    const promote = versions.getByRole('button', { name: 'Promote' }).first();
    await expect.poll(() => promote.count(), UI).toBe(1);
    await promote.click();
    await versions.getByRole('group', { name: 'Confirm' }).getByRole('button', { name: 'Promote' }).click();
    await expect.poll(() => notice.textContent(), UI).toMatch(/is now active/);
    await expect.poll(() => operator.getByRole('button', { name: 'Roll back' }).count(), UI).toBe(1);
    // Two versions once made the page 1,512 px wide: the versions table scrolls inside its card instead.
    await operator.setViewportSize({ width: 1440, height: 900 });
    expect(await operator.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await versions.locator('th', { hasText: 'Popularity NDCG@10' }).count()).toBe(1);
    await screenshot(operator, 'models');

    await operator.getByRole('button', { name: 'Roll back' }).click();
    await operator.getByRole('group', { name: 'Confirm' }).getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => notice.textContent(), UI).toMatch(/Rolled back/);
  }, TRAINING_TIMEOUT_MS * 2);

  it('refuses a pm: a 403 page, and 403 from the train endpoint', async () => {
    const pm = inject('accounts').pm;
    const page = await signedInPage(browser, baseUrl, pm);
    const response = await page.goto(`${baseUrl}/models`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('[data-testid="forbidden"]').count()).toBe(1);
    await page.context().close();

    const cookie = await signInForCookie(baseUrl, pm);
    expect((await rawFetch(baseUrl, '/api/v1/models/train', { method: 'POST', cookie })).status).toBe(403);
    expect((await rawFetch(baseUrl, '/api/v1/metrics/instance', { cookie })).status).toBe(200);
  });
});
