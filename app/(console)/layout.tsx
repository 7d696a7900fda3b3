import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { Sidebar } from '@/components/shell/sidebar';
import { currentConsoleUser } from '@/lib/auth/guard';
import { getConfig } from '@/lib/config';

// Each page checks its own permission too: a layout is not re-rendered on client navigation.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentConsoleUser();
  if (!user) redirect('/signin');
  return (
    <div className="shell">
      <Sidebar build={getConfig().build} user={user} />
      <main className="main">{children}</main>
    </div>
  );
}
