import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@pams/client-graphql';
import {
  MonthlyEmailPreviewDocument,
  monthlyOverride,
  MonthlyOverrideEditorDocument,
  overrideInputOf,
  SaveMonthlyOverrideDocument,
  type MonthlyOverride,
  type MonthlyOverrideEditorQuery,
  type OverrideDraft,
} from '@pams/client-reports-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { monthLabel } from '../report-range.js';

type Draft = OverrideDraft;
type ManualWinDraft = Draft['manualWins'][number];
type Outcome = MonthlyOverrideEditorQuery['monthlyReport']['winsAndLosses'][number];
type CardChoice = 'AUTO' | 'INCLUDE' | 'EXCLUDE';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const MAX_FEATURED = 20;
const MAX_MANUAL_WINS = 20;

/** What each field is called when a save meets someone else's: the merge names them. */
const FIELD_LABELS: Record<keyof Draft, string> = {
  highlights: 'Highlights',
  winOfTheMonthOutcomeId: 'Win of the month',
  winOfTheMonthStory: 'Win of the month story',
  includedOutcomeIds: 'Win cards (always shown)',
  excludedOutcomeIds: 'Win cards (left out)',
  featuredUseCaseIds: 'Featured use cases',
  manualWins: 'Manual wins',
};
const FIELDS = Object.keys(FIELD_LABELS) as (keyof Draft)[];

/** A field path of the server's (`manualWins.0.title`) as the form names it ("Manual win 1, title"). */
function fieldName(path: string): string {
  const [field, index, rest] = path.split('.');
  if (field === 'manualWins' && index !== undefined) return `Manual win ${Number(index) + 1}${rest ? `, ${rest.replace(/([A-Z])/g, ' $1').toLowerCase()}` : ''}`;
  return FIELD_LABELS[field as keyof Draft] ?? path;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const outcomeLabel = (o: Outcome) => `${o.accountName} · ${o.projectName}${o.mrrReporting === null ? '' : ` · ${usd.format(o.mrrReporting)}`}`;

interface Conflict {
  message: string;
  theirs: MonthlyOverride;
  /** The fields both people changed to different values: the ones a choice is asked for. */
  fields: (keyof Draft)[];
}

/**
 * A month's overrides (P-015, P-020), edited by managers and admins: highlights, the win of the month and
 * its story, which wins the cards show, featured use cases and manual wins. A save names the version it
 * started from; when someone saved in between, their version and this draft are shown field by field and
 * nothing is overwritten until the editor chooses.
 */
export function OverrideEditor({ month }: { month: string }) {
  const editor = useQuery(MonthlyOverrideEditorDocument, { variables: { month }, fetchPolicy: 'cache-and-network' });
  const data = editor.data;
  if (editor.error && !data) {
    return (
      <ErrorPanel title="This month's highlights and wins could not be loaded" onRetry={() => void editor.refetch()}>
        <p>{editor.error.message}</p>
      </ErrorPanel>
    );
  }
  if (!data) return <Loading label="Loading this month's highlights and wins…" />;
  return <EditorOf month={month} data={data} />;
}

function EditorOf({ month, data }: { month: string; data: MonthlyOverrideEditorQuery }) {
  const [saved, setSaved] = useState(false);
  // Each save that went through starts a new draft from what is stored. Not keyed on the stored version: a
  // conflict's answer carries the other editor's version into the cache, and restarting then would drop the draft.
  const [generation, setGeneration] = useState(0);
  const stored = monthlyOverride(data.monthlyReportOverride);
  if (!stored.editable) return <p className="pams-muted">Managers edit this month’s highlights and wins.</p>;
  return (
    <OverrideForm
      key={`${month}:${generation}`}
      month={month}
      stored={stored}
      wins={data.monthlyReport.winsAndLosses.filter((o) => o.result === 'WON')}
      useCases={data.bootstrap.useCases}
      onEdit={() => setSaved(false)}
      saved={saved}
      onSaved={() => {
        setSaved(true);
        setGeneration((g) => g + 1);
      }}
    />
  );
}

interface OverrideFormProps {
  month: string;
  stored: MonthlyOverride;
  wins: readonly Outcome[];
  useCases: readonly { id: string; name: string }[];
  /** Told when the draft changes (the "Saved." line goes) and when a save went through. */
  saved: boolean;
  onEdit(): void;
  onSaved(): void;
}

function OverrideForm({ month, stored, wins, useCases, saved, onEdit, onSaved }: OverrideFormProps) {
  const [draft, setDraft] = useState<Draft>(() => overrideInputOf(stored));
  const [base, setBase] = useState<MonthlyOverride>(stored);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  // A save that went through refetches the stored version (the form restarts from it) and the preview beside
  // it. A refused one refetches nothing: that would restart the form and drop the draft the conflict shows.
  const [save, { loading }] = useMutation(SaveMonthlyOverrideDocument, {
    refetchQueries: (result) => (result.data?.saveMonthlyReportOverride.__typename === 'MonthlyReportOverride' ? [MonthlyOverrideEditorDocument, MonthlyEmailPreviewDocument] : []),
    awaitRefetchQueries: true,
  });
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    onEdit();
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const changed = FIELDS.some((f) => !sameValue(draft[f], overrideInputOf(base)[f]));

  async function submit() {
    setProblems([]);
    onEdit();
    try {
      const { data } = await save({ variables: { month, expectedVersion: base.version, input: draft } });
      const result = data?.saveMonthlyReportOverride;
      if (!result) return;
      if (result.__typename === 'MonthlyReportOverride') {
        onSaved();
      } else if (result.__typename === 'MonthlyReportOverrideConflict') {
        const theirs = monthlyOverride(result.current);
        const mine = draft;
        const before = overrideInputOf(base);
        const now = overrideInputOf(theirs);
        // Fields only they changed are taken from them; fields only this draft changed are kept.
        const merged = { ...mine };
        const clashes: (keyof Draft)[] = [];
        for (const f of FIELDS) {
          const iChanged = !sameValue(mine[f], before[f]);
          const theyChanged = !sameValue(now[f], before[f]);
          if (theyChanged && !iChanged) (merged as Record<string, unknown>)[f] = now[f];
          else if (theyChanged && iChanged && !sameValue(now[f], mine[f])) clashes.push(f);
        }
        setDraft(merged);
        setBase(theirs);
        setConflict({ message: result.message, theirs, fields: clashes });
      } else if (result.__typename === 'ValidationFailed') {
        setProblems(result.fields.length > 0 ? result.fields.map((f) => `${fieldName(f.field)}: ${f.message}`) : [result.message]);
      } else {
        setProblems([result.message]);
      }
    } catch (error) {
      setProblems([`Not saved: ${error instanceof Error ? error.message : String(error)}`]);
    }
  }

  const choiceOf = (id: string): CardChoice => (draft.includedOutcomeIds.includes(id) ? 'INCLUDE' : draft.excludedOutcomeIds.includes(id) ? 'EXCLUDE' : 'AUTO');
  const setChoice = (id: string, choice: CardChoice) => {
    onEdit();
    setDraft((d) => ({
      ...d,
      includedOutcomeIds: [...d.includedOutcomeIds.filter((x) => x !== id), ...(choice === 'INCLUDE' ? [id] : [])],
      excludedOutcomeIds: [...d.excludedOutcomeIds.filter((x) => x !== id), ...(choice === 'EXCLUDE' ? [id] : [])],
    }));
  };
  const setManual = (index: number, win: ManualWinDraft | null) =>
    set('manualWins', win === null ? draft.manualWins.filter((_, i) => i !== index) : draft.manualWins.map((w, i) => (i === index ? win : w)));

  return (
    <form
      aria-label="Highlights and wins of the month"
      className="pams-panel"
      style={{ display: 'flex', flexDirection: 'column', gap: '.8rem', maxWidth: '40rem' }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 style={{ margin: 0 }}>Highlights and wins of {monthLabel(month)}</h2>
      <p className="pams-muted" style={{ margin: 0 }}>
        One record per month, shared by every region’s report and email package.
        {stored.updatedAt && ` Last saved ${new Date(stored.updatedAt).toLocaleString('en')}.`}
      </p>
      {conflict && <ConflictNotice conflict={conflict} draft={draft} wins={wins} useCases={useCases} onTake={(f) => set(f, overrideInputOf(conflict.theirs)[f] as never)} />}
      <label className="pams-field">
        Highlights
        <textarea className="pams-input" rows={4} maxLength={5_000} value={draft.highlights} onChange={(e) => set('highlights', e.target.value)} />
      </label>
      <label className="pams-field">
        Win of the month
        <select className="pams-select" aria-label="Win of the month" value={draft.winOfTheMonthOutcomeId ?? ''} onChange={(e) => set('winOfTheMonthOutcomeId', e.target.value || null)}>
          <option value="">The largest won MRR</option>
          {wins.map((o) => (
            <option key={o.id} value={o.id}>
              {outcomeLabel(o)}
            </option>
          ))}
        </select>
      </label>
      <label className="pams-field">
        Its story (empty: the win’s reason)
        <textarea className="pams-input" rows={3} maxLength={5_000} value={draft.winOfTheMonthStory ?? ''} onChange={(e) => set('winOfTheMonthStory', e.target.value || null)} />
      </label>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>Win cards</legend>
        {wins.length === 0 ? (
          <p className="pams-muted">No win is recorded in {monthLabel(month)}.</p>
        ) : (
          wins.map((o) => (
            <label key={o.id} className="pams-field" style={{ flexDirection: 'row', alignItems: 'center', gap: '.5rem' }}>
              <select className="pams-select" aria-label={`Card of ${outcomeLabel(o)}`} value={choiceOf(o.id)} onChange={(e) => setChoice(o.id, e.target.value as CardChoice)}>
                <option value="AUTO">Shown if among the largest</option>
                <option value="INCLUDE">Always shown</option>
                <option value="EXCLUDE">Left out</option>
              </select>
              {outcomeLabel(o)}
            </label>
          ))
        )}
      </fieldset>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>
          Featured use cases ({draft.featuredUseCaseIds.length} of at most {MAX_FEATURED})
        </legend>
        <div style={{ maxHeight: '10rem', overflow: 'auto', display: 'flex', flexDirection: 'column' }}>
          {useCases.map((u) => {
            const on = draft.featuredUseCaseIds.includes(u.id);
            return (
              <label key={u.id}>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && draft.featuredUseCaseIds.length >= MAX_FEATURED}
                  onChange={() => set('featuredUseCaseIds', on ? draft.featuredUseCaseIds.filter((x) => x !== u.id) : [...draft.featuredUseCaseIds, u.id])}
                />{' '}
                {u.name}
              </label>
            );
          })}
        </div>
      </fieldset>
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '.5rem' }}>
        <legend>Manual wins (not in PAMS, e.g. from a partner)</legend>
        {draft.manualWins.map((win, i) => (
          <ManualWinRow key={i} index={i} win={win} onChange={(next) => setManual(i, next)} />
        ))}
        {draft.manualWins.length < MAX_MANUAL_WINS && (
          <button type="button" className="pams-button pams-button-quiet" style={{ alignSelf: 'flex-start' }} onClick={() => set('manualWins', [...draft.manualWins, { title: '', accountName: '', mrrReporting: null, story: '' }])}>
            Add a manual win
          </button>
        )}
      </fieldset>
      {problems.length > 0 && (
        <div role="alert" className="pams-error-text">
          {problems.map((p) => (
            <p key={p} style={{ margin: 0 }}>
              {p}
            </p>
          ))}
        </div>
      )}
      <div style={{ display: 'flex', gap: '.6rem', alignItems: 'center' }}>
        <button type="submit" className="pams-button" disabled={loading || (!changed && !conflict)}>
          {conflict ? 'Save the merged version' : 'Save highlights and wins'}
        </button>
        <span role="status" data-testid="override-status">
          {loading ? 'Saving…' : saved ? 'Saved.' : null}
        </span>
      </div>
    </form>
  );
}

function ManualWinRow({ index, win, onChange }: { index: number; win: ManualWinDraft; onChange(next: ManualWinDraft | null): void }) {
  const n = index + 1;
  return (
    <div role="group" aria-label={`Manual win ${n}`} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 8rem auto', gap: '.4rem', alignItems: 'end' }}>
      <label className="pams-field">
        Title
        <input className="pams-input" maxLength={200} value={win.title} onChange={(e) => onChange({ ...win, title: e.target.value })} />
      </label>
      <label className="pams-field">
        Account
        <input className="pams-input" maxLength={200} value={win.accountName} onChange={(e) => onChange({ ...win, accountName: e.target.value })} />
      </label>
      <label className="pams-field">
        MRR (USD)
        <input
          className="pams-input"
          type="number"
          min={0}
          step="any"
          value={win.mrrReporting ?? ''}
          onChange={(e) => onChange({ ...win, mrrReporting: e.target.value === '' ? null : Number(e.target.value) })}
        />
      </label>
      <button type="button" className="pams-link-button" aria-label={`Remove manual win ${n}`} onClick={() => onChange(null)}>
        Remove
      </button>
      <label className="pams-field" style={{ gridColumn: '1 / -1' }}>
        Story
        <textarea className="pams-input" rows={2} maxLength={5_000} value={win.story ?? ''} onChange={(e) => onChange({ ...win, story: e.target.value })} />
      </label>
    </div>
  );
}

/** Someone saved the month while this draft was open: what they changed was taken, clashes are named with both values. */
function ConflictNotice({
  conflict,
  draft,
  wins,
  useCases,
  onTake,
}: {
  conflict: Conflict;
  draft: Draft;
  wins: readonly Outcome[];
  useCases: readonly { id: string; name: string }[];
  onTake(field: keyof Draft): void;
}) {
  const theirs = overrideInputOf(conflict.theirs);
  const show = (field: keyof Draft, value: Draft[keyof Draft]): ReactNode => describe(field, value, wins, useCases);
  const open = conflict.fields.filter((f) => !sameValue(draft[f], theirs[f]));
  return (
    <div role="alert" className="pams-panel pams-panel-error" data-testid="override-conflict">
      <p style={{ marginTop: 0 }}>
        {conflict.message} Their changes to other fields are now in the form; nothing is saved until you save again.
      </p>
      {open.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Theirs (saved)</th>
              <th scope="col">Yours</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {open.map((f) => (
              <tr key={f}>
                <th scope="row">{FIELD_LABELS[f]}</th>
                <td>{show(f, theirs[f])}</td>
                <td>{show(f, draft[f])}</td>
                <td>
                  <button type="button" className="pams-link-button" onClick={() => onTake(f)}>
                    Take theirs
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function describe(field: keyof Draft, value: Draft[keyof Draft], wins: readonly Outcome[], useCases: readonly { id: string; name: string }[]): string {
  const winName = (id: string) => {
    const found = wins.find((w) => w.id === id);
    return found ? outcomeLabel(found) : 'a win not in this month';
  };
  switch (field) {
    case 'winOfTheMonthOutcomeId':
      return value ? winName(value as string) : 'The largest won MRR';
    case 'includedOutcomeIds':
    case 'excludedOutcomeIds':
      return (value as string[]).map(winName).join('; ') || 'none';
    case 'featuredUseCaseIds':
      return (value as string[]).map((id) => useCases.find((u) => u.id === id)?.name ?? 'an inactive use case').join(', ') || 'none';
    case 'manualWins':
      return (value as ManualWinDraft[]).map((w) => `${w.title} (${w.accountName})`).join('; ') || 'none';
    default:
      return (value as string | null) || '(empty)';
  }
}
