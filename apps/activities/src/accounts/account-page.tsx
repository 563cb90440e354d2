import { useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@pams/client-graphql';
import {
  accountFields,
  AccountDetailDocument,
  ActivitiesBootstrapDocument,
  CreateProjectDocument,
  fieldErrors,
  projectSummaries,
  RecordOutcomeDocument,
  UpdateAccountDocument,
  type AccountFields,
  type Currency,
  type OutcomeResult,
  type ProjectSummary,
} from '@pams/client-activities-data-access';
import type { RemoteRouteProps } from '@pams/shared-remote-contract';
import { ErrorPanel, Link, Loading } from '@pams/client-ui';
import { ACCOUNT_EDITOR_ROLES, Currency as CURRENCIES, type Role } from '@pams/shared-util';
import { monthOf } from '../month/month-params.js';
import { STATUS_LABEL } from '../projects/project-list-params.js';
import { AttachmentsPanel } from '../shared/attachments-panel.js';

/** The account with its projects, read through their fragments. */
type Account = AccountFields & { projects: readonly ProjectSummary[] };
type Errors = Record<string, string>;

const ROW = { display: 'flex', flexWrap: 'wrap' as const, gap: '.6rem', alignItems: 'flex-end', marginBottom: '.8rem' };

/** `/accounts/:id`: the account (editable), its projects, a new project and the win/loss form. */
export function AccountPage({ params }: RemoteRouteProps) {
  const result = useQuery(AccountDetailDocument, { variables: { id: params.id }, fetchPolicy: 'cache-and-network' });
  const bootstrap = useQuery(ActivitiesBootstrapDocument);
  // Changing an account is for admins and managers (the server decides the region); members only see it.
  const role = bootstrap.data?.bootstrap.viewer.role;
  const mayEdit = role !== undefined && ACCOUNT_EDITOR_ROLES.includes(role as Role);
  if (result.error && !result.data) return <ErrorPanel title="The account could not be loaded" onRetry={() => void result.refetch()} />;
  if (!result.data) return <Loading label="Loading the account…" />;
  const found = result.data.account;
  if (!found) return <ErrorPanel title="No such account" />;
  const account: Account = { ...accountFields(found), projects: projectSummaries(found.projects) };
  const refetch = () => void result.refetch();
  return (
    <section data-testid="account-page" style={{ overflow: 'auto' }}>
      <div className="pams-page-head">
        <h1>{account.name}</h1>
        <Link href="/accounts">All accounts</Link>
      </div>
      {mayEdit ? (
        <AccountEditForm key={account.version} account={account} onConflict={refetch} />
      ) : (
        account.crmLink && (
          <p>
            <a href={account.crmLink} target="_blank" rel="noreferrer">
              Open in the CRM
            </a>
          </p>
        )
      )}
      <h2>Projects</h2>
      <ul aria-label="Projects" style={{ listStyle: 'none', padding: 0 }}>
        {account.projects.map((project) => (
          <li key={project.id} data-testid="project-item" style={{ display: 'flex', gap: '1rem', padding: '.3rem 0', borderBottom: '1px solid var(--pams-line)' }}>
            <Link href={`/projects/${project.id}`} style={{ flex: 1 }}>
              {project.name}
            </Link>
            <span className="pams-muted">{project.outcome ? `${STATUS_LABEL[project.outcome.result]} ${project.outcome.month}` : STATUS_LABEL.ACTIVE}</span>
          </li>
        ))}
        {account.projects.length === 0 && <li className="pams-muted">No projects yet.</li>}
      </ul>
      <NewProjectForm accountId={account.id} onCreated={refetch} />
      {/* Keyed by the open projects: a new or closed project re-applies the single-project default. */}
      <OutcomeForm key={openProjectKey(account)} account={account} onRecorded={refetch} />
      <AttachmentsPanel owner={{ type: 'ACCOUNT', id: account.id }} />
    </section>
  );
}

function AccountEditForm({ account, onConflict }: { account: Account; onConflict(): void }) {
  const [name, setName] = useState(account.name);
  const [crmLink, setCrmLink] = useState(account.crmLink ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateAccountDocument);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const { data } = await update({ variables: { id: account.id, expectedVersion: account.version, input: { name: name.trim(), crmLink: crmLink.trim() || null } } });
    const result = data?.updateAccount;
    if (!result) return setMessage('No answer from the server; try again.');
    if (result.__typename === 'Account') return setMessage(null);
    if (result.__typename === 'ValidationFailed') setErrors(fieldErrors(result));
    if (result.__typename === 'AccountVersionConflict') onConflict();
    setMessage(result.message);
  };
  return (
    <form aria-label="Edit account" style={ROW} noValidate onSubmit={(e) => void submit(e).catch((error: Error) => setMessage(error.message))}>
      <label className="pams-field">
        Account name
        <input className="pams-input" value={name} onChange={(e) => setName(e.target.value)} />
        {errors.name && <span className="pams-error-text">{errors.name}</span>}
      </label>
      <label className="pams-field">
        CRM link
        <input className="pams-input" type="url" value={crmLink} onChange={(e) => setCrmLink(e.target.value)} />
        {errors.crmLink && <span className="pams-error-text">{errors.crmLink}</span>}
      </label>
      <button type="submit" className="pams-button" disabled={loading}>
        Save account
      </button>
      {message && (
        <span className="pams-error-text" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}

function NewProjectForm({ accountId, onCreated }: { accountId: string; onCreated(): void }) {
  const client = useApolloClient();
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateProjectDocument);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await create({ variables: { input: { accountId, name: name.trim() } } });
    const result = data?.createProject;
    if (result?.__typename === 'Project') {
      setName('');
      setMessage(null);
      // The activity form's project list of this account, the projects list and the accounts list
      // (its project counts) are stale now.
      for (const fieldName of ['projects', 'projectList', 'accounts']) client.cache.evict({ id: 'ROOT_QUERY', fieldName });
      return onCreated();
    }
    setMessage(result?.__typename === 'ValidationFailed' ? Object.values(fieldErrors(result)).join(' ') : (result?.message ?? 'No answer from the server.'));
  };
  return (
    <form aria-label="New project" style={ROW} noValidate onSubmit={(e) => void submit(e).catch((error: Error) => setMessage(error.message))}>
      <label className="pams-field">
        New project name
        <input className="pams-input" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="pams-button" disabled={loading}>
        Add project
      </button>
      {message && (
        <span className="pams-error-text" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}

/** The win/loss form (P-004): with exactly one open project, that project is chosen. */
function OutcomeForm({ account, onRecorded }: { account: Account; onRecorded(): void }) {
  const client = useApolloClient();
  const open = account.projects.filter((project) => !project.outcome);
  const [projectId, setProjectId] = useState(open.length === 1 ? open[0].id : '');
  const [result, setResult] = useState<OutcomeResult>('WON');
  const [month, setMonth] = useState(() => monthOf(new Date()));
  const [crmLink, setCrmLink] = useState('');
  const [reason, setReason] = useState('');
  const [currency, setCurrency] = useState<Currency | ''>('');
  const [mrr, setMrr] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RecordOutcomeDocument);
  if (open.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const input = {
      accountId: account.id,
      projectId: projectId || null,
      result,
      month,
      crmLink: crmLink.trim(),
      reason: reason.trim(),
      currency: currency || null,
      mrrAmount: mrr.trim() === '' ? null : Number(mrr),
    };
    const { data } = await record({ variables: { input } });
    const answer = data?.recordOutcome;
    if (!answer) return setMessage('No answer from the server; try again.');
    if (answer.__typename === 'Outcome') {
      setErrors({});
      // The project is won or lost now: the projects list (its status and filters) is read again.
      client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'projectList' });
      return onRecorded();
    }
    if (answer.__typename === 'ValidationFailed') setErrors(fieldErrors(answer));
    setMessage(answer.message);
  };
  const error = (field: string) => errors[field] && <span className="pams-error-text">{errors[field]}</span>;
  return (
    <form aria-label="Record win or loss" className="pams-panel" noValidate onSubmit={(e) => void submit(e).catch((err: Error) => setMessage(err.message))}>
      <h2>Record a win or loss</h2>
      <div style={ROW}>
        <label className="pams-field">
          Outcome project
          <select className="pams-select" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">Choose…</option>
            {open.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
          {error('projectId')}
        </label>
        <label className="pams-field">
          Result
          <select className="pams-select" value={result} onChange={(e) => setResult(e.target.value as OutcomeResult)}>
            <option value="WON">Won</option>
            <option value="LOST">Lost</option>
          </select>
        </label>
        <label className="pams-field">
          Outcome month
          <input className="pams-input" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          {error('month')}
        </label>
      </div>
      <div style={ROW}>
        <label className="pams-field">
          Outcome CRM link
          <input className="pams-input" type="url" value={crmLink} onChange={(e) => setCrmLink(e.target.value)} />
          {error('crmLink')}
        </label>
        <label className="pams-field">
          Reason
          <input className="pams-input" value={reason} onChange={(e) => setReason(e.target.value)} />
          {error('reason')}
        </label>
        <label className="pams-field">
          Currency
          <select className="pams-select" value={currency} onChange={(e) => setCurrency(e.target.value as Currency | '')}>
            <option value="">—</option>
            {Object.values(CURRENCIES).map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          {error('currency')}
        </label>
        <label className="pams-field">
          MRR
          <input className="pams-input" type="number" min={0} value={mrr} onChange={(e) => setMrr(e.target.value)} />
          {error('mrrAmount')}
        </label>
      </div>
      <button type="submit" className="pams-button" disabled={loading}>
        Record outcome
      </button>
      {message && (
        <p className="pams-error-text" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}

function openProjectKey(account: Account): string {
  return account.projects
    .filter((project) => !project.outcome)
    .map((project) => project.id)
    .join(',');
}
