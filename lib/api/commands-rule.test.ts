import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Writes are audited and announced by their domain's commands (`lib/<domain>/commands.ts`), never
 * by the HTTP edge: a route that did it by hand could forget one. This names what only a command
 * may use: the audit writer, the change bus, and the `…Changed()` announcements built on it.
 */
const COMMAND_ONLY = /\brecordAudit\b|\bpublishChange\b|@\/lib\/runtime\/changes|\b[a-z]\w*Changed\b/;

function sourcesUnder(directory: string): string[] {
  return readdirSync(path.join(root, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function importsOf(source: string): string[] {
  return source.match(/^import[\s\S]*?from\s+'[^']+';/gm) ?? [];
}

describe('the HTTP edge (app/api and lib/api)', () => {
  it('leaves auditing and change announcements to the domain commands', () => {
    const offenders = [...sourcesUnder('app/api'), ...sourcesUnder('lib/api')]
      .filter((file) => importsOf(readFileSync(path.join(root, file), 'utf8')).some((statement) => COMMAND_ONLY.test(statement)));
    expect(offenders).toEqual([]);
  });

  it('recognises each way a route could write an audit entry or announce a change by hand', () => {
    const byHand = [
      "import { recordAudit } from '@/lib/auth/audit';",
      "import { onChange, publishChange } from '@/lib/runtime/changes';",
      "import {\n  catalogChanged,\n} from '@/lib/serving/state';",
    ];
    expect(byHand.map((source) => importsOf(source).some((statement) => COMMAND_ONLY.test(statement)))).toEqual([true, true, true]);
    expect(importsOf("import { listAudit } from '@/lib/auth/audit';").some((statement) => COMMAND_ONLY.test(statement))).toBe(false);
  });
});
