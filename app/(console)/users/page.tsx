import { PageHeader } from '@/components/ui/page-header';
import { UsersView } from '@/components/users/users-view';
import { requireConsoleUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Users' };

export default async function UsersPage() {
  await requireConsoleUser('users:delete', '/users');
  return (
    <>
      <PageHeader title="Users" subtitle="Find a user, export everything stored about them, or forget them." />
      <UsersView />
    </>
  );
}
