import { CurationTabs } from '@/components/curation/curation-tabs';
import { PreviewPanel } from '@/components/curation/preview-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsoleUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Curation preview' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CurationPreviewPage({ searchParams }: { searchParams: SearchParams }) {
  await requireConsoleUser('curation:read', '/curation/preview');
  const { user } = await searchParams;
  return (
    <>
      <PageHeader title="Curation" subtitle="A user's feed as it would be served now, with the rules and without them. Nothing is logged or cached." />
      <CurationTabs />
      <PreviewPanel initialUser={typeof user === 'string' ? user : 'user-00001'} />
    </>
  );
}
