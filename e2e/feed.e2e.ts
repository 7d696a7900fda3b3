import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { apiFetch } from './session';

const baseUrl = inject('baseUrl');
const adminKey = inject('adminKey');
let browser: Browser;

interface ApiCall {
  method: string;
  path: string;
  search: URLSearchParams;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
}

/** A visitor with a fresh browser profile (no stored viewer), and every API call their page makes. */
async function visitor(): Promise<{ page: Page; calls: ApiCall[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const calls: ApiCall[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/v1/')) return;
    const body = request.postData();
    calls.push({ method: request.method(), path: url.pathname, search: url.searchParams, authorization: request.headers()['authorization'], body: body ? JSON.parse(body) : null });
  });
  return { page, calls };
}

const cards = (page: Page) => page.locator('[aria-label="Recommendations"] [data-item-id]');
const feedIds = (page: Page) => cards(page).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-item-id')!));

async function feedLoaded(page: Page): Promise<string[]> {
  await expect.poll(async () => (await feedIds(page)).length, { timeout: 15_000 }).toBeGreaterThan(5);
  return feedIds(page);
}

async function watchAs(page: Page, userId: string): Promise<void> {
  await page.locator('input[name="user"]').fill(userId);
  await page.getByRole('button', { name: 'Watch', exact: true }).click();
  await expect.poll(() => page.locator('[data-current-viewer]').getAttribute('data-current-viewer')).toBe(userId);
}

const eventsPosted = (calls: ApiCall[]) => calls.filter((call) => call.method === 'POST' && call.path === '/api/v1/events').map((call) => call.body!);

beforeAll(async () => {
  browser = await launchBrowser();
  await firstModel();
});

/** Seen-item filtering, captions from history and pins need the trained model, not the popular fallback. */
async function firstModel(timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await apiFetch<{ status: string }>(baseUrl, '/api/v1/health')).status !== 'ok') {
    if (Date.now() > deadline) throw new Error('the first model did not train in time');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

afterAll(async () => {
  await browser?.close();
});

describe('demo feed at /feed', () => {
  it('shows a demo user personal cards with captions, calling the API with the demo key', async () => {
    const { page, calls } = await visitor();
    await page.goto(`${baseUrl}/feed`);
    const demoUser = page.locator('[data-viewer^="user-"]').first();
    const userId = (await demoUser.getAttribute('data-viewer'))!;
    await demoUser.click();
    await expect.poll(() => page.locator('[data-current-viewer]').getAttribute('data-current-viewer')).toBe(userId);
    await feedLoaded(page);
    const captions = await cards(page).locator('[data-caption]').allTextContents();
    expect(captions.length).toBeGreaterThan(5);
    expect(captions.some((caption) => /^Because you (recently )?watched /.test(caption))).toBe(true);
    // Every card keeps its title visible: two lines at most, the whole title as its tooltip.
    const titles = await cards(page)
      .locator('h3')
      .evaluateAll((nodes) => nodes.map((node) => ({ text: node.textContent ?? '', tooltip: node.getAttribute('title'), height: node.getBoundingClientRect().height, clamp: getComputedStyle(node).webkitLineClamp })));
    for (const title of titles) {
      expect(title.text.trim()).not.toBe('');
      expect(title.tooltip).toBe(title.text);
      expect(title.height).toBeGreaterThan(10);
      expect(title.clamp).toBe('2');
    }
    // Posters of one category differ from one another, not only in their titles.
    const posters = await cards(page)
      .locator('[data-pattern]')
      .evaluateAll((nodes) => nodes.map((node) => ({ category: node.getAttribute('data-category') ?? '', look: getComputedStyle(node).backgroundImage })));
    const byCategory = new Map<string, string[]>();
    for (const poster of posters) byCategory.set(poster.category, [...(byCategory.get(poster.category) ?? []), poster.look]);
    const shared = [...byCategory.values()].filter((looks) => looks.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const looks of shared) expect(new Set(looks).size).toBe(looks.length);
    await screenshot(page, 'feed');

    const feedCalls = calls.filter((call) => call.path === '/api/v1/recommendations' && call.search.get('user') === userId);
    expect(feedCalls.length).toBeGreaterThan(0);
    const { keys } = await apiFetch<{ keys: { name: string; displayPrefix: string; scopes: string[]; revokedAt: string | null }[] }>(baseUrl, '/api/v1/admin/keys', { bearer: adminKey });
    const demoKey = keys.find((key) => key.name === 'Demo feed (public)' && !key.revokedAt)!;
    expect(demoKey.scopes).toEqual(['recommend', 'events']);
    for (const call of calls) expect(call.authorization).toMatch(new RegExp(`^Bearer ${demoKey.displayPrefix}`));
    await page.context().close();
  });

  it('posts a click when a card opens, shows similar items, and the next feed leaves the clicked item out', async () => {
    const { page, calls } = await visitor();
    await page.goto(`${baseUrl}/feed`);
    // A standard user: a minimal one (user-00011 in this world) is not personalized from their clicks.
    await watchAs(page, 'user-00012');
    const before = await feedLoaded(page);
    const clicked = before[0]!;
    const posted = page.waitForResponse((response) => response.url().endsWith('/api/v1/events') && response.request().method() === 'POST');
    await cards(page).first().locator('a').click();
    expect((await posted).status()).toBe(200);
    const click = eventsPosted(calls).at(-1)!;
    expect(click).toMatchObject({ type: 'click', user_id: 'user-00012', item_id: clicked });
    expect(typeof click.recommendation_id).toBe('string');

    await page.waitForURL(`${baseUrl}/feed/item/${clicked}`);
    await expect.poll(() => page.locator('[aria-label="Similar titles"] [data-item-id]').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.locator('[aria-label="Similar titles"] [data-item-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-item-id')))).not.toContain(clicked);
    await screenshot(page, 'feed-item');

    await page.getByRole('link', { name: '← Back to your feed' }).click();
    await expect.poll(async () => (await feedIds(page)).includes(clicked), { timeout: 5_000 }).toBe(false);
    const after = await feedLoaded(page);
    expect(after).not.toEqual(before);
    await page.context().close();
  });

  it('removes a dismissed item for good', async () => {
    const { page, calls } = await visitor();
    await page.goto(`${baseUrl}/feed`);
    await watchAs(page, 'user-00021');
    const [, dismissed] = await feedLoaded(page);
    const card = page.locator(`[aria-label="Recommendations"] [data-item-id="${dismissed}"]`);
    await card.hover();
    await card.getByRole('button', { name: /^Not interested in / }).click();
    await expect.poll(() => card.count()).toBe(0);
    // Hidden at once; the dislike is sent only once the Undo window has passed.
    await expect.poll(() => page.locator('[data-feed-toast] button').textContent()).toBe('Undo');
    expect(eventsPosted(calls).filter((event) => event.type === 'dislike')).toEqual([]);
    await expect.poll(() => page.locator('[data-feed-toast]').textContent(), { timeout: 15_000 }).toMatch(/^Hidden .* feed updated in \d+\.\d s$/);
    expect(eventsPosted(calls).at(-1)).toMatchObject({ type: 'dislike', user_id: 'user-00021', item_id: dismissed });
    for (let refresh = 0; refresh < 3; refresh++) {
      await page.reload();
      expect(await feedLoaded(page)).not.toContain(dismissed);
    }
    await page.context().close();
  });

  it('undoes "Not interested" without recording anything', async () => {
    const { page, calls } = await visitor();
    await page.goto(`${baseUrl}/feed`);
    await watchAs(page, 'user-00022');
    const [, kept] = await feedLoaded(page);
    const card = page.locator(`[aria-label="Recommendations"] [data-item-id="${kept}"]`);
    await card.hover();
    await card.getByRole('button', { name: /^Not interested in / }).click();
    await expect.poll(() => card.count()).toBe(0);
    await page.locator('[data-feed-toast]').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => page.locator('[data-feed-toast]').textContent()).toMatch(/^Kept .* nothing was recorded$/);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(eventsPosted(calls).filter((event) => event.type === 'dislike')).toEqual([]);
    await page.context().close();
  });

  it('lets a visitor stay a guest, who keeps their id and gets a feed that reacts', async () => {
    const { page, calls } = await visitor();
    await page.goto(`${baseUrl}/feed`);
    await expect.poll(() => page.locator('[data-current-viewer]').getAttribute('data-current-viewer')).toMatch(/^guest-[0-9a-z]{10}$/);
    const guestId = (await page.locator('[data-current-viewer]').getAttribute('data-current-viewer'))!;
    const before = await feedLoaded(page);
    await screenshot(page, 'feed-guest');
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the picker is one line until opened, so the feed starts on the first screen.
    await expect.poll(() => page.locator('[data-viewer]').first().isVisible()).toBe(false);
    expect(await cards(page).first().evaluate((node) => node.getBoundingClientRect().top)).toBeLessThan(844);
    await screenshot(page, 'feed-guest-phone');
    await page.getByRole('button', { name: /Change$/ }).click();
    await expect.poll(() => page.locator('[data-viewer]').first().isVisible()).toBe(true);
    await page.setViewportSize({ width: 1360, height: 900 });

    const liked = before[2]!;
    const card = page.locator(`[aria-label="Recommendations"] [data-item-id="${liked}"]`);
    await card.hover();
    await card.getByRole('button', { name: /^Like / }).click();
    await expect.poll(() => page.locator('[data-feed-toast]').textContent()).toMatch(/^Liked .* feed updated in \d+\.\d s$/);
    expect(eventsPosted(calls).at(-1)).toMatchObject({ type: 'like', user_id: guestId, item_id: liked });
    expect(await feedIds(page)).not.toContain(liked);

    await page.reload();
    await expect.poll(() => page.locator('[data-current-viewer]').getAttribute('data-current-viewer')).toBe(guestId);
    expect(await feedLoaded(page)).not.toContain(liked);
    await page.context().close();
  });

  it("puts an editor's pin first in that user's feed only", async () => {
    const userId = 'user-00033';
    const segment = `feed_e2e=${Date.now()}`;
    await apiFetch(baseUrl, `/api/v1/users/${userId}`, { method: 'PUT', bearer: adminKey, json: { preferences: { attributes: { feed_e2e: segment.split('=')[1] } }, data_sharing: 'enhanced' } });
    const { page } = await visitor();
    await page.goto(`${baseUrl}/feed`);
    // The pin must be an item the other user would not see first anyway, or "only" proves nothing.
    await watchAs(page, 'user-00034');
    const otherFirst = (await feedLoaded(page))[0];
    await watchAs(page, userId);
    const pinned = (await feedLoaded(page)).slice(9).find((id) => id !== otherFirst)!;
    const rule = await apiFetch<{ id: number }>(baseUrl, '/api/v1/curation/rules', {
      method: 'POST',
      bearer: adminKey,
      json: { kind: 'pin', target_type: 'item', target: pinned, position: 1, segment, note: 'feed e2e' },
    });
    try {
      await expect
        .poll(
          async () => {
            await page.reload();
            return (await feedLoaded(page))[0];
          },
          { timeout: 20_000 },
        )
        .toBe(pinned);
      expect(await cards(page).first().textContent()).toContain("Editor's pick");

      await watchAs(page, 'user-00034');
      expect((await feedLoaded(page))[0]).not.toBe(pinned);
      expect(await cards(page).first().textContent()).not.toContain("Editor's pick");
    } finally {
      await apiFetch(baseUrl, `/api/v1/curation/rules/${rule.id}`, { method: 'DELETE', bearer: adminKey });
      await page.context().close();
    }
  });
});
