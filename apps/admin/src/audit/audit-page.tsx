import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import { useLiveEvents, useLiveStatus, usePages } from '@pams/client-graphql';
import { AuditEventsDocument, type AuditEventsQuery } from '@pams/client-admin-data-access';
import { ErrorPanel, Loading, LoadMore, navigate, useLocation, VirtualList } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { ChangeDiff } from '../shared/change-diff.js';
import { formatTime } from '../shared/format.js';
import { AuditFilters } from './audit-filters.js';
import { auditFilter, auditHref, matchesAudit, readAuditParams, type AuditParams } from './audit-params.js';

type AuditEvent = AuditEventsQuery['auditEvents']['nodes'][number];

const PAGE_SIZE = 100;
const pageOf = (data: AuditEventsQuery) => data.auditEvents;
const cell = (width: string, grow = false): CSSProperties => (grow ? { flex: '1 1 0', minWidth: width } : { width, flex: 'none' });
const COLUMNS: [string, CSSProperties][] = [
  ['Time (UTC)', cell('13rem')],
  ['Action', cell('12rem', true)],
  ['Entity', cell('12rem', true)],
  ['Actor', cell('9rem')],
  ['Changes', cell('7rem')],
];

const go = (next: AuditParams, replace = false) => navigate(auditHref(next), { replace });

/** The audit history (libs/server/audit): filters in the URL, keyset "load more", the open event's field diffs. */
export function AuditPage() {
  const location = useLocation();
  const params = readAuditParams(location.search);
  const pages = usePages(AuditEventsDocument, { filter: auditFilter(params), first: PAGE_SIZE }, pageOf);
  const nodes = useLiveTail(params, pages.nodes, pages.retry);
  const liveStatus = useLiveStatus();
  const open = nodes?.find((e) => e.id === params.event);

  const renderRow = useCallback(
    (e: AuditEvent) => (
      <>
        <div role="cell" style={COLUMNS[0][1]}>
          {formatTime(e.occurredAt)}
        </div>
        <div role="cell" style={COLUMNS[1][1]} title={e.action}>
          {e.action}
        </div>
        <div role="cell" style={COLUMNS[2][1]} title={`${e.entityType} ${e.entityId ?? ''}`}>
          {e.entityType} {e.entityId ? <span className="pams-muted">{e.entityId.slice(0, 8)}</span> : null}
        </div>
        <div role="cell" style={COLUMNS[3][1]} title={e.actorId ?? e.actorKind}>
          {e.actorId ? e.actorId.slice(0, 8) : e.actorKind}
        </div>
        <div role="cell" style={COLUMNS[4][1]}>
          <button type="button" className="pams-link-button" onClick={() => go({ ...readAuditParams(new URLSearchParams(window.location.search)), event: e.id }, true)}>
            {e.changes.length === 1 ? '1 field' : `${e.changes.length} fields`}
          </button>
        </div>
      </>
    ),
    [],
  );

  return (
    <section data-testid="audit-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <AdminNav />
      <div className="pams-page-head">
        <h1>Audit history</h1>
        {nodes && (
          <span className="pams-totals" data-testid="audit-count">
            {nodes.length} event{nodes.length === 1 ? '' : 's'} shown{pages.hasMore ? ', more to load' : ''}
            {liveStatus === 'open' ? ' · new events appear as they happen' : ''}
          </span>
        )}
      </div>
      <AuditFilters params={params} onApply={(next) => go(next)} />
      {pages.error ? (
        <ErrorPanel title="The audit history could not be loaded" onRetry={pages.retry}>
          <p>{pages.error.message}</p>
        </ErrorPanel>
      ) : !nodes ? (
        <Loading label="Loading the audit history…" />
      ) : nodes.length === 0 ? (
        <p className="pams-muted" data-testid="audit-empty">
          No events match these filters.
        </p>
      ) : (
        <div style={{ display: 'flex', gap: '1rem', flex: 1, minHeight: 0 }}>
          <div style={{ display: 'flex', flex: '2 1 0', minWidth: 0 }}>
            <VirtualList
              items={nodes}
              rowHeight={36}
              label="Audit events"
              getKey={(e) => e.id}
              header={COLUMNS.map(([name, style]) => (
                <div role="columnheader" key={name} style={style}>
                  {name}
                </div>
              ))}
              renderRow={renderRow}
              footer={pages.hasMore && <LoadMore pages={pages} what="events" />}
            />
          </div>
          <aside style={{ flex: '1 1 0', minWidth: '16rem', overflow: 'auto' }} aria-label="Event changes" data-testid="audit-event">
            {open ? (
              <div className="pams-panel">
                <h2>{open.action}</h2>
                <p className="pams-muted">
                  {formatTime(open.occurredAt)} · {open.entityType} {open.entityId} · by {open.actorId ?? open.actorKind}
                  {open.requestId ? ` · request ${open.requestId}` : ''}
                </p>
                <ChangeDiff changes={open.changes} label={`Changes of event ${open.id}`} />
              </div>
            ) : (
              <p className="pams-muted">Choose an event’s changes to see them field by field.</p>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}

/**
 * The live tail: events committed since the first page was read that match the filters, newest first,
 * above the pages (an event both streamed and in a later-read page shows once). A RESET from the stream
 * means some were missed: the first page is read again and the tail starts over.
 */
function useLiveTail(params: AuditParams, paged: readonly AuditEvent[] | undefined, refetch: () => void): readonly AuditEvent[] | undefined {
  // Keyed by the filters only: a page read again (or loaded later) that holds a streamed event shows it once.
  const key = auditHref({ ...params, event: '' });
  const [tail, setTail] = useState<{ key: string; events: AuditEvent[] }>({ key, events: [] });
  const current = tail.key === key ? tail.events : NO_EVENTS;
  const loaded = paged !== undefined;
  useLiveEvents((message) => {
    if (message.kind === 'RESET') {
      setTail({ key, events: [] });
      refetch();
      return;
    }
    const e = message.event;
    if (message.kind !== 'EVENT' || !e || !loaded || !matchesAudit(params, e)) return;
    const event: AuditEvent = {
      id: e.id,
      occurredAt: e.occurredAt,
      action: e.action,
      actorId: e.actorId ?? null,
      actorKind: e.actorKind,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      requestId: e.requestId ?? null,
      changes: e.changes.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null })),
    };
    setTail((t) => ({ key, events: [event, ...(t.key === key ? t.events : [])] }));
  });
  return useMemo(() => {
    if (!paged) return undefined;
    if (current.length === 0) return paged;
    const seen = new Set(current.map((e) => e.id));
    return [...current, ...paged.filter((e) => !seen.has(e.id))];
  }, [current, paged]);
}

const NO_EVENTS: AuditEvent[] = [];
