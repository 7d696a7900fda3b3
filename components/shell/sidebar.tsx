import type { Role } from '@/lib/auth/types';
import { sectionsFor } from '@/lib/console/sections';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

export function Sidebar({ build, user }: { build: string; user: { email: string; role: Role } }) {
  return (
    <nav className="sidebar" aria-label="Console">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          T
        </span>
        Tailor
      </div>
      {sectionsFor(user.role).map((section) => (
        <NavLink key={section.href} href={section.href}>
          {section.label}
        </NavLink>
      ))}
      <div className="sidebar-footer">
        <a href="/feed" style={{ color: 'inherit' }}>
          Demo feed ↗
        </a>
        <br />
        <a href="/docs" style={{ color: 'inherit' }}>
          API reference ↗
        </a>
        <br />
        <a href="/api/v1/health" style={{ color: 'inherit' }}>
          API health
        </a>
        <div>build {build}</div>
      </div>
      <div className="sidebar-user" data-testid="signed-in-user">
        <span className="role">{user.role}</span>
        <span>{user.email}</span>
        <SignOutButton />
      </div>
    </nav>
  );
}
