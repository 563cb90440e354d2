import { useQuery } from '@pams/client-graphql';
import { ActivitiesBootstrapDocument, monthActivities, MonthActivitiesDocument, type MonthActivity } from '@pams/client-activities-data-access';
import { ErrorPanel, Link, Loading, navigate, useLocation } from '@pams/client-ui';
import { BUILD_LABEL } from '../build-label.js';
import { ActivityTable, type RowFilter } from './activity-table.js';
import { MonthFilters, monthTitle } from './month-filters.js';
import { monthHref, monthOf, monthVariables, readMonthParams, type MonthParams } from './month-params.js';

const FILTER_NAMES: Record<RowFilter['field'], string> = { owner: 'Owner', account: 'Account', project: 'Project' };

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
