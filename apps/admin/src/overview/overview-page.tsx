import { useQuery } from '@pams/client-graphql';
import { AdminOverviewDocument } from '@pams/client-admin-data-access';
import { ErrorPanel, Link, Loading } from '@pams/client-ui';
import { auditHref, readAuditParams } from '../audit/audit-params.js';
import { AdminNav } from '../shared/admin-nav.js';
import { formatTime } from '../shared/format.js';

/** A count read from a list capped at 200 (the API has no count queries yet). */
const count = (list: { nodes: readonly unknown[]; pageInfo: { hasNextPage: boolean } }) => `${list.nodes.length}${list.pageInfo.hasNextPage ? '+' : ''}`;
const NO_FILTER = readAuditParams(new URLSearchParams());

/** Admins' landing page: user, scheduled-action, job-queue and failed-mail counts, their notifications, the latest audit events. */
export function OverviewPage() {
  const { data, error, refetch } = useQuery(AdminOverviewDocument);
  return (
    <section data-testid="admin-overview">
      <AdminNav />
      <div className="pams-page-head">
        <h1>Admin overview</h1>
      </div>
      {error && !data ? (
        <ErrorPanel title="The overview could not be loaded" onRetry={() => void refetch()}>
          <p>{error.message}</p>
        </ErrorPanel>
      ) : !data ? (
        <Loading label="Loading the overview…" />
      ) : (
        <>
          <dl style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', margin: '0 0 1rem' }} data-testid="admin-counts">
            {[
              { label: 'Active users', value: count(data.activeUsers), href: '/admin/users?status=ACTIVE' },
              { label: 'Disabled users', value: count(data.disabledUsers), href: '/admin/users?status=DISABLED' },
              { label: 'Scheduled actions pending', value: count(data.pendingCommands), href: '/admin/scheduled?status=PENDING' },
              { label: 'Jobs waiting or running', value: String(data.jobs.waiting + data.jobs.running), href: '/admin/scheduled?status=PENDING' },
              { label: 'Jobs that failed', value: String(data.jobs.failed), href: auditHref({ ...NO_FILTER, action: 'job.failed' }) },
              { label: 'Mails that failed', value: count(data.failedMails), href: '/admin/mail?status=FAILED' },
              { label: 'Your unread notifications', value: String(data.unreadNotificationCount), href: '/notifications' },
            ].map((figure) => (
              <div key={figure.label} className="pams-panel" style={{ minWidth: '11rem', padding: '.7rem 1rem' }}>
                <dt className="pams-muted">{figure.label}</dt>
                <dd style={{ margin: 0, fontSize: '1.6rem', fontWeight: 600 }}>
                  <Link href={figure.href} style={{ textDecoration: 'none' }}>
                    {figure.value}
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
          <h2>Your latest notifications</h2>
          {data.myNotifications.nodes.length === 0 ? (
            <p className="pams-muted">None: failed jobs and unusual sign-ins are reported here and by mail.</p>
          ) : (
            <ul aria-label="Latest notifications" style={{ listStyle: 'none', padding: 0, margin: '0 0 .6rem' }}>
              {data.myNotifications.nodes.map((n) => (
                <li key={n.id} style={{ padding: '.25rem 0', borderBottom: '1px solid var(--pams-line)' }}>
                  <span className="pams-muted">{formatTime(n.createdAt)}</span> · {n.readAt ? n.subject : <strong>{n.subject}</strong>}
                </li>
              ))}
            </ul>
          )}
          <h2>Recent events</h2>
          {data.recentEvents.nodes.length === 0 ? (
            <p className="pams-muted">Nothing recorded yet.</p>
          ) : (
            <ul aria-label="Recent events" style={{ listStyle: 'none', padding: 0, margin: '0 0 .6rem' }}>
              {data.recentEvents.nodes.map((e) => (
                <li key={e.id} style={{ padding: '.25rem 0', borderBottom: '1px solid var(--pams-line)' }}>
                  <span className="pams-muted">{formatTime(e.occurredAt)}</span> · <strong>{e.action}</strong> · {e.entityType}{' '}
                  {e.entityId && <Link href={auditHref({ ...NO_FILTER, entityType: e.entityType, entityId: e.entityId })}>{e.entityId.slice(0, 8)}</Link>}
                </li>
              ))}
            </ul>
          )}
          <Link href="/admin/audit">The whole audit history</Link>
        </>
      )}
    </section>
  );
}
