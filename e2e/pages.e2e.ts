import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { roleCan } from '@/lib/auth/permissions';
import { ROLES, type Permission, type Role } from '@/lib/auth/types';
import { CONSOLE_SECTIONS, sectionsFor } from '@/lib/console/sections';
import { launchBrowser, SCREENSHOT_DIR } from './browser';
import { apiFetch, rawFetch, signInForCookie } from './session';

/**
 * Every page each role can reach, and the public pages, at a desktop and a phone width: each one
 * is screenshotted and must not overflow sideways, log a console error or fail a request.
 */

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const adminKey = inject('adminKey');
const SHOTS_DIR = path.join(SCREENSHOT_DIR, 'pages');
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];
// Unique per run, so the file can run again against the same server.
const EXPERIMENT = `pages-${Date.now().toString(36)}`;
const COLLECTION = 'Pages e2e picks';
/** Loading states the console and the feed show while their data is on its way. */
const LOADING = '.loading, [aria-busy="true"], [aria-label="Loading recommendations"]';
const SETTLE_TIMEOUT_MS = 20_000;
/** How long the network must stay idle before a page counts as settled, as Playwright's `networkidle`. */
const QUIET_MS = 500;

/** A page to visit: where, the permission it needs, and what to do on it before the screenshot. */
interface Visit {
  name: string;
  path: string;
  permission?: Permission;
  prepare?: (page: Page) => Promise<void>;
}

let browser: Browser;
let itemId: string;
let userId: string;
/** Curation rules this file made, deleted at the end so other files' feeds are not curated by them. */
const ruleIds: number[] = [];

beforeAll(async () => {
  // Models, experiment results and the explain page only show their real layout once a model serves.
  await waitFor('the first model to serve', async () => (await apiFetch<{ status: string }>(baseUrl, '/api/v1/health')).status === 'ok');
  await trainSecondVersion();
  itemId = (await apiFetch<{ items: { id: string }[] }>(baseUrl, '/api/v1/items?limit=1', { bearer: adminKey })).items[0]!.id;
  userId = (await apiFetch<{ users: { id: string }[] }>(baseUrl, '/api/v1/users?limit=1', { bearer: adminKey })).users[0]!.id;
  await createCuration();
  await runExperiment();
  rmSync(SHOTS_DIR, { recursive: true, force: true });
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  // A running experiment would keep serving its variants to the browser tests that come after.
  await rawFetch(baseUrl, `/api/v1/experiments/${EXPERIMENT}/stop`, { method: 'POST', bearer: adminKey });
  for (const id of ruleIds) await rawFetch(baseUrl, `/api/v1/curation/rules/${id}`, { method: 'DELETE', bearer: adminKey });
  await browser?.close();
  console.log(`page screenshots: ${SHOTS_DIR}`);
});

/** The models page lays out a versions table once there are two versions to compare. */
async function trainSecondVersion(): Promise<void> {
  const { versions } = await apiFetch<{ versions: unknown[] }>(baseUrl, '/api/v1/models/versions', { bearer: adminKey });
  if (versions.length >= 2) return;
  const run = await apiFetch<{ id: number }>(baseUrl, '/api/v1/models/train', { method: 'POST', bearer: adminKey });
  await waitFor(`training run ${run.id}`, async () => /succeeded|failed/.test((await apiFetch<{ status: string }>(baseUrl, `/api/v1/models/runs/${run.id}`, { bearer: adminKey })).status));
}

/** Polls outside a test, where `expect.poll` is not available. */
async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function createCuration(): Promise<void> {
  const { items } = await apiFetch<{ items: { id: string }[] }>(baseUrl, '/api/v1/items?limit=3&offset=10', { bearer: adminKey });
  const rules = [
    { kind: 'pin', target_type: 'item', target: items[0]!.id, position: 1, note: 'pages-e2e pin' },
    { kind: 'boost', target_type: 'category', target: 'Comedy', boost: 1.5, note: 'pages-e2e boost' },
    ...items.slice(1).map((item) => ({ kind: 'pick', target_type: 'item', target: item.id, collection: COLLECTION, note: 'pages-e2e pick' })),
  ];
  for (const rule of rules) ruleIds.push((await apiFetch<{ id: number }>(baseUrl, '/api/v1/curation/rules', { method: 'POST', bearer: adminKey, json: rule })).id);
}

/** A running experiment with a little traffic, so its page shows results rather than an empty state. */
async function runExperiment(): Promise<void> {
  await apiFetch(baseUrl, '/api/v1/experiments', {
    method: 'POST',
    bearer: adminKey,
    json: { key: EXPERIMENT, name: 'Pages: popular vs hybrid', hypothesis: 'Screens of every page.', variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'popular', strategy: 'popular' }] },
  });
  await apiFetch(baseUrl, `/api/v1/experiments/${EXPERIMENT}/start`, { method: 'POST', bearer: adminKey });
  const { users } = await apiFetch<{ users: { id: string }[] }>(baseUrl, '/api/v1/users?limit=40', { bearer: adminKey });
  for (const user of users) {
    const feed = await apiFetch<{ recommendation_id: string; items: { id: string }[] }>(baseUrl, `/api/v1/recommendations?user=${user.id}&n=10`, { bearer: adminKey });
    const clicked = feed.items.slice(0, user.id.length % 3);
    if (clicked.length === 0) continue;
    const events = clicked.map((item) => ({ event_id: `${feed.recommendation_id}-${item.id}`, user_id: user.id, item_id: item.id, type: 'click', recommendation_id: feed.recommendation_id }));
    await apiFetch(baseUrl, '/api/v1/events', { method: 'POST', bearer: adminKey, json: events });
  }
}

/** The pages behind each sidebar section: the section itself, its tabs and its detail pages. */
function consolePages(): Visit[] {
  return [
    { name: 'overview', path: '/', permission: 'metrics:read' },
    { name: 'catalog', path: '/catalog', permission: 'catalog:read' },
    { name: 'catalog-item', path: `/catalog/${encodeURIComponent(itemId)}`, permission: 'catalog:read' },
    { name: 'catalog-new', path: '/catalog/new', permission: 'catalog:write' },
    { name: 'catalog-import', path: '/catalog/import', permission: 'catalog:write' },
    { name: 'curation', path: '/curation', permission: 'curation:read' },
    { name: 'curation-collections', path: '/curation/collections', permission: 'curation:read' },
    { name: 'curation-preview', path: `/curation/preview?user=${encodeURIComponent(userId)}`, permission: 'curation:read' },
    { name: 'experiments', path: '/experiments', permission: 'experiments:read' },
    { name: 'experiment', path: `/experiments/${EXPERIMENT}`, permission: 'experiments:read' },
    { name: 'experiment-new', path: '/experiments/new', permission: 'experiments:write' },
    { name: 'strategies', path: '/experiments/strategies', permission: 'experiments:read' },
    { name: 'strategy', path: '/experiments/strategies/hybrid', permission: 'experiments:read' },
    { name: 'strategy-new', path: '/experiments/strategies/new', permission: 'experiments:write' },
    { name: 'explain', path: '/explain', permission: 'feeds:explain' },
    { name: 'explain-user', path: `/explain?user=${encodeURIComponent(userId)}`, permission: 'feeds:explain' },
    { name: 'models', path: '/models', permission: 'models:read' },
    { name: 'users', path: '/users', permission: 'users:delete' },
    {
      name: 'user-detail',
      path: '/users',
      permission: 'users:delete',
      prepare: async (page) => {
        await page.locator('table button.link-button').first().click();
        await page.locator('[data-testid="user-panel"] h2').waitFor({ timeout: SETTLE_TIMEOUT_MS });
      },
    },
    { name: 'settings-weights', path: '/settings?tab=weights', permission: 'settings:read' },
    { name: 'settings-serving', path: '/settings?tab=serving', permission: 'settings:read' },
    { name: 'settings-keys', path: '/settings?tab=keys', permission: 'access:manage' },
    { name: 'settings-users', path: '/settings?tab=users', permission: 'access:manage' },
    { name: 'audit', path: '/audit', permission: 'access:manage' },
  ];
}

function publicPages(): Visit[] {
  return [
    { name: 'signin', path: '/signin' },
    { name: 'feed', path: '/feed' },
    { name: 'feed-item', path: `/feed/item/${encodeURIComponent(itemId)}` },
    { name: 'docs', path: '/docs' },
  ];
}

/** What went wrong on a page: console errors, uncaught exceptions, failed and refused requests. */
class ProblemLog {
  private visit = 0;
  /** False until the next page's document replaces the previous one, which runs until then. */
  private committed = true;
  private readonly visitOf = new WeakMap<Request, number>();
  private readonly answered = new WeakSet<Request>();
  private readonly open = new Set<Request>();
  problems: string[] = [];
  /**
   * The forbidden page's 403, which the visit expects. Next renders forbidden() after the refused
   * route's stylesheets were linked and then drops them, so the browser may cancel one mid-load.
   */
  private refusedPage: string | null = null;

  constructor(page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.committed = true;
    });
    page.on('request', (request) => {
      // An event stream stays open for as long as the page does.
      if (request.resourceType() !== 'eventsource') this.open.add(request);
      // The previous document keeps prefetching and polling until the next one commits; the
      // navigation then cancels those requests, which is not the next page's doing.
      const ours = this.committed || (request.isNavigationRequest() && request.frame() === page.mainFrame());
      this.visitOf.set(request, ours ? this.visit : -1);
    });
    page.on('console', (message) => {
      if (message.type() !== 'error' || !this.committed) return;
      const { url } = message.location();
      if (url === this.refusedPage && message.text().includes('status of 403')) return;
      this.problems.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (error) => {
      if (this.committed) this.problems.push(`uncaught: ${error.message}`);
    });
    page.on('requestfinished', (request) => this.open.delete(request));
    page.on('requestfailed', (request) => {
      this.open.delete(request);
      if (this.visitOf.get(request) !== this.visit) return;
      // Next's router reads the head of a prefetch's streamed answer and cancels the rest: the
      // server did answer, so only requests that never got an answer count as failed (and a
      // stylesheet the refused page drops, above).
      const aborted = request.failure()?.errorText === 'net::ERR_ABORTED';
      if (aborted && (this.answered.has(request) || (this.refusedPage && request.resourceType() === 'stylesheet'))) return;
      this.problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('response', (response) => {
      this.answered.add(response.request());
      if (this.visitOf.get(response.request()) !== this.visit || response.status() < 400) return;
      if (response.url() === this.refusedPage && response.status() === 403) return;
      this.problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    });
  }

  get openRequests(): number {
    return this.open.size;
  }

  /** Starts a new page: what the previous one left is dropped. */
  next(refusedPage: string | null = null): void {
    this.visit += 1;
    this.committed = false;
    this.open.clear();
    this.problems = [];
    this.refusedPage = refusedPage;
  }
}

/**
 * Waits until nothing on the page says it is still loading and no request has been open for
 * half a second. Client components render their loading state on the server too, so it is
 * there from the first paint; an answer can start the next request (a feed after a profile).
 */
async function settle(page: Page, log: ProblemLog): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let quietSince = Date.now();
  for (;;) {
    const loading = await page.locator(LOADING).count();
    if (loading > 0 || log.openRequests > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) return;
    if (Date.now() > deadline) throw new Error(`still loading after ${SETTLE_TIMEOUT_MS} ms (${loading} loaders, ${log.openRequests} open requests)`);
    await page.waitForTimeout(100);
  }
}

interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** Elements whose right edge passes the viewport while no scrolling ancestor contains them. */
  sticking: string[];
  /** Elements whose content is wider than they are, outside any scrolling ancestor. */
  spilling: string[];
}

/** The page's horizontal overflow, with the elements that cause it, each named by a short CSS path. */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const limit = root.clientWidth;
    const contained = (element: Element) => {
      for (let ancestor = element.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(ancestor).overflowX)) return true;
      }
      return false;
    };
    const sticksOut = (element: Element | null): boolean => {
      if (!element || element === document.body) return false;
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.right > limit + 0.5 && getComputedStyle(element).visibility !== 'hidden';
    };
    const describe = (element: Element) => {
      const parts: string[] = [];
      for (let node: Element | null = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
        const classes = [...node.classList].slice(0, 2).map((name) => `.${name}`).join('');
        parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes}`);
      }
      const rect = element.getBoundingClientRect();
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${parts.join(' > ')} (right ${Math.round(rect.right)} px, width ${Math.round(rect.width)} px${text ? `, "${text}"` : ''})`;
    };
    const elements = [...document.body.querySelectorAll('*')];
    // The outermost element that sticks out of a parent that fits: where the overflow starts.
    const sticking = elements.filter((element) => sticksOut(element) && !sticksOut(element.parentElement) && !contained(element)).map(describe);
    // Content wider than a box that shows it all: a word or control running into its neighbour.
    // The content's own boxes are measured, as a trailing margin also counts in scrollWidth.
    const contentRight = (element: Element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return range.getBoundingClientRect().right;
    };
    const spilling = elements.filter((element) => {
      if (!(element instanceof HTMLElement) || element.clientWidth === 0 || contained(element)) return false;
      const style = getComputedStyle(element);
      if (style.overflowX !== 'visible' || !['block', 'flex', 'grid', 'inline-block', 'list-item'].includes(style.display)) return false;
      const innerRight = element.getBoundingClientRect().right - parseFloat(style.borderRightWidth);
      return element.scrollWidth > element.clientWidth + 1 && contentRight(element) > innerRight + 1;
    });
    const innermost = spilling.filter((element) => !spilling.some((other) => other !== element && element.contains(other)));
    return { scrollWidth: root.scrollWidth, clientWidth: limit, sticking, spilling: innermost.map(describe) };
  });
}

async function newContext(viewport: Viewport, role?: Role): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  if (role) {
    const [name, value] = (await signInForCookie(baseUrl, accounts[role])).split(/=(.*)/s);
    await context.addCookies([{ name: name!, value: value!, url: baseUrl }]);
  }
  return context;
}

/** Visits one page, screenshots it and returns everything wrong with it. */
async function check(page: Page, log: ProblemLog, folder: string, visit: Visit, viewport: Viewport): Promise<string[]> {
  log.next();
  const response = await page.goto(`${baseUrl}${visit.path}`);
  const problems: string[] = [];
  if (!response?.ok()) problems.push(`page answered ${response?.status()}`);
  try {
    await settle(page, log);
    if (visit.prepare) {
      await visit.prepare(page);
      await settle(page, log);
    }
  } catch (error) {
    problems.push(`did not settle: ${(error as Error).message.split('\n')[0]}`);
  }
  await page.screenshot({ path: path.join(SHOTS_DIR, folder, `${visit.name}-${viewport.width}.png`), fullPage: true });
  const overflow = await measureOverflow(page);
  if (overflow.scrollWidth > overflow.clientWidth) problems.push(`overflows sideways: ${overflow.scrollWidth} px wide in ${overflow.clientWidth} px`);
  problems.push(...overflow.sticking.map((element) => `sticks out: ${element}`));
  problems.push(...overflow.spilling.map((element) => `content wider than its box: ${element}`));
  problems.push(...log.problems);
  return problems;
}

describe.each(ROLES)('the console as %s', (role) => {
  it.each(VIEWPORTS)('lays out every page it can open at $width×$height', async (viewport) => {
    mkdirSync(path.join(SHOTS_DIR, role), { recursive: true });
    const context = await newContext(viewport, role);
    const page = await context.newPage();
    const log = new ProblemLog(page);
    try {
      await page.goto(`${baseUrl}/`);
      // Settled first: a page still hydrating when the next one loads would look like that one's.
      await settle(page, log);
      const sidebar = await page.locator('nav.sidebar a.nav-link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(sidebar).toEqual(sectionsFor(role).map((section) => section.href));

      const visits = consolePages().filter((visit) => roleCan(role, visit.permission!));
      // Every sidebar link is among the visits, so no section is left out.
      expect(sidebar.filter((href) => !visits.some((visit) => visit.path === href || visit.path.startsWith(`${href}?`)))).toEqual([]);
      for (const visit of visits) {
        expect.soft(await check(page, log, role, visit, viewport), `${role} ${visit.path} at ${viewport.width} px`).toEqual([]);
      }

      // One page the role may not open: a clean "Not allowed", and nothing else wrong.
      const refused = CONSOLE_SECTIONS.find((section) => !roleCan(role, section.permission));
      if (refused) {
        log.next(`${baseUrl}${refused.href}`);
        const response = await page.goto(`${baseUrl}${refused.href}`);
        expect(response?.status()).toBe(403);
        await settle(page, log);
        expect(await page.locator('[data-testid="forbidden"]').count()).toBe(1);
        await page.screenshot({ path: path.join(SHOTS_DIR, role, `forbidden-${viewport.width}.png`), fullPage: true });
        const overflow = await measureOverflow(page);
        expect.soft({ scrollWidth: overflow.scrollWidth, sticking: overflow.sticking, spilling: overflow.spilling, problems: log.problems }, `${role} ${refused.href} (forbidden) at ${viewport.width} px`).toEqual({
          scrollWidth: overflow.clientWidth,
          sticking: [],
          spilling: [],
          problems: [],
        });
      }
    } finally {
      await context.close();
    }
  }, 240_000);
});

describe('the public pages', () => {
  it.each(VIEWPORTS)('lay out at $width×$height', async (viewport) => {
    mkdirSync(path.join(SHOTS_DIR, 'public'), { recursive: true });
    const context = await newContext(viewport);
    const page = await context.newPage();
    const log = new ProblemLog(page);
    try {
      for (const visit of publicPages()) {
        expect.soft(await check(page, log, 'public', visit, viewport), `${visit.path} at ${viewport.width} px`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 120_000);
});
