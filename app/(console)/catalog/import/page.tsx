import Link from 'next/link';
import { ImportPanel } from '@/components/catalog/import-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsoleUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Import items' };

export default async function ImportPage() {
  await requireConsoleUser('catalog:write', '/catalog/import');
  return (
    <>
      <div className="subtle" style={{ marginBottom: 8 }}>
        <Link href="/catalog">← Catalog</Link>
      </div>
      <PageHeader title="Import items" subtitle="Create or replace many items at once from a CSV or NDJSON file." />
      <ImportPanel />
    </>
  );
}
