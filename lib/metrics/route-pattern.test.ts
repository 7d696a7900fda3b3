import { describe, expect, it } from 'vitest';
import { routePattern } from './route-pattern';

describe('routePattern', () => {
  it.each([
    ['http://localhost/api/v1/items', '/api/v1/items'],
    ['http://localhost/api/v1/items/film-1', '/api/v1/items/[id]'],
    ['http://localhost/api/v1/items/film-1/similar?n=5', '/api/v1/items/[id]/similar'],
    ['http://localhost/api/v1/users/user-42?history=20', '/api/v1/users/[id]'],
    ['http://localhost/api/v1/experiments/content-vs-hybrid/results?mde=0.05', '/api/v1/experiments/[id]/results'],
    ['http://localhost/api/v1/experiments?status=running', '/api/v1/experiments'],
    ['http://localhost/api/v1/strategies/content-wide/default', '/api/v1/strategies/[id]/default'],
    ['http://localhost/api/v1/curation/rules', '/api/v1/curation/rules'],
    ['http://localhost/api/v1/curation/rules/7', '/api/v1/curation/rules/[id]'],
    ['http://localhost/api/v1/models/runs', '/api/v1/models/runs'],
    ['http://localhost/api/v1/models/runs/3', '/api/v1/models/runs/[id]'],
    ['http://localhost/api/v1/models/versions/2/promote', '/api/v1/models/versions/[id]/promote'],
    ['http://localhost/api/v1/models/train', '/api/v1/models/train'],
    ['http://localhost/api/v1/recommendations?user=u&n=20', '/api/v1/recommendations'],
    ['http://localhost/api/v1/recommendations/explain?user=u&item=i', '/api/v1/recommendations/explain'],
    ['http://localhost/api/v1/settings/event-weights', '/api/v1/settings/event-weights'],
    ['http://example.com:3000/api/v1/health#x', '/api/v1/health'],
  ])('%s → %s', (url, pattern) => {
    expect(routePattern(url)).toBe(pattern);
  });

  it('treats an id that spells a collection name as an id', () => {
    expect(routePattern('http://localhost/api/v1/items/users/similar')).toBe('/api/v1/items/[id]/similar');
    expect(routePattern('http://localhost/api/v1/strategies/items/default')).toBe('/api/v1/strategies/[id]/default');
  });

  it('keeps encoded ids in one segment and ignores a trailing slash', () => {
    expect(routePattern('http://localhost/api/v1/items/a%2Fb%3Fc/similar')).toBe('/api/v1/items/[id]/similar');
    expect(routePattern('http://localhost/api/v1/items/')).toBe('/api/v1/items');
  });

  it('accepts a bare path', () => {
    expect(routePattern('/api/v1/users/u-1')).toBe('/api/v1/users/[id]');
  });

  it('pools everything outside the API into one label, and leaves the scrape endpoint out', () => {
    expect(routePattern('http://localhost/catalog?page=3')).toBe('other');
    expect(routePattern('http://localhost/')).toBe('other');
    expect(routePattern('http://localhost')).toBe('other');
    expect(routePattern('http://localhost/api/metrics')).toBeNull();
    expect(routePattern('http://localhost/api/metrics?name[]=x')).toBeNull();
  });
});
