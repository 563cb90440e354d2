import { useState } from 'react';
import { useQuery } from '@pams/client-graphql';
import { AdminRegionsDocument, AdminUserDocument, scheduledCommands, userProfile, type CommandOutcome } from '@pams/client-admin-data-access';
import { ErrorPanel, Link, Loading, Notice } from '@pams/client-ui';
import type { RemoteRouteProps } from '@pams/shared-remote-contract';
import { AdminNav } from '../shared/admin-nav.js';
import { ChangeDiff } from '../shared/change-diff.js';
import { formatTime, humanize } from '../shared/format.js';
import { ScheduledList } from '../scheduled/scheduled-list.js';
import { CommandDialog } from './command-dialog.js';
import { COMMANDS, type CommandSpec } from './command-specs.js';

/** What a command's answer means, in one sentence. */
function outcomeText(outcome: CommandOutcome): string {
  switch (outcome.kind) {
    case 'done':
      return outcome.message;
    case 'scheduled':
      return `${humanize(outcome.command.kind)} scheduled for ${formatTime(outcome.command.runAt)}; it can be cancelled until then.`;
    case 'conflict':
      return `Nothing was done: someone changed ${outcome.current.name} meanwhile. The page now shows them as they are; check and try again.`;
    case 'refused':
      return outcome.message;
  }
}

/** One user's drilldown (`/admin/users/:userId`): profile, commands (each confirmed), scheduled ones, reviews, events. */
export function UserPage({ params }: RemoteRouteProps) {
  const id = params.userId ?? '';
  const { data, error, refetch } = useQuery(AdminUserDocument, { variables: { id } });
  const regions = useQuery(AdminRegionsDocument);
  const [command, setCommand] = useState<CommandSpec | null>(null);
  const [last, setLast] = useState<CommandOutcome | null>(null);

  if (error && !data) {
    return (
      <ErrorPanel title="This user could not be loaded" onRetry={() => void refetch()}>
        <p>{error.message}</p>
      </ErrorPanel>
    );
  }
  if (!data) return <Loading label="Loading the user…" />;
  if (!data.adminUser) {
    return (
      <section>
        <AdminNav />
        <Notice title="No such user">
          <p>There is no user with the id {id}.</p>
          <Link href="/admin/users">All users</Link>
        </Notice>
      </section>
    );
  }
  const detail = data.adminUser;
  const user = userProfile(detail.user);
  const scheduled = scheduledCommands(detail.scheduledCommands);

  return (
    <section data-testid="user-page" style={{ overflow: 'auto' }}>
      <AdminNav />
      <div className="pams-page-head">
        <h1>{user.name}</h1>
        <span className={user.status === 'DISABLED' ? 'pams-error-text' : 'pams-muted'} data-testid="user-status">
          {humanize(user.status)}
        </span>
        <Link href="/admin/users">All users</Link>
      </div>
      <dl style={{ display: 'grid', gridTemplateColumns: '12rem 1fr', gap: '.2rem .8rem', margin: '0 0 1rem', maxWidth: '46rem' }}>
        <dt className="pams-muted">Email</dt>
        <dd style={{ margin: 0 }}>{user.email}</dd>
        <dt className="pams-muted">Role</dt>
        <dd style={{ margin: 0 }} data-testid="user-role">
          {humanize(user.role)}
        </dd>
        <dt className="pams-muted">Regions</dt>
        <dd style={{ margin: 0 }}>{user.regions.map((r) => (r.id === user.defaultRegionId ? `${r.name} (default)` : r.name)).join(', ') || '—'}</dd>
        <dt className="pams-muted">Last seen</dt>
        <dd style={{ margin: 0 }}>{user.lastSeenAt ? formatTime(user.lastSeenAt) : 'never signed in'}</dd>
        <dt className="pams-muted">Open sessions</dt>
        <dd style={{ margin: 0 }}>{user.openSessionCount}</dd>
        <dt className="pams-muted">Last logged an activity</dt>
        <dd style={{ margin: 0 }}>{user.lastLoggedDate ?? '—'}</dd>
        <dt className="pams-muted">Must change password</dt>
        <dd style={{ margin: 0 }}>{user.mustChangePassword ? 'yes' : 'no'}</dd>
        <dt className="pams-muted">Created</dt>
        <dd style={{ margin: 0 }}>{formatTime(user.createdAt)}</dd>
      </dl>
      <div className="pams-toolbar" role="group" aria-label="Commands">
        {COMMANDS.filter((c) => c.offered(user)).map((c) => (
          <button key={c.kind} type="button" className={c.kind === 'DISABLE' ? 'pams-button' : 'pams-button pams-button-quiet'} onClick={() => setCommand(c)}>
            {c.label}
          </button>
        ))}
      </div>
      {last && (
        <p role="status" data-testid="command-outcome" className={last.kind === 'conflict' ? 'pams-error-text' : undefined}>
          {outcomeText(last)}
        </p>
      )}
      {command && (
        <CommandDialog
          spec={command}
          user={user}
          regions={regions.data?.regions ?? []}
          onCancel={() => setCommand(null)}
          onDone={(outcome) => {
            setCommand(null);
            setLast(outcome);
            // Sessions, events and scheduled commands changed too: read the drilldown again.
            void refetch();
          }}
        />
      )}
      <h2>Scheduled commands</h2>
      <ScheduledList commands={scheduled} showTarget={false} onChanged={() => void refetch()} />
      {detail.reviewTasks.length > 0 && (
        <>
          <h2>Reviews</h2>
          <ul>
            {detail.reviewTasks.map((t) => (
              <li key={t.id}>
                {t.title} · due {t.dueDate} · priority {t.priority} · {humanize(t.status)} · supervised by {t.supervisor.name}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Latest events about {user.name}</h2>
      {detail.recentEvents.length === 0 ? (
        <p className="pams-muted">None recorded.</p>
      ) : (
        detail.recentEvents.map((e) => (
          <details key={e.id} style={{ marginBottom: '.4rem' }}>
            <summary>
              {formatTime(e.occurredAt)} · <strong>{e.action}</strong> · {e.changes.length} field{e.changes.length === 1 ? '' : 's'}
            </summary>
            <ChangeDiff changes={e.changes} label={`Changes of event ${e.id}`} />
          </details>
        ))
      )}
      <p>
        <Link href={`/admin/audit?entityType=User&entityId=${encodeURIComponent(user.id)}`}>Full audit history of this user</Link>
      </p>
    </section>
  );
}
