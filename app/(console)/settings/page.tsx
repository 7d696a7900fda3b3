import Link from 'next/link';
import { ApiKeys } from '@/components/settings/api-keys';
import { ConsoleUsers } from '@/components/settings/console-users';
import { CacheAndDiversitySettings, EventWeightsSettings } from '@/components/settings/serving-settings';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

const TABS = [
  { key: 'weights', label: 'Event weights' },
  { key: 'serving', label: 'Cache & diversity' },
  { key: 'keys', label: 'API keys' },
  { key: 'users', label: 'Console users' },
] as const;
type Tab = (typeof TABS)[number]['key'];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireConsoleUser('settings:read', '/settings');
  const { tab: requested } = await searchParams;
  const tab: Tab = TABS.find((candidate) => candidate.key === requested)?.key ?? 'weights';
  const canWrite = can(user, 'settings:write');
  const canManageAccess = can(user, 'access:manage');
  return (
    <>
      <PageHeader title="Settings" subtitle="How events weigh, how serving caches and diversifies, and who may use the API and the console." />
      <nav className="tabs" aria-label="Settings sections">
        {TABS.map((candidate) => (
          <Link key={candidate.key} className="tab" href={`/settings?tab=${candidate.key}`} aria-current={candidate.key === tab ? 'page' : undefined}>
            {candidate.label}
          </Link>
        ))}
      </nav>
      {tab === 'weights' && <EventWeightsSettings canWrite={canWrite} />}
      {tab === 'serving' && <CacheAndDiversitySettings canWrite={canWrite} />}
      {tab === 'keys' && (canManageAccess ? <ApiKeys /> : <NoAccess />)}
      {tab === 'users' && (canManageAccess ? <ConsoleUsers currentUserId={user.id} /> : <NoAccess />)}
    </>
  );
}

function NoAccess() {
  return <div className="warn-box">Managing API keys and console users needs the admin role.</div>;
}
