import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin';

function request(method: string, headers: Record<string, string>): Request {
  return new Request('http://tailor.example:3000/api/v1/models/train', { method, headers: { host: 'tailor.example:3000', ...headers } });
}

describe('crossSiteRefusal', () => {
  it('lets the console’s own requests through', () => {
    expect(crossSiteRefusal(request('POST', { origin: 'http://tailor.example:3000', 'sec-fetch-site': 'same-origin' }))).toBeNull();
    expect(crossSiteRefusal(request('DELETE', { origin: 'http://TAILOR.example:3000' }))).toBeNull();
  });

  it('refuses a state-changing request from another site, by either header', () => {
    expect(crossSiteRefusal(request('POST', { origin: 'https://evil.example' }))).toMatch(/evil\.example/);
    expect(crossSiteRefusal(request('POST', { 'sec-fetch-site': 'cross-site' }))).toMatch(/cross-site/);
    expect(crossSiteRefusal(request('POST', { 'sec-fetch-site': 'same-site', origin: 'http://tailor.example:3000' }))).toMatch(/same-site/);
    expect(crossSiteRefusal(request('PATCH', { origin: 'null' }))).toMatch(/null/);
  });

  it('compares with the host a proxy forwarded', () => {
    const proxied = request('PUT', { origin: 'https://tailor.shop.example', 'x-forwarded-host': 'tailor.shop.example' });
    expect(crossSiteRefusal(proxied)).toBeNull();
  });

  it('leaves reads and non-browser clients alone', () => {
    expect(crossSiteRefusal(request('GET', { origin: 'https://evil.example' }))).toBeNull();
    expect(crossSiteRefusal(request('POST', {}))).toBeNull();
  });
});
