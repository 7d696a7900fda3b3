import { AuditView } from '@/components/audit/audit-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsoleUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

export default async function AuditPage() {
  await requireConsoleUser('access:manage', '/audit');
  return (
    <>
      <PageHeader title="Audit log" subtitle="Who changed what: catalogue edits, curation, experiments, promotions, keys, users and settings." />
      <AuditView />
    </>
  );
}
