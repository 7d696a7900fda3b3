import type { ReactNode } from 'react';
import { Sidebar } from '@/components/shell/sidebar';
import { getConfig } from '@/lib/config';

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <Sidebar build={getConfig().build} />
      <main className="main">{children}</main>
    </div>
  );
}
