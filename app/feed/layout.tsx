import type { ReactNode } from 'react';
import { FeedProvider } from '@/components/feed/feed-provider';
import { FeedDisabled, FeedShell } from '@/components/feed/feed-shell';
import { FeedToast } from '@/components/feed/feed-toast';
import { ViewerBadge } from '@/components/feed/viewer-badge';
import { getConnection } from '@/db';
import { featuredDemoUsers, feedAccess } from '@/lib/feed/access';

export const metadata = { title: { default: 'Tailor TV', template: '%s · Tailor TV' } };

/** Public, outside the console: no sign-in, no sidebar; the browser talks to the public API itself. */
export default async function FeedLayout({ children }: { children: ReactNode }) {
  const conn = await getConnection();
  const access = await feedAccess(conn);
  if (access.kind === 'disabled') {
    return (
      <FeedShell>
        <FeedDisabled />
      </FeedShell>
    );
  }
  const demoUsers = access.kind === 'key' ? await featuredDemoUsers(conn) : [];
  return (
    <FeedProvider apiKey={access.kind === 'key' ? access.key : null} demoUsers={demoUsers}>
      <FeedShell viewer={<ViewerBadge />}>{children}</FeedShell>
      <FeedToast />
    </FeedProvider>
  );
}
