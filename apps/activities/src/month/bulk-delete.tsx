import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useApolloClient, useMutation } from '@pams/client-graphql';
import {
  DeleteActivitiesDocument,
  DiscardDraftDocument,
  type ActivityChangeInput,
  type DeleteActivitiesMutation,
  type MonthActivity,
} from '@pams/client-activities-data-access';
import { Link } from '@pams/client-ui';
import { forgetActivities, forgetDrafts } from '../edit/month-cache.js';
import { ConfirmPanel, escapeKey } from '../shared/confirm-panel.js';

type Answer = DeleteActivitiesMutation['saveActivities'];
type RowResult = Extract<Answer, { __typename: 'ActivityBatchResult' }>['results'][number];

/** A selected row the server refused, and what the user is told about it. */
interface Problem {
  row: MonthActivity;
  text: string;
}

/** Selected rows a refused pass leaves undeleted: deletes kept as drafts (changed meanwhile), and the rest. */
interface Left {
  drafts: number;
  other: number;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm'; rows: readonly MonthActivity[] }
  /** More deletes than the server's threshold: an explicit, audited confirmation (PRODUCT.md "Never again"). */
  | { kind: 'audit'; rows: readonly MonthActivity[]; count: number }
  /** An all-or-nothing batch with refused rows: nothing was deleted; the others may go on their own. */
  | { kind: 'refused'; rows: readonly MonthActivity[]; problems: Problem[]; others: MonthActivity[]; confirmed: boolean; left: Left }
  | { kind: 'error'; rows: readonly MonthActivity[]; message: string };

export interface BulkDeleteBarProps {
  /** The selected rows (the viewer may change each), in list order, with the versions the list read. */
  rows: readonly MonthActivity[];
  /** The list is loading, refetching or failed: nothing may be sent from it. */
  disabled: boolean;
  /**
   * A confirmation or an answer is open (true) or not (false): while one is, the selection must not
   * change under it (its rows and versions are what it sends).
   */
  onPanel(open: boolean): void;
  onClear(): void;
  /** The batch applied: the rows are gone from the cache; `message` is the status to show. */
  onDone(message: string): void;
  /** How a row is named (passed in, so this lazy chunk does not pull the table's module apart). */
  rowTitle(row: MonthActivity): string;
}

const CONFIRM_STYLE = { marginBottom: '.8rem' };

function plural(count: number): string {
  return `${count} ${count === 1 ? 'activity' : 'activities'}`;
}

/** The same rows at the same versions: a re-read row is another row to delete. */
function sameRows(a: readonly MonthActivity[], b: readonly MonthActivity[]): boolean {
  return a.length === b.length && a.every((row, i) => row.id === b[i].id && row.version === b[i].version);
}

/** Why a row was refused, in the words of the list ("changed by someone else", "not allowed"). */
function describe(result: RowResult): string {
  const error = result.error;
  switch (error?.__typename) {
    case 'VersionConflict':
      return error.current.deletedAt
        ? 'already deleted by someone else'
        : 'changed by someone else since the list was read (your delete of it is kept as a draft)';
    case 'Forbidden':
      return 'not allowed: you may not change this activity';
    case 'NotFound':
      return 'not found: it may have been deleted already';
    default:
      return error?.message ?? 'not deleted';
  }
}

/**
 * The toolbar of a selection in the month view (B-004): "N selected", Delete selected, Clear. The
 * delete is confirmed inline, then sent as ONE saveActivities batch of DELETEs with the versions the
 * list showed, all or nothing. Refused rows are named; "Delete the others" resends the rest with
 * `partial`. Loaded lazily: the month view's first load does not carry it.
 */
export function BulkDeleteBar({ rows, disabled, onPanel, onClear, onDone, rowTitle }: BulkDeleteBarProps) {
  const client = useApolloClient();
  const [mutate, { loading: sending }] = useMutation(DeleteActivitiesDocument);
  const [discardDraft] = useMutation(DiscardDraftDocument);
  const [state, setStep] = useState<Step>({ kind: 'idle' });
  // A changed selection (or a re-read list) ends a pending confirmation or answer for good: it was about
  // other rows or versions, and must not come back when the old selection does.
  const stale = state.kind !== 'idle' && !sameRows(state.rows, rows);
  if (stale) setStep({ kind: 'idle' });
  const step: Step = stale ? { kind: 'idle' } : state;
  const open = step.kind !== 'idle';
  useEffect(() => {
    onPanel(open);
    return () => onPanel(false);
  }, [open, onPanel]);

  /** `before`: what an earlier, refused pass left out (drafts kept, other refusals), for the final message. */
  const send = async (batch: readonly MonthActivity[], { partial, confirmed, before = { drafts: 0, other: 0 } }: { partial: boolean; confirmed: boolean; before?: Left }) => {
    const changes: ActivityChangeInput[] = batch.map((row) => ({ op: 'DELETE', id: row.id, expectedVersion: row.version }));
    let answer: Answer | undefined;
    try {
      answer = (await mutate({ variables: { changes, partial, confirmBulkDelete: confirmed } })).data?.saveActivities;
    } catch (error) {
      setStep({ kind: 'error', rows, message: `The delete could not be sent (${(error as Error).message}). Re-read the month to see what is left.` });
      return;
    }
    if (!answer) {
      setStep({ kind: 'error', rows, message: 'No answer from the server. Re-read the month to see what is left.' });
      return;
    }
    if (answer.__typename === 'BulkDeleteNeedsConfirmation') {
      setStep({ kind: 'audit', rows, count: answer.deleteCount });
      return;
    }
    if (answer.__typename !== 'ActivityBatchResult') {
      setStep({ kind: 'error', rows, message: answer.message });
      return;
    }
    const failed = answer.results.filter((result) => result.status === 'FAILED');
    const conflicts = failed.flatMap((result) => (result.error?.__typename === 'VersionConflict' ? [result.error] : []));
    // Someone else deleted it: the kept delete has nothing left to decide (as for a single delete).
    const gone = conflicts.filter((conflict) => conflict.current.deletedAt);
    await Promise.allSettled(gone.map((conflict) => discardDraft({ variables: { id: conflict.draft.id } })));
    const drafts = conflicts.length - gone.length;
    if (conflicts.length > 0) forgetDrafts(client.cache);

    if (answer.committed && answer.appliedCount > 0) {
      const applied = answer.results.filter((result) => result.status === 'APPLIED').map((result) => result.id);
      // Deleted rows leave the cache, and every cached list of their months is read again (totals included).
      forgetActivities(client, [...applied, ...gone.map((conflict) => conflict.current.id)], batch.map((row) => row.date));
      const kept = before.drafts + drafts;
      const other = before.other + failed.length - conflicts.length;
      onDone(
        `Deleted ${plural(answer.appliedCount)}.` +
          (kept > 0 ? ` ${plural(kept)} changed by someone else ${kept === 1 ? 'was' : 'were'} not deleted: your delete is on the Drafts page.` : '') +
          (other > 0 ? ` ${plural(other)} could not be deleted.` : ''),
      );
      return;
    }
    const refused = new Set(failed.map((result) => result.id));
    const byId = new Map(batch.map((row) => [row.id, row]));
    setStep({
      kind: 'refused',
      rows,
      problems: failed.map((result) => ({ row: byId.get(result.id)!, text: describe(result) })),
      others: batch.filter((row) => !refused.has(row.id)),
      confirmed,
      left: { drafts: before.drafts + drafts, other: before.other + failed.length - conflicts.length },
    });
  };

  const cancel = () => setStep({ kind: 'idle' });
  /** Cancel after a refusal: the list is read again (the refused rows changed), the selection ends. */
  const reread = () => {
    forgetActivities(client, [], rows.map((row) => row.date));
    onClear();
  };

  if (step.kind === 'confirm') {
    return (
      <ConfirmPanel
        testId="bulk-confirm"
        title={`Delete ${plural(rows.length)}? ${rows.length === 1 ? 'It leaves' : 'They leave'} the month and its totals.`}
        action={sending ? 'Deleting…' : 'Delete'}
        busy={sending || disabled}
        onConfirm={() => void send(rows, { partial: false, confirmed: false })}
        onCancel={cancel}
        style={CONFIRM_STYLE}
      />
    );
  }
  if (step.kind === 'audit') {
    return (
      <ConfirmPanel
        testId="bulk-audit-confirm"
        title={`You are about to delete ${plural(step.count)}. This is recorded in the audit log.`}
        action={sending ? 'Deleting…' : `Delete ${plural(step.count)}`}
        busy={sending || disabled}
        onConfirm={() => void send(rows, { partial: false, confirmed: true })}
        onCancel={cancel}
        style={CONFIRM_STYLE}
      />
    );
  }
  if (step.kind === 'refused') {
    const { problems, others, confirmed, left } = step;
    return (
      <Panel testId="bulk-refused" title={`Nothing was deleted: ${problems.length} of the ${plural(rows.length)} selected ${problems.length === 1 ? 'was' : 'were'} refused`} onEscape={reread}>
        <ul data-testid="bulk-problems" style={{ margin: '0 0 .8rem', paddingLeft: '1.2rem' }}>
          {problems.map(({ row, text }) => (
            <li key={row.id}>
              <strong>{rowTitle(row)}</strong>: {text}
            </li>
          ))}
        </ul>
        {left.drafts > 0 && (
          <p>
            The server keeps each refused delete of a changed activity as a draft: decide on it from the <Link href="/activities/drafts">Drafts page</Link>.
          </p>
        )}
        <div style={{ display: 'flex', gap: '.6rem' }}>
          {others.length > 0 && (
            <button type="button" className="pams-button" disabled={sending || disabled} onClick={() => void send(others, { partial: true, confirmed, before: left })}>
              {sending ? 'Deleting…' : `Delete the others (${others.length})`}
            </button>
          )}
          <button type="button" className="pams-button pams-button-quiet" onClick={reread}>
            Cancel
          </button>
        </div>
      </Panel>
    );
  }
  if (step.kind === 'error') {
    return (
      <Panel testId="bulk-error" title="The activities were not deleted" onEscape={reread}>
        <p className="pams-error-text">{step.message}</p>
        <button type="button" className="pams-button pams-button-quiet" onClick={reread}>
          Cancel
        </button>
      </Panel>
    );
  }
  return (
    <div className="pams-toolbar" role="toolbar" aria-label="Selected activities" data-testid="bulk-toolbar" style={{ alignItems: 'center' }}>
      <span data-testid="bulk-count">{rows.length} selected</span>
      <button type="button" className="pams-button" disabled={disabled} onClick={() => setStep({ kind: 'confirm', rows })}>
        Delete selected
      </button>
      <button type="button" className="pams-button pams-button-quiet" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}

/** An inline panel that takes the focus (its heading) and closes with Escape. */
function Panel({ testId, title, onEscape, children }: { testId: string; title: string; onEscape(): void; children: ReactNode }) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section role="alert" aria-labelledby={titleId} className="pams-panel pams-panel-error" data-testid={testId} onKeyDown={escapeKey(onEscape)} style={{ marginBottom: '.8rem' }}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1} style={{ fontSize: '1.05rem', margin: 0 }}>
        {title}
      </h2>
      {children}
    </section>
  );
}
