import { useState } from 'react';
import { useQuery } from '@pams/client-graphql';
import { outcomeImportSummaries, OutcomeImportsDocument } from '@pams/client-reports-data-access';
import { ErrorPanel, Link, Loading, navigate, useLocation } from '@pams/client-ui';
import { ImportReview } from './import-review.js';
import { uploadOutcomeFile } from './upload-outcome-file.js';
import { WinsLossesCallout } from '../callouts/wins-losses-callout.js';

export const IMPORTS_PATH = '/reports/outcome-imports';
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** Wins and losses from the CRM's Excel export (P-024): upload, then review (`?id=`) and apply. */
export function OutcomeImportPage() {
  const location = useLocation();
  const id = new URLSearchParams(location.search).get('id');
  return (
    <section data-testid="outcome-import-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, gap: '.6rem' }}>
      <div className="pams-page-head">
        <h1>Outcomes from the CRM</h1>
        {id && <Link href={IMPORTS_PATH}>All imports</Link>}
        <Link href="/reports/outcomes">Wins & losses</Link>
      </div>
      <WinsLossesCallout />
      {id ? <ImportReview id={id} /> : <ImportList />}
    </section>
  );
}

function ImportList() {
  const list = useQuery(OutcomeImportsDocument, { fetchPolicy: 'cache-and-network' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    const answer = await uploadOutcomeFile(file);
    setBusy(false);
    if (answer.ok) navigate(`${IMPORTS_PATH}?id=${answer.importId}`);
    else setProblem(answer.message);
  }

  const imports = list.data ? outcomeImportSummaries(list.data.outcomeImports) : null;
  return (
    <>
      <div className="pams-panel">
        <label className="pams-field">
          Upload the CRM's Excel export (.xlsx, up to 5 MB, 1,000 rows)
          <input
            type="file"
            data-testid="outcome-import-file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        <p className="pams-muted">
          Columns: Opportunity ID, Account Name, Opportunity Name, Stage (Won / Lost), Close Date, Win/Loss Reason; optional MRR, Currency,
          One-time Value, Sales Rep, Competitors, Opportunity URL.
        </p>
        {busy && <Loading label="Reading the file…" />}
        {problem && (
          <p role="alert" className="pams-error-text" data-testid="upload-error">
            {problem}
          </p>
        )}
      </div>
      {list.error && !imports ? (
        <ErrorPanel title="Imports could not be loaded" onRetry={() => void list.refetch()}>
          <p>{list.error.message}</p>
        </ErrorPanel>
      ) : !imports ? (
        <Loading label="Loading imports…" />
      ) : imports.length === 0 ? (
        <p className="pams-muted">No imports yet.</p>
      ) : (
        <ul aria-label="Recent imports" data-testid="import-list">
          {imports.map((imp) => (
            <li key={imp.id}>
              <Link href={`${IMPORTS_PATH}?id=${imp.id}`}>{imp.fileName}</Link> · {imp.rowCount} rows · {imp.uploadedByName},{' '}
              {when.format(new Date(imp.uploadedAt))} · {imp.status === 'APPLIED' ? `applied, ${imp.appliedCount ?? 0} outcomes` : `${imp.counts.ready} ready, ${imp.counts.pending} to review`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
