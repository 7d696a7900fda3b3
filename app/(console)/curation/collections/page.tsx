import { CollectionsPanel } from '@/components/curation/collections-panel';
import { CurationTabs } from '@/components/curation/curation-tabs';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Collections' };

export default async function CollectionsPage() {
  const user = await requireConsoleUser('curation:read', '/curation/collections');
  return (
    <>
      <PageHeader title="Curation" subtitle="Collections of editor's picks: items added to every matching user's candidates, ranked with the rest." />
      <CurationTabs />
      <CollectionsPanel canWrite={can(user, 'curation:write')} />
    </>
  );
}
