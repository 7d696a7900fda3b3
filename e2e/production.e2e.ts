import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('the compiled production server (`npm start`)', () => {
  it('reports the version from package.json and the build it was compiled from', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const health = (await (await fetch(`${baseUrl}/api/v1/health`)).json()) as { version: string; build: string };
    expect(health.version).toBe(version);
    // The commit built from, as the console's pages (built by Next) report it too.
    expect(health.build).toMatch(new RegExp(`^${version.replaceAll('.', '\\.')}\\+(?:[0-9a-f]{7,}|unknown)$`));
  });
});
