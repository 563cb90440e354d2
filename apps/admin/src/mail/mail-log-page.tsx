import { useCallback, useState, type CSSProperties } from 'react';
import { usePages, useQuery } from '@pams/client-graphql';
import { MailLogDocument, MailMessageDocument, type MailLogQuery, type MailStatus } from '@pams/client-admin-data-access';
import { Loading, navigate, useLocation } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { PagedTable } from '../shared/paged-table.js';
import { formatTime, humanize } from '../shared/format.js';

type Mail = MailLogQuery['mailLog']['nodes'][number];

const STATUSES: readonly MailStatus[] = ['PENDING', 'SENT', 'FAILED'];
const pageOf = (data: MailLogQuery) => data.mailLog;
const fixed = (width: string): CSSProperties => ({ width, flex: 'none' });
const grow = (minWidth: string): CSSProperties => ({ flex: '1 1 0', minWidth });
const COLUMNS: [string, CSSProperties][] = [
  ['Queued (UTC)', fixed('13rem')],
  ['To', grow('10rem')],
  ['Subject', grow('14rem')],
  ['Status', fixed('6rem')],
  ['Tries', fixed('4rem')],
  ['Sent (UTC) or last error', grow('10rem')],
];

function mailHref(status: MailStatus | null, to: string): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (to) params.set('to', to);
  const query = params.toString();
  return query ? `/admin/mail?${query}` : '/admin/mail';
}

/** The outbox as a log (P-016): what was sent to whom, what waits, what failed; a row opens its message. */
export function MailLogPage() {
  const location = useLocation();
  const raw = location.search.get('status');
  const status = STATUSES.includes(raw as MailStatus) ? (raw as MailStatus) : null;
  const to = location.search.get('to') ?? '';
  const [typed, setTyped] = useState(to);
  const pages = usePages(MailLogDocument, { filter: { status, to: to || null }, first: 100 }, pageOf);
  const [open, setOpen] = useState<Mail | null>(null);

  const renderRow = useCallback(
    (m: Mail) => (
      <>
        <div role="cell" style={COLUMNS[0][1]}>
          {formatTime(m.createdAt)}
        </div>
        <div role="cell" style={COLUMNS[1][1]} title={m.to}>
          {m.to}
        </div>
        <div role="cell" style={COLUMNS[2][1]} title={m.subject}>
          <button type="button" className="pams-link-button" onClick={() => setOpen(m)}>
            {m.subject}
          </button>
        </div>
        <div role="cell" style={COLUMNS[3][1]}>
          {humanize(m.status)}
        </div>
        <div role="cell" style={COLUMNS[4][1]}>
          {m.attempts}
        </div>
        <div role="cell" style={COLUMNS[5][1]} title={m.lastError ?? ''} className={m.status === 'FAILED' ? 'pams-error-text' : undefined}>
          {m.sentAt ? formatTime(m.sentAt) : (m.lastError ?? '—')}
        </div>
      </>
    ),
    [],
  );

  return (
    <section data-testid="mail-log-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <AdminNav />
      <div className="pams-page-head">
        <h1>Mail log</h1>
      </div>
      <form
        className="pams-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(mailHref(status, typed.trim()), { replace: true });
        }}
      >
        <label className="pams-field">
          Status
          <select className="pams-select" value={status ?? ''} onChange={(e) => navigate(mailHref((e.target.value || null) as MailStatus | null, to), { replace: true })}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="pams-field">
          Recipient contains
          <input className="pams-input" value={typed} maxLength={254} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="pams-button">
          Find
        </button>
      </form>
      <PagedTable
        pages={pages}
        what="mails"
        label="Mail log"
        columns={COLUMNS}
        getKey={(m) => m.id}
        renderRow={renderRow}
        empty={<p className="pams-muted">No mail{status || to ? ' matches these filters' : ' yet'}.</p>}
      />
      {open && <MailMessagePanel mail={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

/** One mail's message as the development transport wrote it, or why it cannot be shown. */
function MailMessagePanel({ mail, onClose }: { mail: Mail; onClose: () => void }) {
  const { data, error, loading } = useQuery(MailMessageDocument, { variables: { id: mail.id }, fetchPolicy: 'network-only' });
  const message = data?.mailMessage;
  return (
    <div className="pams-panel" role="dialog" aria-label={`Message: ${mail.subject}`} data-testid="mail-message" style={{ maxWidth: 'none', marginTop: '.8rem' }}>
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'baseline' }}>
        <strong style={{ flex: 1 }}>{mail.subject}</strong>
        <button type="button" className="pams-button pams-button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {loading ? (
        <Loading label="Loading the message…" />
      ) : error ? (
        <p className="pams-error-text">The message could not be loaded: {error.message}</p>
      ) : !message ? (
        <p className="pams-muted">This mail is no longer in the outbox.</p>
      ) : message.source ? (
        <pre style={{ whiteSpace: 'pre-wrap', maxHeight: '50vh', overflow: 'auto', fontSize: '.8rem' }} data-testid="mail-source">
          {message.source}
        </pre>
      ) : (
        <p className="pams-muted">{message.unavailable}</p>
      )}
    </div>
  );
}
