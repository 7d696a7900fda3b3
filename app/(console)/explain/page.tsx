import { PageHeader } from '@/components/ui/page-header';
import { ExplainView } from '@/components/explain/explain-view';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Explain' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExplainPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireConsoleUser('feeds:explain', '/explain');
  const { user } = await searchParams;
  return (
    <>
      <PageHeader title="Explain" subtitle="What a user sees, and why: their profile, live session and feed, item by item." />
      <ExplainView user={typeof user === 'string' && user.trim() !== '' ? user.trim() : null} canReadUsers={can(viewer, 'users:read')} />
    </>
  );
}
