import { useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@pams/client-graphql';
import {
  accountFields,
  ActivitiesBootstrapDocument,
  AccountsPageDocument,
  CreateAccountDocument,
  fieldErrors,
  type AccountFields,
  type AccountsPageQuery,
} from '@pams/client-activities-data-access';
import { Link, navigate } from '@pams/client-ui';
import { SearchField } from '../shared/search-field.js';
import { PagedTable, usePagedList } from '../shared/paged-list.js';
import { accountListVariables } from './account-list-params.js';

const ROW_HEIGHT = 40;

type Node = AccountsPageQuery['accounts']['nodes'][number];
const accountsOf = (data: AccountsPageQuery) => data.accounts;
// Constant style objects: rows re-render while scrolling, their styles need not be rebuilt.
const COL = {
  name: { flex: '1 1 16rem', minWidth: 0 },
  industry: { flex: '0 1 12rem', minWidth: 0 },
  region: { flex: '0 1 10rem', minWidth: 0 },
  projects: { flex: '0 0 7rem', textAlign: 'right' as const },
};

/** `/accounts`: accounts by name with search, loaded a page at a time as the list scrolls, and a form to add one. */
export function AccountsPage() {
  const [query, setQuery] = useState('');

  return (
    <section data-testid="accounts-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div className="pams-page-head">
        <h1>Accounts</h1>
        <Link href="/projects">Projects</Link>
        <Link href="/activities">Activities</Link>
      </div>
      <NewAccountForm />
      <div className="pams-toolbar" role="search" aria-label="Find accounts">
        <SearchField label="Search accounts" value={query} placeholder="Part of the name" onChange={setQuery} />
      </div>
      {/* A new search starts over from its first page. */}
      <AccountList key={query} search={query} />
    </section>
  );
}

function AccountList({ search }: { search: string }) {
  const list = usePagedList(AccountsPageDocument, accountListVariables(search), accountsOf);
  return (
    <PagedTable
      list={list}
      what="accounts"
      label="Accounts"
      rowHeight={ROW_HEIGHT}
      getKey={(node) => accountFields(node).id}
      header={
        <>
          <span role="columnheader" style={COL.name}>Account</span>
          <span role="columnheader" style={COL.industry}>Industry</span>
          <span role="columnheader" style={COL.region}>Region</span>
          <span role="columnheader" style={COL.projects}>Projects</span>
        </>
      }
      renderRow={(node) => <AccountRow node={node} account={accountFields(node)} />}
    />
  );
}

function AccountRow({ node, account }: { node: Node; account: AccountFields }) {
  return (
    <>
      <span role="cell" style={COL.name} data-testid="account-item">
        <Link href={`/accounts/${account.id}`}>{account.name}</Link>
      </span>
      <span role="cell" className="pams-muted" style={COL.industry}>
        {account.industry?.name ?? '—'}
      </span>
      <span role="cell" className="pams-muted" style={COL.region}>
        {node.region?.name ?? '—'}
      </span>
      <span role="cell" className="pams-muted" style={COL.projects}>
        {node.projectCount} project{node.projectCount === 1 ? '' : 's'}
      </span>
    </>
  );
}

function NewAccountForm() {
  const client = useApolloClient();
  const bootstrap = useQuery(ActivitiesBootstrapDocument);
  const [name, setName] = useState('');
  const [crmLink, setCrmLink] = useState('');
  const [industryId, setIndustryId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateAccountDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const { data } = await create({ variables: { input: { name: name.trim(), crmLink: crmLink.trim() || null, industryId: industryId || null } } });
    const result = data?.createAccount;
    if (!result) return setMessage('No answer from the server; try again.');
    if (result.__typename === 'Account') {
      // A new account changes the cached searches and the form's account picker: read them again.
      client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'accounts' });
      navigate(`/accounts/${accountFields(result).id}`);
      return;
    }
    if (result.__typename === 'ValidationFailed') setErrors(fieldErrors(result));
    setMessage(result.message);
  };

  return (
    <form
      aria-label="New account"
      className="pams-toolbar"
      noValidate
      onSubmit={(event) => void submit(event).catch((error: Error) => setMessage(error.message))}
    >
      <label className="pams-field">
        New account name
        <input className="pams-input" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} />
        {errors.name && <span className="pams-error-text">{errors.name}</span>}
      </label>
      <label className="pams-field">
        CRM link
        <input className="pams-input" type="url" value={crmLink} onChange={(e) => setCrmLink(e.target.value)} />
        {errors.crmLink && <span className="pams-error-text">{errors.crmLink}</span>}
      </label>
      <label className="pams-field">
        Industry
        <select className="pams-select" value={industryId} onChange={(e) => setIndustryId(e.target.value)}>
          <option value="">—</option>
          {bootstrap.data?.bootstrap.industries.map((industry) => (
            <option key={industry.id} value={industry.id}>
              {industry.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="pams-button" disabled={loading}>
        Add account
      </button>
      {message && (
        <span className="pams-error-text" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}
