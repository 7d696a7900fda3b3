import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The interactive API reference at /docs: Swagger UI, served from the installed swagger-ui-dist
 * (no CDN: Tailor runs on machines without internet), reading /api/v1/openapi.json.
 */

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'init.js': 'text/javascript; charset=utf-8',
};

// Kept in a file of its own rather than inline, so the page needs no inline script.
const INIT_SCRIPT = `window.addEventListener('load', () => {
  // validatorUrl: null keeps the page from sending the document's address to swagger.io.
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, validatorUrl: null, withCredentials: true });
});
`;

export const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tailor API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>body { margin: 0; } .topbar-note { font: 14px system-ui, sans-serif; padding: 12px 20px; background: #111827; color: #f9fafb; } .topbar-note a { color: #93c5fd; }</style>
</head>
<body>
<div class="topbar-note">Tailor API reference · <a href="/api/v1/openapi.json">openapi.json</a> · <a href="/">Console</a></div>
<div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

/** One of the page's assets, or null for any other name. */
export async function referenceAsset(name: string): Promise<{ body: string; contentType: string } | null> {
  const contentType = ASSETS[name];
  if (!contentType) return null;
  if (name === 'init.js') return { body: INIT_SCRIPT, contentType };
  return { body: await readFile(path.join(process.cwd(), 'node_modules/swagger-ui-dist', name), 'utf8'), contentType };
}
