import { Link, useLocation } from '@pams/client-ui';
import { isUnder } from '@pams/shared-remote-contract';
import { BUILD_LABEL } from '../build-label.js';

const SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/audit', label: 'Audit history' },
  { href: '/admin/reference', label: 'Reference data' },
  { href: '/admin/scheduled', label: 'Scheduled actions' },
  { href: '/admin/mail', label: 'Mail log' },
  { href: '/admin/health', label: 'Health' },
  { href: '/admin/backups', label: 'Backups' },
  { href: '/admin/legacy-import', label: 'Legacy import' },
];

/** The admin console's own sections; the current one is marked. */
export function AdminNav() {
  const { pathname } = useLocation();
  const current = SECTIONS.filter((s) => isUnder(s.href, pathname)).at(-1);
  return (
    <nav aria-label="Admin sections" className="pams-chips">
      {SECTIONS.map((section) => (
        <Link key={section.href} href={section.href} className="pams-chip" style={{ padding: '.15rem .6rem', textDecoration: 'none' }} aria-current={section === current ? 'page' : undefined}>
          {section === current ? <strong>{section.label}</strong> : section.label}
        </Link>
      ))}
      <span className="pams-muted" data-testid="admin-build" style={{ marginLeft: 'auto', fontSize: '.8rem' }}>
        build {BUILD_LABEL}
      </span>
    </nav>
  );
}
