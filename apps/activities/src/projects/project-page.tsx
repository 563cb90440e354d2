import { useEffect, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@pams/client-graphql';
import {
  fieldErrors,
  projectFields,
  ProjectFormBootstrapDocument,
  ProjectPageDocument,
  UpdateProjectDocument,
  type ProjectFields,
  type ProjectFormBootstrapQuery,
  type ProjectPageQuery,
} from '@pams/client-activities-data-access';
import type { RemoteRouteProps } from '@pams/shared-remote-contract';
import { ErrorPanel, Link, Loading } from '@pams/client-ui';
import { WRITER_ROLES, type Role } from '@pams/shared-util';
import { OwnerSearch, type PresalesPerson } from './owner-search.js';
import { changesOf, controlOf, draftOf, hasChanges, rebase, type ProjectDraft } from './project-form-model.js';
import { STATUS_LABEL } from './project-list-params.js';

type Loaded = NonNullable<ProjectPageQuery['project']>;
type Bootstrap = ProjectFormBootstrapQuery['bootstrap'];
type Errors = Record<string, string>;

interface Choice {
  id: string;
  name: string;
  /** Retired reference data still on the project: it can stay or be removed, not be chosen anew. */
  retired?: boolean;
}

interface Choices {
  useCases: Choice[];
  secondaryUseCases: Choice[];
  products: Choice[];
  owners: Choice[];
}

const ROW: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: '.6rem', alignItems: 'flex-end', marginBottom: '.8rem' };
const GROUP: CSSProperties = { border: '1px solid var(--pams-line)', borderRadius: 'var(--pams-radius)', padding: '.4rem .8rem', margin: 0, minWidth: '14rem' };
const LIST: CSSProperties = { display: 'flex', flexDirection: 'column', gap: '.2rem', maxHeight: '12rem', overflow: 'auto' };
const BARE: CSSProperties = { border: 0, padding: 0, margin: 0, minWidth: 0 };
const FACTS: CSSProperties = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '.3rem 1rem', margin: '0 0 1rem' };

/** `/projects/:id`: the project, and a form that saves only what the user changed. */
export function ProjectPage({ params }: RemoteRouteProps) {
  const result = useQuery(ProjectPageDocument, { variables: { id: params.id }, fetchPolicy: 'cache-and-network' });
  const bootstrap = useQuery(ProjectFormBootstrapDocument);
  if (result.error && !result.data) return <ErrorPanel title="The project could not be loaded" onRetry={() => void result.refetch()} />;
  if (!result.data) return <Loading label="Loading the project…" />;
  const loaded = result.data.project;
  if (!loaded) return <ErrorPanel title="No such project" />;
  const project = projectFields(loaded);
  const boot = bootstrap.data?.bootstrap;
  // Leaders and analysts read only (the server decides the rest: region and ownership); nobody edits
  // before the viewer's role is known (a failed bootstrap shows its own error with Retry below).
  const role = boot?.viewer.role;
  const mayEdit = role !== undefined && WRITER_ROLES.includes(role as Role);
  // A cached copy whose refetch failed (or is under way) may be stale: it is shown, but not saved from.
  const unconfirmed = result.error !== undefined || result.loading;
  return (
    <section data-testid="project-page" style={{ overflow: 'auto' }}>
      {result.error && (
        <ErrorPanel title="The project could not be refreshed" onRetry={() => void result.refetch()} retrying={result.loading}>
          <p>What is shown may be out of date: it can be saved once it has been read again.</p>
        </ErrorPanel>
      )}
      <div className="pams-page-head">
        <h1>{project.name}</h1>
        <Link href={`/accounts/${project.account.id}`}>{project.account.name}</Link>
      </div>
      <ProjectFacts project={project} />
      {bootstrap.error && !boot && (
        <ErrorPanel title="The products and use cases could not be loaded" onRetry={() => void bootstrap.refetch()}>
          <p>Until they are, the project cannot be edited.</p>
        </ErrorPanel>
      )}
      {mayEdit && boot && <ProjectEditor key={project.id} latest={project} loaded={loaded} boot={boot} unconfirmed={unconfirmed} />}
    </section>
  );
}

function names(items: readonly { name: string }[]): string {
  return items.length === 0 ? '—' : items.map((item) => item.name).join(', ');
}

function ProjectFacts({ project }: { project: ProjectFields }) {
  const fact = (term: string, value: ReactNode) => (
    <>
      <dt className="pams-muted">{term}</dt>
      <dd style={{ margin: 0 }}>{value}</dd>
    </>
  );
  return (
    <dl style={FACTS} data-testid="project-facts">
      {fact('Account', <Link href={`/accounts/${project.account.id}`}>{project.account.name}</Link>)}
      {fact('Status', STATUS_LABEL[project.status])}
      {project.outcome &&
        fact(
          'Outcome',
          <>
            {STATUS_LABEL[project.outcome.result]} {project.outcome.month}{' '}
            <a href={project.outcome.crmLink} target="_blank" rel="noreferrer">
              deal in the CRM
            </a>
          </>,
        )}
      {fact(
        'CRM',
        project.crmLink ? (
          <a href={project.crmLink} target="_blank" rel="noreferrer">
            Open in the CRM
          </a>
        ) : (
          '—'
        ),
      )}
      {fact('Primary use case', project.primaryUseCase?.name ?? '—')}
      {fact('Secondary use cases', names(project.secondaryUseCases))}
      {fact('Products', names(project.products))}
      {fact('Presales owners', names(project.owners))}
    </dl>
  );
}

/**
 * Active reference data, plus whatever the given copies of the project already have (retired or not).
 * Owners are the people on those copies and those added through "Add presales owner" (`added`).
 */
function choicesOf(boot: Bootstrap | undefined, loaded: Loaded, copies: readonly ProjectFields[], added: readonly PresalesPerson[]): Choices {
  const merge = (offered: readonly Choice[], linked: (p: ProjectFields) => readonly { id: string; name: string; active?: boolean }[]) => {
    const byId = new Map<string, Choice>(offered.map((choice) => [choice.id, choice]));
    for (const copy of copies) {
      for (const item of linked(copy)) if (!byId.has(item.id)) byId.set(item.id, { id: item.id, name: item.name, retired: item.active === false });
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  };
  const industryId = loaded.account.industry?.id ?? null;
  const useCases = boot?.useCases ?? [];
  // Secondary use cases are industry-specific: those of the account's industry and general ones (all without one).
  const secondary = industryId ? useCases.filter((u) => u.industryId === null || u.industryId === industryId) : useCases;
  return {
    useCases: merge(useCases, (p) => (p.primaryUseCase ? [p.primaryUseCase] : [])),
    secondaryUseCases: merge(secondary, (p) => p.secondaryUseCases),
    products: merge(boot?.products ?? [], (p) => p.products),
    owners: merge(
      added.map((person) => ({ id: person.id, name: `${person.name} (${person.email})` })),
      (p) => p.owners.map((o) => ({ id: o.id, name: `${o.name} (${o.email})` })),
    ),
  };
}

interface Conflict {
  message: string;
  current: ProjectFields;
}

type Message = { kind: 'error' | 'saved' | 'info'; text: string };

/**
 * The edit form. `base` is the copy the edit started from (its version goes with the save); `latest`
 * is the page's current copy. A conflict keeps everything typed until the user re-applies or discards.
 * `unconfirmed`: the page's copy is being read again or could not be; typing goes on, saving waits.
 */
function ProjectEditor({ latest, loaded, boot, unconfirmed }: { latest: ProjectFields; loaded: Loaded; boot: Bootstrap; unconfirmed: boolean }) {
  const client = useApolloClient();
  const [base, setBase] = useState(latest);
  const [draft, setDraft] = useState<ProjectDraft>(() => draftOf(latest));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<Message | null>(null);
  // People found through "Add presales owner": kept so their names show while they are ticked or unticked.
  const [added, setAdded] = useState<readonly PresalesPerson[]>([]);
  const [update, { loading }] = useMutation(UpdateProjectDocument);
  const input = changesOf(draft, base);
  const dirty = hasChanges(input);

  // A newer copy arriving while nothing is typed (a refetch) becomes the base: no conflict to come.
  useEffect(() => {
    if (!dirty && !conflict && latest.version > base.version) {
      setBase(latest);
      setDraft(draftOf(latest));
    }
  }, [latest, base.version, dirty, conflict]);

  const choices = choicesOf(boot, loaded, conflict ? [base, latest, conflict.current] : [base, latest], added);
  const set = (patch: Partial<ProjectDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const addOwner = (person: PresalesPerson) => {
    setAdded((people) => [...people.filter((p) => p.id !== person.id), person]);
    setDraft((d) => (d.ownerIds.includes(person.id) ? d : { ...d, ownerIds: [...d.ownerIds, person.id] }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || conflict || unconfirmed) return;
    setMessage(null);
    const { data } = await update({ variables: { id: base.id, expectedVersion: base.version, input } });
    const result = data?.updateProject;
    if (!result) return setMessage({ kind: 'error', text: 'No answer from the server: nothing was saved. Try again.' });
    switch (result.__typename) {
      case 'Project': {
        const saved = projectFields(result);
        setBase(saved);
        setDraft(draftOf(saved));
        setErrors({});
        // The projects list (name, status, owners, and which status filter lists it) is read again.
        client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'projectList' });
        return setMessage({ kind: 'saved', text: 'Saved.' });
      }
      case 'ProjectVersionConflict':
        setErrors({});
        return setConflict({ message: result.message, current: projectFields(result.current) });
      case 'ValidationFailed': {
        const byControl: Errors = {};
        for (const [field, text] of Object.entries(fieldErrors(result))) byControl[controlOf(field)] = text;
        setErrors(byControl);
        return setMessage({ kind: 'error', text: result.message });
      }
      default:
        return setMessage({ kind: 'error', text: result.message });
    }
  };

  const reapply = () => {
    if (!conflict) return;
    setDraft(rebase(draft, base, conflict.current));
    setBase(conflict.current);
    setConflict(null);
    setMessage({ kind: 'info', text: 'Your changes are applied to the current version: check them and save.' });
  };
  const discard = () => {
    if (!conflict) return;
    setBase(conflict.current);
    setDraft(draftOf(conflict.current));
    setConflict(null);
    setMessage(null);
  };

  const error = (control: string) => errors[control] && <span className="pams-error-text">{errors[control]}</span>;
  return (
    <form aria-label="Edit project" className="pams-panel" noValidate onSubmit={(e) => void save(e).catch((err: Error) => setMessage({ kind: 'error', text: err.message }))}>
      <h2>Edit project</h2>
      {/* Nothing can be typed while the save is under way: its answer replaces the form. */}
      <fieldset disabled={loading} style={BARE}>
        {conflict && <ConflictPanel conflict={conflict} base={base} draft={draft} choices={choices} onReapply={reapply} onDiscard={discard} />}
        <div style={ROW}>
          <label className="pams-field">
            Project name
            <input className="pams-input" value={draft.name} onChange={(e) => set({ name: e.target.value })} aria-invalid={errors.name ? true : undefined} />
            {error('name')}
          </label>
          <label className="pams-field">
            CRM link
            <input className="pams-input" type="url" value={draft.crmLink} onChange={(e) => set({ crmLink: e.target.value })} aria-invalid={errors.crmLink ? true : undefined} />
            {error('crmLink')}
          </label>
          <label className="pams-field">
            Primary use case
            <select className="pams-select" value={draft.primaryUseCaseId} onChange={(e) => set({ primaryUseCaseId: e.target.value })}>
              <option value="">—</option>
              {choices.useCases.map((choice) => (
                <option key={choice.id} value={choice.id} disabled={choice.retired && choice.id !== base.primaryUseCase?.id}>
                  {choice.retired ? `${choice.name} (retired)` : choice.name}
                </option>
              ))}
            </select>
            {error('primaryUseCaseId')}
          </label>
        </div>
        <div style={ROW}>
          <CheckList legend="Secondary use cases" choices={choices.secondaryUseCases} chosen={draft.secondaryUseCaseIds} onChange={(ids) => set({ secondaryUseCaseIds: ids })} error={error('secondaryUseCaseIds')} />
          <CheckList legend="Products" choices={choices.products} chosen={draft.productIds} onChange={(ids) => set({ productIds: ids })} error={error('productIds')} />
          <CheckList legend="Presales owners" choices={choices.owners} chosen={draft.ownerIds} onChange={(ids) => set({ ownerIds: ids })} error={error('ownerIds')}>
            <OwnerSearch chosen={draft.ownerIds} onAdd={addOwner} disabled={loading} />
          </CheckList>
        </div>
        {base.status !== 'ACTIVE' && (
          <div style={ROW}>
            <label>
              <input type="checkbox" checked={draft.reopen} onChange={(e) => set({ reopen: e.target.checked })} /> Reopen as active (drops the recorded{' '}
              {base.status === 'WON' ? 'win' : 'loss'})
            </label>
            {error('status')}
          </div>
        )}
        <div style={ROW}>
          <button type="submit" className="pams-button" disabled={loading || unconfirmed || !dirty || conflict !== null}>
            Save project
          </button>
          {!dirty && !conflict && <span className="pams-muted">No changes to save.</span>}
          {message && (
            <span className={message.kind === 'error' ? 'pams-error-text' : 'pams-muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
              {message.text}
            </span>
          )}
        </div>
      </fieldset>
    </form>
  );
}

function CheckList({
  legend,
  choices,
  chosen,
  onChange,
  error,
  children,
}: {
  legend: string;
  choices: Choice[];
  chosen: readonly string[];
  onChange(ids: string[]): void;
  error: ReactNode;
  /** More controls of the list, under the tick boxes (e.g. a search that adds to it). */
  children?: ReactNode;
}) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <fieldset style={GROUP} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div style={LIST}>
        {choices.length === 0 && <span className="pams-muted">Nothing to choose.</span>}
        {choices.map((choice) => {
          const on = chosen.includes(choice.id);
          return (
            <label key={choice.id}>
              {/* A retired choice can be unticked, not ticked again. */}
              <input type="checkbox" checked={on} disabled={choice.retired && !on} onChange={(e) => toggle(choice.id, e.target.checked)} /> {choice.name}
              {choice.retired && <span className="pams-muted"> (retired)</span>}
            </label>
          );
        })}
      </div>
      {children}
      {error}
    </fieldset>
  );
}

/** What changed on the server since the edit started, next to what the user has typed. */
function ConflictPanel({
  conflict,
  base,
  draft,
  choices,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  base: ProjectFields;
  draft: ProjectDraft;
  choices: Choices;
  onReapply(): void;
  onDiscard(): void;
}) {
  const lookup = new Map([...choices.useCases, ...choices.secondaryUseCases, ...choices.products, ...choices.owners].map((c) => [c.id, c.name]));
  const list = (ids: readonly string[]) => (ids.length === 0 ? '—' : ids.map((id) => lookup.get(id) ?? id).sort().join(', '));
  const show = (d: ProjectDraft, status: string): Record<string, string> => ({
    Name: d.name,
    'CRM link': d.crmLink || '—',
    'Primary use case': d.primaryUseCaseId ? (lookup.get(d.primaryUseCaseId) ?? d.primaryUseCaseId) : '—',
    'Secondary use cases': list(d.secondaryUseCaseIds),
    Products: list(d.productIds),
    'Presales owners': list(d.ownerIds),
    Status: status,
  });
  const before = show(draftOf(base), STATUS_LABEL[base.status]);
  const now = show(draftOf(conflict.current), STATUS_LABEL[conflict.current.status]);
  const yours = show(draft, draft.reopen ? 'Active' : STATUS_LABEL[base.status]);
  const rows = Object.keys(now).filter((field) => now[field] !== before[field] || yours[field] !== before[field]);
  return (
    <section role="alert" className="pams-panel pams-panel-error" data-testid="project-conflict">
      <h3>Someone else changed this project</h3>
      <p>{conflict.message}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">When you opened it</th>
            <th scope="col">Now on the server</th>
            <th scope="col">Yours</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((field) => (
            <tr key={field}>
              <th scope="row">{field}</th>
              <td>{before[field]}</td>
              <td>{now[field]}</td>
              <td>{yours[field]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={ROW}>
        <button type="button" className="pams-button" onClick={onReapply}>
          Re-apply my changes
        </button>
        <button type="button" className="pams-button pams-button-quiet" onClick={onDiscard}>
          Discard my changes
        </button>
      </div>
    </section>
  );
}
