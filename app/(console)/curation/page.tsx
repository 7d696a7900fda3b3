import { CurationTabs } from '@/components/curation/curation-tabs';
import { RulesPanel } from '@/components/curation/rules-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Curation' };

export default async function CurationPage() {
  const user = await requireConsoleUser('curation:read', '/curation');
  return (
    <>
      <PageHeader title="Curation" subtitle="Editorial rules layered over the ranked feed: pins, boosts, blocks and picks, for a segment and a time window." />
      <CurationTabs />
      <RulesPanel canWrite={can(user, 'curation:write')} />
    </>
  );
}
