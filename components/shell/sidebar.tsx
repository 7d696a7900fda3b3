import { NavLink } from './nav-link';

const SECTIONS = [
  { href: '/', label: 'Overview' },
  { href: '/catalog', label: 'Catalog' },
];

export function Sidebar({ build }: { build: string }) {
  return (
    <nav className="sidebar" aria-label="Console">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          T
        </span>
        Tailor
      </div>
      {SECTIONS.map((section) => (
        <NavLink key={section.href} href={section.href}>
          {section.label}
        </NavLink>
      ))}
      <div className="sidebar-footer">
        <a href="/api/v1/health" style={{ color: 'inherit' }}>
          API health
        </a>
        <div>build {build}</div>
      </div>
    </nav>
  );
}
