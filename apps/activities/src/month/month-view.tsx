import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@pams/client-graphql';
import {
  ActivitiesBootstrapDocument,
  monthActivities,
  MonthActivitiesDocument,
  type ActivitiesBootstrapQuery,
  type MonthActivity,
} from '@pams/client-activities-data-access';
import { ErrorPanel, Link, Loading, navigate, useLocation } from '@pams/client-ui';
import { mayWriteActivity, monthDays, WRITER_ROLES, type Role } from '@pams/shared-util';
import { BUILD_LABEL } from '../build-label.js';
import { ActivityTable, rowTitle, type RowFilter, type RowSelection } from './activity-table.js';
import { useLiveMonth } from './live-month.js';
import { MonthFilters, monthTitle } from './month-filters.js';
import { monthHref, monthOf, monthVariables, readMonthParams, type MonthParams } from './month-params.js';

const FILTER_NAMES: Record<RowFilter['field'], string> = { owner: 'Owner', account: 'Account', project: 'Project' };

// The toolbar, confirmations and batch handling load only once a row is selected (first-load budget).
const BulkDeleteBar = lazy(() => import('./bulk-delete.js').then((m) => ({ default: m.BulkDeleteBar })));

type Viewer = ActivitiesBootstrapQuery['bootstrap']['viewer'];
const NONE: ReadonlySet<string> = new Set();

/**
 * Whether the viewer may change a row, by the gateway's own rule (mayWriteActivity). Null: the viewer
 * changes nothing, so there is no selection.
 */
function editRule(viewer: Viewer | undefined): ((activity: MonthActivity) => boolean) | null {
  if (!viewer || !WRITER_ROLES.includes(viewer.role as Role)) return null;
  const writer = { ...viewer, role: viewer.role as Role };
  return (a) => mayWriteActivity(writer, { ownerId: a.owner.id, regionId: a.region?.id ?? null });
}

/** One month of activities, newest first, with filters and totals (P-002, P-009). */
export function MonthView() {
  const location = useLocation();
  const currentMonth = monthOf(new Date());
  const params = readMonthParams(location.search, currentMonth);
  const month = useQuery(MonthActivitiesDocument, { variables: monthVariables(params) });
  const bootstrap = useQuery(ActivitiesBootstrapDocument);

  const go = (next: MonthParams, options?: { replace?: boolean }) => navigate(monthHref(next, currentMonth), options);
  // While another month or filter loads, keep showing the last list, dimmed, rather than blanking it.
  const shown = month.data ?? month.previousData;
  const items = shown ? monthActivities(shown.activities.items) : undefined;
  const title = monthTitle(params.month);
  const chips = (['owner', 'account', 'project'] as const).filter((field) => params[field]);

  // The selection belongs to one month and filter: changing either drops it (coming back does not restore it).
  const listKey = JSON.stringify(monthVariables(params));
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: listKey, ids: NONE });
  const [status, setStatus] = useState<{ key: string; text: string } | null>(null);
  // A bulk confirmation or answer is open: the selection it is about stays as it is until it closes.
  const [panelOpen, setPanelOpen] = useState(false);
  if (selection.key !== listKey) setSelection({ key: listKey, ids: NONE });
  const selectedIds = selection.key === listKey ? selection.ids : NONE;
  // Never act on a list that failed to load or is still (re)loading: "a client never saves what it failed to load".
  const settled = !!month.data && !month.error && !month.loading;
  const canEdit = useMemo(() => editRule(bootstrap.data?.bootstrap.viewer), [bootstrap.data]);
  const selectable = useMemo(() => (canEdit && items ? items.filter(canEdit) : []), [canEdit, items]);
  const selectedRows = useMemo(() => selectable.filter((a) => selectedIds.has(a.id)), [selectable, selectedIds]);
  const select = (ids: ReadonlySet<string>) => {
    setSelection({ key: listKey, ids });
    setStatus(null);
  };
  const rowSelection: RowSelection | undefined = canEdit
    ? {
        selectable: canEdit,
        selected: selectedIds,
        selectableCount: selectable.length,
        selectedCount: selectedRows.length,
        disabled: !settled || panelOpen,
        toggle(activity, on) {
          const ids = new Set(selectedIds);
          if (on) ids.add(activity.id);
          else ids.delete(activity.id);
          select(ids);
        },
        toggleAll: (on) => select(on ? new Set(selectable.map((a) => a.id)) : NONE),
      }
    : undefined;
  const shownIds = useMemo(() => new Set(items?.map((a) => a.id) ?? []), [items]);
  const live = useLiveMonth({ month: params.month, shownIds, held: selectedRows.length > 0 || panelOpen, refetch: month.refetch });
  const statusText = status?.key === listKey ? status.text : null;
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (statusText) statusRef.current?.focus();
  }, [statusText]);

  return (
    <section data-testid="month-view" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div className="pams-page-head">
        <h1>Activities · {title}</h1>
        {shown && (
          <span className="pams-totals" data-testid="month-totals">
            {shown.activities.totals.count} activities · {shown.activities.totals.days} days · {shown.activities.totals.hours} hours
          </span>
        )}
        <Link href="/activities/new" className="pams-button" data-testid="new-activity">
          New activity
        </Link>
        <Link href="/activities/drafts">Drafts</Link>
        <Link href="/accounts">Accounts</Link>
        <a
          href={`/calendar/activities.ics?from=${monthDays(params.month).first}&to=${monthDays(params.month).last}`}
          download
          data-testid="month-calendar"
          title="Your own activities of this month as an .ics file for your calendar"
        >
          Add my month to a calendar
        </a>
        <span className="pams-muted" data-testid="activities-build" title="Build of the activities module">
          build {BUILD_LABEL}
        </span>
      </div>
      <MonthFilters params={params} bootstrap={bootstrap.data?.bootstrap ?? null} onChange={go} />
      {chips.length > 0 && (
        <div className="pams-chips">
          {chips.map((field) => (
            <span className="pams-chip" key={field}>
              {FILTER_NAMES[field]}: {chipLabel(items, field, params[field]!)}
              <button type="button" aria-label={`Remove the ${field} filter`} onClick={() => go({ ...params, [field]: undefined })}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <p role="status" ref={statusRef} tabIndex={-1} data-testid="bulk-status" style={{ margin: statusText ? '0 0 .6rem' : 0 }}>
        {statusText}
      </p>
      {live.pending && (
        <p className="pams-panel" role="status" data-testid="month-changed" style={{ margin: '0 0 .6rem', maxWidth: 'none' }}>
          This month changed elsewhere; the list updates when the selection is cleared.{' '}
          <button type="button" className="pams-link-button" disabled={panelOpen} onClick={live.refresh}>
            Refresh now
          </button>
        </p>
      )}
      {selectedRows.length > 0 && (
        <Suspense fallback={<div className="pams-toolbar">{selectedRows.length} selected</div>}>
          <BulkDeleteBar
            rows={selectedRows}
            disabled={!settled}
            onPanel={setPanelOpen}
            rowTitle={rowTitle}
            onClear={() => select(NONE)}
            onDone={(text) => {
              select(NONE);
              setStatus({ key: listKey, text });
            }}
          />
        </Suspense>
      )}
      {month.error && !month.loading ? (
        // Never show a failed read as an empty month (PRODUCT.md, "Never again").
        <ErrorPanel title={`The activities of ${title} could not be loaded`} onRetry={() => void month.refetch()}>
          <p>{month.error.message}</p>
        </ErrorPanel>
      ) : !items ? (
        <Loading label={`Loading ${title}…`} />
      ) : items.length === 0 && !month.loading ? (
        <p className="pams-muted" data-testid="month-empty">
          No activities in {title} match these filters.
        </p>
      ) : (
        <div className={month.loading ? 'pams-stale' : undefined} style={{ display: 'flex', flex: 1, minHeight: 0 }} aria-busy={month.loading}>
          <ActivityTable
            items={items}
            label={`Activities of ${title}`}
            showOwner={params.scope !== 'MINE'}
            onFilter={(filter) => go({ ...params, [filter.field]: filter.id, ...(filter.field === 'owner' ? { scope: 'ALL' as const } : {}) })}
            selection={rowSelection}
          />
        </div>
      )}
    </section>
  );
}

/** The name behind a filter id, from the rows it selects (every row has it). */
function chipLabel(items: readonly MonthActivity[] | undefined, field: RowFilter['field'], id: string): string {
  const ref = items?.map((item) => item[field]).find((value) => value?.id === id);
  return ref?.name ?? 'selected';
}
