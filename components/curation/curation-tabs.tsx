'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/curation', label: 'Rules' },
  { href: '/curation/collections', label: 'Collections' },
  { href: '/curation/preview', label: 'Live preview' },
] as const;

export function CurationTabs() {
  const pathname = usePathname();
  return (
    <nav className="tabs" aria-label="Curation">
      {TABS.map((tab) => (
        <Link key={tab.href} href={tab.href} className="tab" aria-current={pathname === tab.href ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
