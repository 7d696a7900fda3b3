import { PageHeader } from '@/components/ui/page-header';
import { UsersView } from '@/components/users/users-view';
import { requireConsoleUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Users' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireConsoleUser('users:delete', '/users');
  const { user } = await searchParams;
  return (
    <>
      <PageHeader title="Users" subtitle="Find a user, export everything stored about them, or forget them." />
      <UsersView initialSelected={typeof user === 'string' && user !== '' ? user : null} />
    </>
  );
}
