import { useEffect, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@pams/client-graphql';
import { ActivitiesBootstrapDocument, AccountsPageDocument, CreateAccountDocument } from '@pams/client-activities-data-access';
import { ErrorPanel, Link, Loading, navigate } from '@pams/client-ui';

// The prefetch in routes.ts asks for the same first page (keep the two in step).
const PAGE_SIZE = 50;

/** `/accounts`: accounts by name with search, a page at a time, and a form to add one. */
export function AccountsPage() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  // One entry per loaded page: the cursor it starts after (null = first page).
  const [pages, setPages] = useState<(string | null)[]>([null]);
  useEffect(() => {
    // Only a changed search starts over from the first page (not the first render, which would drop "Load more").
    if (search.trim() === query) return;
    const timer = window.setTimeout(() => {
      setQuery(search.trim());
      setPages([null]);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [search, query]);

  return (
    <section data-testid="accounts-page" style={{ overflow: 'auto' }}>
      <div className="pams-page-head">
        <h1>Accounts</h1>
        <Link href="/activities">Activities</Link>
      </div>
      <NewAccountForm />
      <div className="pams-toolbar" role="search" aria-label="Find accounts">
        <label className="pams-field">
          Search accounts
          <input className="pams-input" type="search" value={search} placeholder="Part of the name" onChange={(e) => setSearch(e.target.value)} />
        </label>
      </div>
      <ul aria-label="Accounts" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {pages.map((after, index) => (
          <AccountsPageSlice
            key={`${query}/${after ?? ''}`}
            search={query}
            after={after}
            last={index === pages.length - 1}
            onMore={(cursor) => setPages((p) => [...p, cursor])}
          />
        ))}
      </ul>
    </section>
  );
}

function AccountsPageSlice({ search, after, last, onMore }: { search: string; after: string | null; last: boolean; onMore(cursor: string): void }) {
  const result = useQuery(AccountsPageDocument, { variables: { search: search || null, first: PAGE_SIZE, after } });
  if (result.error) {
    return (
      <li>
        <ErrorPanel title="The accounts could not be loaded" onRetry={() => void result.refetch()} />
      </li>
    );
  }
  if (!result.data) {
    return (
      <li>
        <Loading label="Loading accounts…" />
      </li>
    );
  }
  const { nodes, pageInfo } = result.data.accounts;
  return (
    <>
      {nodes.length === 0 && after === null && (
        <li className="pams-muted" data-testid="accounts-empty">
          No accounts match.
        </li>
      )}
      {nodes.map((account) => (
        <li key={account.id} data-testid="account-item" style={{ display: 'flex', gap: '1rem', padding: '.4rem 0', borderBottom: '1px solid var(--pams-line)' }}>
          <Link href={`/accounts/${account.id}`} style={{ flex: '1 1 16rem' }}>
            {account.name}
          </Link>
          <span className="pams-muted" style={{ flex: '0 1 12rem' }}>
            {account.industry?.name ?? '—'}
          </span>
          <span className="pams-muted" style={{ flex: '0 0 8rem' }}>
            {account.projectCount} project{account.projectCount === 1 ? '' : 's'}
          </span>
        </li>
      ))}
      {last && pageInfo.hasNextPage && pageInfo.endCursor && (
        <li style={{ padding: '.6rem 0' }}>
          <button type="button" className="pams-button pams-button-quiet" onClick={() => onMore(pageInfo.endCursor!)}>
            Load more
          </button>
        </li>
      )}
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
      navigate(`/accounts/${result.id}`);
      return;
    }
    if (result.__typename === 'ValidationFailed') setErrors(Object.fromEntries(result.fields.map((f) => [f.field, f.message])));
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
