import { useCallback } from 'react';
import type { MonthActivity } from '@pams/client-activities-data-access';
import { Link, VirtualList } from '@pams/client-ui';
import { ACTIVITY_TYPE_LABELS } from '@pams/shared-util';

export type RowFilter = { field: 'owner' | 'account' | 'project'; id: string };

interface ActivityTableProps {
  items: readonly MonthActivity[];
  label: string;
  /** Show whose activity each row is (any scope but "mine"). */
  showOwner: boolean;
  /** Clicking an owner, account or project narrows the list to it. */
  onFilter(filter: RowFilter): void;
  /** A checkbox column for acting on many rows; absent for viewers who may change nothing. */
  selection?: RowSelection;
}

/** The selection column's state, owned by the month view (it spans every row shown, not only the rendered window). */
export interface RowSelection {
  /** Whether a row gets a checkbox: only rows the viewer may change. */
  selectable(activity: MonthActivity): boolean;
  selected: ReadonlySet<string>;
  /** Selectable rows shown, and how many of them are selected (for "Select all shown"). */
  selectableCount: number;
  selectedCount: number;
  /** While the list is loading, refetching or failed: nothing may be selected from it. */
  disabled: boolean;
  toggle(activity: MonthActivity, on: boolean): void;
  toggleAll(on: boolean): void;
}

const ROW_HEIGHT = 40;

// Constant style objects: rows re-render while scrolling, their styles need not be rebuilt.
const COL = {
  select: { flex: '0 0 1.4rem', display: 'flex' },
  date: { flex: '0 0 6.5rem' },
  type: { flex: '0 0 10rem' },
  what: { flex: '1 1 14rem', minWidth: 0 },
  owner: { flex: '0 1 12rem', minWidth: 0 },
  effort: { flex: '0 0 5rem', textAlign: 'right' as const },
};

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: '2-digit', timeZone: 'UTC' });

function formatDay(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

/** How a row is named to assistive technology ("Select Team sync, Mon 05"). */
export function rowTitle(activity: MonthActivity): string {
  return titleOf(activity, formatDay(activity.date));
}

/** rowTitle with the row's day already formatted (each row formats it once). */
function titleOf(activity: MonthActivity, day: string): string {
  const what = activity.account ? [activity.account.name, activity.project?.name].filter(Boolean).join(' · ') : activity.name;
  return `${what ?? ACTIVITY_TYPE_LABELS[activity.type]}, ${day}`;
}

const activityKey = (activity: MonthActivity) => activity.id;

export function formatEffort(activity: Pick<MonthActivity, 'effortDays' | 'effortHours'>): string {
  if (activity.effortDays != null) return `${activity.effortDays} d`;
  if (activity.effortHours != null) return `${activity.effortHours} h`;
  return '—';
}

/** The month's activities as a windowed table: thousands of rows stay smooth (only visible rows are in the DOM). */
export function ActivityTable({ items, label, showOwner, onFilter, selection }: ActivityTableProps) {
  // The same function until the selection, the owner column or the filter action changes: scrolling then
  // renders only the rows that come into view, while a changed selection renders the rows shown again.
  const renderRow = useCallback(
    (activity: MonthActivity) => {
      const filterButton = (field: RowFilter['field'], ref: { id: string; name: string }) => (
        <button type="button" className="pams-link-button" title={`Only ${ref.name}`} onClick={() => onFilter({ field, id: ref.id })}>
          {ref.name}
        </button>
      );
      const day = formatDay(activity.date);
      return (
        <>
          {selection && (
            <span role="cell" style={COL.select}>
              {selection.selectable(activity) && (
                <input
                  type="checkbox"
                  aria-label={`Select ${titleOf(activity, day)}`}
                  disabled={selection.disabled}
                  checked={selection.selected.has(activity.id)}
                  onChange={(event) => selection.toggle(activity, event.target.checked)}
                />
              )}
            </span>
          )}
          <span role="cell" style={COL.date}>{day}</span>
          <span role="cell" style={COL.type}>
            {/* The type opens the form: every row is one keyboard stop away from editing. */}
            <Link href={`/activities/${activity.id}/edit`} title="Edit this activity">
              {ACTIVITY_TYPE_LABELS[activity.type]}
            </Link>
          </span>
          <span role="cell" style={COL.what}>
            {activity.account ? (
              <>
                {filterButton('account', activity.account)}
                {activity.project && <> · {filterButton('project', activity.project)}</>}
              </>
            ) : (
              activity.name
            )}
          </span>
          {showOwner && <span role="cell" style={COL.owner}>{filterButton('owner', activity.owner)}</span>}
          <span role="cell" style={COL.effort}>{formatEffort(activity)}</span>
        </>
      );
    },
    [selection, showOwner, onFilter],
  );
  return (
    <VirtualList
      items={items}
      rowHeight={ROW_HEIGHT}
      label={label}
      getKey={activityKey}
      header={
        <>
          {selection && (
            <span role="columnheader" style={COL.select}>
              <input
                type="checkbox"
                aria-label="Select all shown"
                data-testid="select-all"
                disabled={selection.disabled || selection.selectableCount === 0}
                checked={selection.selectableCount > 0 && selection.selectedCount === selection.selectableCount}
                ref={(input) => {
                  if (input) input.indeterminate = selection.selectedCount > 0 && selection.selectedCount < selection.selectableCount;
                }}
                onChange={(event) => selection.toggleAll(event.target.checked)}
              />
            </span>
          )}
          <span role="columnheader" style={COL.date}>Date</span>
          <span role="columnheader" style={COL.type}>Type</span>
          <span role="columnheader" style={COL.what}>Account · project / name</span>
          {showOwner && <span role="columnheader" style={COL.owner}>Owner</span>}
          <span role="columnheader" style={COL.effort}>Effort</span>
        </>
      }
      renderRow={renderRow}
    />
  );
}
