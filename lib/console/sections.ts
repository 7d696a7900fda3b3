import { roleCan } from '@/lib/auth/permissions';
import type { Permission, Role } from '@/lib/auth/types';

/** The console's pages, each with the permission a role needs to open it. */
export const CONSOLE_SECTIONS = [
  { href: '/', label: 'Overview', permission: 'metrics:read' },
  { href: '/catalog', label: 'Catalog', permission: 'catalog:read' },
  { href: '/curation', label: 'Curation', permission: 'curation:read' },
  { href: '/experiments', label: 'Experiments', permission: 'experiments:read' },
  { href: '/explain', label: 'Explain', permission: 'feeds:explain' },
  { href: '/models', label: 'Models', permission: 'models:read' },
  { href: '/users', label: 'Users', permission: 'users:delete' },
  { href: '/settings', label: 'Settings', permission: 'settings:read' },
  { href: '/audit', label: 'Audit log', permission: 'access:manage' },
] as const satisfies readonly { href: string; label: string; permission: Permission }[];

export function sectionsFor(role: Role) {
  return CONSOLE_SECTIONS.filter((section) => roleCan(role, section.permission));
}
