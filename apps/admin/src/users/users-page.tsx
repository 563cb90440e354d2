import { useState, type CSSProperties, type FormEvent } from 'react';
import { usePages, useQuery } from '@pams/client-graphql';
import { AdminRegionsDocument, AdminUsersDocument, type AdminUsersQuery } from '@pams/client-admin-data-access';
import { Link, navigate, useLocation } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { PagedTable } from '../shared/paged-table.js';
import { formatTime, humanize } from '../shared/format.js';
import { readUserParams, ROLES, userFilter, usersHref, type UserParams } from './user-params.js';

type User = AdminUsersQuery['adminUsers']['nodes'][number];

const PAGE_SIZE = 100;
const pageOf = (data: AdminUsersQuery) => data.adminUsers;
const grow = (minWidth: string): CSSProperties => ({ flex: '1 1 0', minWidth });
const fixed = (width: string): CSSProperties => ({ width, flex: 'none' });
const COLUMNS: [string, CSSProperties][] = [
  ['Name', grow('10rem')],
  ['Email', grow('12rem')],
  ['Role', fixed('6rem')],
  ['Status', fixed('6rem')],
  ['Regions', grow('8rem')],
  ['Last seen (UTC)', fixed('13rem')],
  ['Sessions', fixed('5rem')],
];

const renderRow = (u: User) => (
  <>
    <div role="cell" style={COLUMNS[0][1]}>
      <Link href={`/admin/users/${encodeURIComponent(u.id)}`}>{u.name}</Link>
    </div>
    <div role="cell" style={COLUMNS[1][1]} title={u.email}>
      {u.email}
    </div>
    <div role="cell" style={COLUMNS[2][1]}>
      {humanize(u.role)}
    </div>
    <div role="cell" style={COLUMNS[3][1]} className={u.status === 'DISABLED' ? 'pams-error-text' : undefined}>
      {humanize(u.status)}
    </div>
    <div role="cell" style={COLUMNS[4][1]}>
      {u.regions.map((r) => r.name).join(', ') || '—'}
    </div>
    <div role="cell" style={COLUMNS[5][1]}>
      {u.lastSeenAt ? formatTime(u.lastSeenAt) : 'never'}
    </div>
    <div role="cell" style={COLUMNS[6][1]}>
      {u.openSessionCount}
    </div>
  </>
);

/** The users command center's list: search and filters in the URL, keyset pages by name, virtualised. */
export function UsersPage() {
  const location = useLocation();
  const params = readUserParams(location.search);
  // One day for the whole visit: the "seen" filter's variables do not change under a page left open.
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const regions = useQuery(AdminRegionsDocument);
  const pages = usePages(AdminUsersDocument, { filter: userFilter(params, today), first: PAGE_SIZE }, pageOf);
  const go = (next: UserParams) => navigate(usersHref(next), { replace: true });
  const [q, setQ] = useState(params.q);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...params, q: q.trim() });
  };

  return (
    <section data-testid="users-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <AdminNav />
      <div className="pams-page-head">
        <h1>Users</h1>
        {pages.nodes && (
          <span className="pams-totals">
            {pages.nodes.length} shown{pages.hasMore ? ', more to load' : ''}
          </span>
        )}
      </div>
      <div className="pams-toolbar">
        <form onSubmit={submit} style={{ display: 'flex', gap: '.4rem', alignItems: 'flex-end' }} role="search">
          <label className="pams-field">
            Name or email
            <input className="pams-input" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          <button type="submit" className="pams-button">
            Search
          </button>
        </form>
        <label className="pams-field">
          Role
          <select className="pams-select" value={params.role} onChange={(e) => go({ ...params, role: e.target.value as UserParams['role'] })}>
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {humanize(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="pams-field">
          Region
          <select className="pams-select" value={params.region} onChange={(e) => go({ ...params, region: e.target.value })}>
            <option value="">Any region</option>
            {regions.data?.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="pams-field">
          Status
          <select className="pams-select" value={params.status} onChange={(e) => go({ ...params, status: e.target.value as UserParams['status'] })}>
            <option value="">Any status</option>
            <option value="ACTIVE">Active</option>
            <option value="DISABLED">Disabled</option>
          </select>
        </label>
        <label className="pams-field">
          Last seen
          <select className="pams-select" value={params.seen} onChange={(e) => go({ ...params, seen: e.target.value as UserParams['seen'] })}>
            <option value="">Any time</option>
            <option value="recent">In the last 30 days</option>
            <option value="stale">Not for 30 days (or never)</option>
          </select>
        </label>
      </div>
      <PagedTable
        pages={pages}
        what="users"
        label="Users"
        columns={COLUMNS}
        getKey={(u) => u.id}
        renderRow={renderRow}
        empty={
          <p className="pams-muted" data-testid="users-empty">
            No users match.
          </p>
        }
      />
    </section>
  );
}
