import { useState } from 'react';
import { useMutation } from '@pams/client-graphql';
import { EXPORT_FORMATS, exportJobView, StartExportDocument, type ExportFormat, type ExportJobView, type ExportKind } from '@pams/client-reports-data-access';
import { ExportJobProgress } from './export-job-progress.js';

/** Above this many rows a streamed download may take a while: the bar suggests the background export. */
export const LARGE_EXPORT_ROWS = 5_000;

export interface ExportBarProps {
  /** What is exported, e.g. "the report": names the group ("Export the report"). */
  what: string;
  kind: ExportKind;
  /** startExport's params, as the download's query string gives them. */
  params: Record<string, unknown>;
  hrefOf(format: ExportFormat): string;
  /** Rows the export will hold, when known. */
  rowCount?: number;
}

/**
 * CSV / XLSX / PDF of a table on the page: plain download links (the server streams the file), and an
 * export job for long ones, with its progress and then the file.
 */
export function ExportBar({ what, kind, params, hrefOf, rowCount }: ExportBarProps) {
  const [start, { loading }] = useMutation(StartExportDocument);
  const [format, setFormat] = useState<ExportFormat>('XLSX');
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const large = rowCount !== undefined && rowCount > LARGE_EXPORT_ROWS;

  async function startInBackground() {
    setRefusal(null);
    setJob(null);
    try {
      const { data } = await start({ variables: { input: { kind, format, params } } });
      const result = data?.startExport;
      if (!result) return;
      if (result.__typename === 'ExportJob') setJob(exportJobView(result));
      else if (result.__typename === 'ValidationFailed') setRefusal(`The export was refused: ${result.fields.map((f) => f.message).join(' ') || result.message}`);
      else setRefusal(`The export was refused: ${result.message}`);
    } catch (error) {
      setRefusal(`The export could not be started: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <div>
      <div role="group" aria-label={`Export ${what}`} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '.4rem', margin: '0 0 .6rem' }}>
        <span className="pams-muted">Export {what}:</span>
        {EXPORT_FORMATS.map((f) => (
          <a key={f} className="pams-button pams-button-quiet" style={{ padding: '.15rem .6rem', textDecoration: 'none' }} href={hrefOf(f)} download aria-label={`${f} of ${what}`}>
            {f}
          </a>
        ))}
        <span className="pams-muted" aria-hidden="true">
          ·
        </span>
        <select className="pams-select" aria-label={`Background export format of ${what}`} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <button type="button" className="pams-button pams-button-quiet" style={{ padding: '.15rem .6rem' }} disabled={loading} onClick={() => void startInBackground()}>
          Export in background
        </button>
        {large && <span className="pams-muted">{rowCount.toLocaleString('en')} rows: the background export is the surer way.</span>}
      </div>
      {refusal && (
        <p className="pams-error-text" role="alert" style={{ margin: '0 0 .6rem' }}>
          {refusal}
        </p>
      )}
      {job && <ExportJobProgress key={job.id} first={job} onDismiss={() => setJob(null)} />}
    </div>
  );
}
