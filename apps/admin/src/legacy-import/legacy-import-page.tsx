import { useState } from 'react';
import { useApolloClient, useQuery } from '@pams/client-graphql';
import { LegacyImportDocument, LegacyImportsDocument } from '@pams/client-admin-data-access';
import { ErrorPanel, Link, Loading, navigate, useLocation } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { formatTime } from '../shared/format.js';
import { CELL, TableHead } from '../shared/table-head.js';
import { ImportPanel } from './import-panel.js';
import { importHref, kindLabel, LEGACY_IMPORT_PATH, RECENT_IMPORTS, STATUS_LABEL } from './legacy-import-params.js';
import { UploadForm } from './upload-form.js';

function RecentImports({ openId }: { openId: string | null }) {
  const { data, error, refetch } = useQuery(LegacyImportsDocument, { variables: { limit: RECENT_IMPORTS } });
  if (error && !data) {
    return (
      <ErrorPanel title="The imports could not be loaded" onRetry={() => void refetch()}>
        <p>{error.message}</p>
      </ErrorPanel>
    );
  }
  if (!data) return <Loading label="Loading the imports…" />;
  if (data.legacyImports.length === 0) return <p className="pams-muted">No file imported yet.</p>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="pams-panel" aria-label="Recent imports" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <TableHead columns={['Kind', 'File', 'Status', 'By', 'When']} />
        <tbody>
          {data.legacyImports.map((imp) => (
            <tr key={imp.id} data-import={imp.id} data-status={imp.status} aria-current={imp.id === openId || undefined}>
              <td style={CELL}>{kindLabel(imp.kind)}</td>
              <td style={CELL}>
                <Link href={importHref(imp.id)}>{imp.fileName}</Link>
              </td>
              <td style={CELL}>{STATUS_LABEL[imp.status]}</td>
              <td style={CELL}>{imp.uploadedByName}</td>
              <td style={CELL}>{formatTime(imp.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Legacy import (issue 10, P-011/P-012): files of the old system uploaded into staging, their columns
 * mapped, dry-run, conflicts decided, committed with post-checks, and undone. Each step runs in the
 * background; the open import is followed while it runs.
 */
export function LegacyImportPage() {
  const location = useLocation();
  const client = useApolloClient();
  const openId = location.search.get('import');
  const [uploadingId, setUploadingId] = useState<string | null>(null);

  return (
    <section data-testid="legacy-import-page">
      <AdminNav />
      <div className="pams-page-head">
        <h1>Legacy import</h1>
      </div>
      <p className="pams-muted">
        Bring the old system&apos;s users, accounts, projects and activities into PAMS: a file is read into staging, checked in a dry run, then committed in one
        transaction, which can be undone.
      </p>
      <UploadForm
        onStart={(id) => {
          setUploadingId(id);
          navigate(importHref(id));
        }}
        onEnd={(created) => {
          setUploadingId(null);
          void client.refetchQueries({ include: [LegacyImportsDocument, LegacyImportDocument] });
          if (!created) navigate(LEGACY_IMPORT_PATH, { replace: true });
        }}
      />
      {openId ? <ImportPanel key={openId} id={openId} uploading={uploadingId === openId} onClose={() => navigate(LEGACY_IMPORT_PATH)} /> : null}
      <h2>Recent imports</h2>
      <RecentImports openId={openId} />
    </section>
  );
}
