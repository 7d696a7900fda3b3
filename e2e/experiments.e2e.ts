import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { apiFetch, rawFetch, signInForCookie } from './session';

const baseUrl = inject('baseUrl');
const adminKey = inject('adminKey');
const EXPERIMENT = 'e2e-feed';
const USERS = 60;
let browser: Browser;
let page: Page;

interface Feed {
  recommendation_id: string;
  experiment: string | null;
  variant: string | null;
  items: { id: string }[];
}

interface Results {
  variants: { key: string; users: number; impressions: number }[];
}

/** Feed requests for the first `USERS` demo users, each clicking 0–2 of their items, as a client would report them. */
async function sendTraffic(): Promise<number> {
  const users = Array.from({ length: USERS }, (_, index) => `user-${String(index + 1).padStart(4, '0')}`);
  let assigned = 0;
  for (let start = 0; start < users.length; start += 10) {
    const feeds = await Promise.all(
      users.slice(start, start + 10).map((user, offset) => apiFetch<Feed>(baseUrl, `/api/v1/recommendations?user=${user}&n=10&device=${offset % 2 ? 'mobile' : 'desktop'}`, { bearer: adminKey }).then((feed) => ({ user, feed }))),
    );
    const events = feeds.flatMap(({ user, feed }, offset) => {
      if (feed.experiment === EXPERIMENT) assigned += 1;
      return feed.items.slice(0, (start + offset) % 3).map((item) => ({ event_id: `${feed.recommendation_id}-${item.id}`, user_id: user, item_id: item.id, type: 'click', recommendation_id: feed.recommendation_id }));
    });
    if (events.length > 0) await apiFetch(baseUrl, '/api/v1/events', { method: 'POST', bearer: adminKey, json: events });
  }
  return assigned;
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signedInPage(browser, baseUrl, inject('accounts').pm);
});

afterAll(async () => {
  // The experiment would otherwise keep serving every user for the browser tests that come after.
  await rawFetch(baseUrl, `/api/v1/experiments/${EXPERIMENT}/stop`, { method: 'POST', bearer: adminKey });
  await browser?.close();
});

describe('experiments console as a product manager', () => {
  it('lists experiments', async () => {
    await page.goto(`${baseUrl}/experiments`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Experiments');
    await expect.poll(() => page.locator('a', { hasText: 'New experiment' }).count()).toBe(1);
  });

  it('creates an experiment, refusing weights that do not sum to 1 first', async () => {
    await page.goto(`${baseUrl}/experiments/new`);
    await page.locator('input[name="key"]').fill(EXPERIMENT);
    await page.locator('input[name="name"]').fill('Content feed vs hybrid');
    await page.locator('textarea[name="hypothesis"]').fill('Content-based candidates raise CTR for returning users.');
    await page.locator('select[name="variants.1.strategy"]').selectOption('content');
    await page.locator('input[name="variants.1.weight"]').fill('0.4');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-field="variants"]').textContent()).toContain('must sum to 1');
    await expect.poll(() => page.locator('[data-testid="plan-estimate"]').textContent()).toMatch(/users in each of the 2 variants|Too little/);
    await screenshot(page, 'experiments-create');

    await page.locator('input[name="variants.1.weight"]').fill('0.5');
    // The server names the repeated breakdown attribute next to the field.
    await page.locator('input[name="breakdown_attributes"]').fill('country, country');
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('label.field', { hasText: 'Break down by user attributes' }).locator('.field-error').textContent()).toContain('appears twice');
    await page.locator('input[name="breakdown_attributes"]').fill('country');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${baseUrl}/experiments/${EXPERIMENT}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Content feed vs hybrid');
    await expect.poll(() => page.locator('[data-status]').first().getAttribute('data-status')).toBe('draft');
  });

  it('starts it and shows results with intervals, SRM and sample size once traffic arrives', async () => {
    await page.locator('button', { hasText: 'Start experiment' }).click();
    await expect.poll(() => page.locator('[data-status]').first().getAttribute('data-status'), { timeout: 15_000 }).toBe('running');

    expect(await sendTraffic()).toBe(USERS);
    // Exposures and impressions are written in batches: wait until every user is counted.
    await expect
      .poll(async () => {
        const results = await apiFetch<Results>(baseUrl, `/api/v1/experiments/${EXPERIMENT}/results`, { bearer: adminKey });
        const served = results.variants.every((variant) => variant.impressions > 0);
        return served ? results.variants.reduce((sum, variant) => sum + variant.users, 0) : 0;
      }, { timeout: 20_000 })
      .toBe(USERS);

    await page.reload();
    const chart = page.locator('[data-metric="ctr"] [data-testid="lift-chart"] .recharts-surface');
    await expect.poll(() => chart.count(), { timeout: 15_000 }).toBe(1);
    // A few dozen users per variant: below the check's minimum sample it says so rather than "passed".
    await expect.poll(() => page.locator('[data-testid="sample-size-panel"]').textContent()).toMatch(/Sample-ratio check(: not enough data yet \(needs 100 exposures| passed| failed)/);
    await expect.poll(() => page.locator('[data-metric="ctr"] tbody tr').count()).toBe(2);
    await page.locator('button', { hasText: 'Fixed-horizon' }).click();
    await expect.poll(() => page.locator('[data-metric="ctr"] thead').textContent()).toContain('Fixed-horizon interval');
    await page.locator('button', { hasText: 'Always-valid' }).click();
    // Device, new vs returning and the chosen attribute, each its own table; a few dozen users are not enough for a comparison.
    const breakdowns = page.locator('[data-testid="breakdowns"]');
    await expect.poll(() => breakdowns.locator('[data-testid="breakdown-dimension"] h3').allTextContents()).toEqual(['Device', 'New vs returning users', 'Attribute: country']);
    await expect.poll(() => breakdowns.locator('[data-testid="breakdown-dimension"]').first().locator('tbody td:first-child').allTextContents()).toEqual(expect.arrayContaining(['mobile', 'desktop']));
    await expect.poll(() => breakdowns.textContent()).toContain('Not enough data');
    // Each tested metric says whether CUPED adjusted it by the users' history, and why not when it did not.
    await expect.poll(() => page.locator('[data-metric="ctr"] [data-testid="cuped"]').textContent()).toMatch(/CUPED: variance −\d+%|CUPED not applied: /);
    await screenshot(page, 'experiments-results');
    await page.setViewportSize({ width: 390, height: 844 });
    // The breakdown tables scroll inside their card: the page itself never gets wider than the phone.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'experiments-results-phone');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.locator('button', { hasText: /^Ship / }).click();
    await expect.poll(() => page.locator('[aria-label="Confirm"]').textContent()).toContain('the default strategy for everyone');
    // The confirmation states the verdict and each guardrail before anything ships.
    await expect.poll(() => page.locator('[data-testid="ship-facts"]').textContent()).toMatch(/Verdict on CTR|Verdict on ctr/i);
    await expect.poll(() => page.locator('[data-testid="ship-facts"]').textContent()).toContain('Guardrail latency_p99');
    await page.locator('[aria-label="Confirm"] button', { hasText: 'Cancel' }).click();

    await page.goto(`${baseUrl}/experiments`);
    const row = page.locator('tbody tr', { hasText: EXPERIMENT });
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('running');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toMatch(/%/);
    await expect.poll(() => page.locator('[data-testid="layer-allocation"] [data-layer]').count()).toBe(1);
    await screenshot(page, 'experiments-list');
  });

  it('lists the presets and saves a new strategy; a strategy in use refuses edits', async () => {
    await page.goto(`${baseUrl}/experiments/strategies`);
    for (const preset of ['collaborative', 'content', 'hybrid', 'popular']) await expect.poll(() => page.locator('tbody tr', { hasText: preset }).count()).toBeGreaterThan(0);
    await screenshot(page, 'experiments-strategies');

    await page.locator('a', { hasText: 'New strategy' }).click();
    await page.waitForURL(/\/experiments\/strategies\/new/);
    await page.locator('input[name="key"]').fill('e2e-diverse');
    await page.locator('input[name="diversityLambda"]').fill('0.5');
    await page.locator('input[name="quotas.trending"]').fill('80');

    // The preview ranks the config as edited, before it is saved, beside the default strategy.
    const preview = page.getByTestId('strategy-preview');
    await preview.locator('input[name="user"]').fill('user-00007');
    await preview.getByRole('button', { name: 'Show' }).click();
    const columns = preview.getByTestId('feed-column');
    await expect.poll(() => columns.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => columns.nth(1).locator('li').count(), { timeout: 30_000 }).toBe(10);
    expect(await columns.nth(1).locator('h3').textContent()).toMatch(/^Default: [\w.-]+ v\d+$/);
    const health = await (await fetch(`${baseUrl}/api/v1/health`)).json();
    if (health.status === 'ok') {
      // Popular and trending only: the preview follows the edit, and what differs from the default is highlighted.
      for (const source of ['collaborative', 'neighbors', 'ease', 'content']) await page.locator(`input[name="quotas.${source}"]`).fill('0');
      await expect.poll(() => preview.locator('li[data-differs="true"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    for (const [width, height] of [[390, 844], [1440, 900]] as const) {
      await page.setViewportSize({ width, height });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      // The λ field's placeholder fits its box (it was cut to "def").
      expect(await page.locator('input[name="diversityLambda"]').evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
      await screenshot(page, `experiments-strategy-preview-${width}`);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.getByRole('button', { name: 'Create strategy' }).click();
    await page.waitForURL(`${baseUrl}/experiments/strategies/e2e-diverse`);
    await expect.poll(() => page.locator('input[name="diversityLambda"]').inputValue()).toBe('0.5');
    const saved = await apiFetch<{ config: { diversityLambda: number; quotas: { trending: number } } }>(baseUrl, '/api/v1/strategies/e2e-diverse', { bearer: adminKey });
    expect(saved.config).toMatchObject({ diversityLambda: 0.5, quotas: { trending: 80 } });

    // The running experiment's treatment serves `content`: the server refuses, and the page says why.
    await page.goto(`${baseUrl}/experiments/strategies/content`);
    await page.locator('input[name="diversityLambda"]').fill('0.6');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await expect.poll(() => page.locator('.error-box').textContent()).toContain(`running experiment '${EXPERIMENT}'`);
  });
});

describe('experiments access', () => {
  it('is closed to editors, in the console and the API', async () => {
    const editor = inject('accounts').editor;
    const editorPage = await signedInPage(browser, baseUrl, editor);
    await editorPage.goto(`${baseUrl}/experiments`);
    await expect.poll(() => editorPage.locator('[data-testid="forbidden"]').count()).toBe(1);
    await editorPage.context().close();

    const cookie = await signInForCookie(baseUrl, editor);
    const response = await rawFetch(baseUrl, '/api/v1/experiments', { method: 'POST', cookie, json: { key: 'editor-made', variants: [{ key: 'a', strategy: 'hybrid' }, { key: 'b', strategy: 'content' }] } });
    expect(response.status).toBe(403);
  });
});
