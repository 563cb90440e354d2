import { useState, type FormEvent } from 'react';
import type { LegacyImportKind } from '@pams/client-admin-data-access';
import { KINDS } from './legacy-import-params.js';

/**
 * Sends the file (POST /legacy-imports, the raw file as the body) under the id the page chose, so the page
 * can follow its reading meanwhile; null once staged, else the server's refusal in its words.
 */
async function sendFile(id: string, kind: LegacyImportKind, file: File): Promise<{ refusal: string | null; created: boolean }> {
  const query = new URLSearchParams({ id, kind, fileName: file.name });
  try {
    const response = await fetch(`/legacy-imports?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'text/csv', 'X-PAMS-Upload': '1' },
      body: file,
      credentials: 'include',
    });
    if (response.status === 201) return { refusal: null, created: true };
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    // 422: the import exists, FAILED with the reason; other refusals keep nothing.
    return { refusal: body?.error?.message ?? `The upload failed (HTTP ${response.status}).`, created: response.status === 422 };
  } catch (error) {
    return { refusal: `The upload could not be sent (${error instanceof Error ? error.message : String(error)}). Try again.`, created: false };
  }
}

export interface UploadFormProps {
  /** The upload starts under `id`: the page opens it and follows its reading. */
  onStart(id: string): void;
  /** It ended: `created` when the server kept an import under the id (staged, or failed with its reason). */
  onEnd(created: boolean): void;
}

/** A file of the old system, its kind chosen: uploaded and read into staging; nothing live changes yet. */
export function UploadForm({ onStart, onEnd }: UploadFormProps) {
  const [kind, setKind] = useState<LegacyImportKind>('USERS');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || busy) return;
    const form = event.currentTarget;
    const id = crypto.randomUUID();
    setBusy(true);
    setRefusal(null);
    onStart(id);
    const answer = await sendFile(id, kind, file);
    setBusy(false);
    setRefusal(answer.refusal);
    if (!answer.refusal) {
      form.reset();
      setFile(null);
    }
    onEnd(answer.created);
  };

  return (
    <form className="pams-panel" aria-labelledby="legacy-upload-title" data-testid="legacy-upload" onSubmit={(e) => void submit(e)}>
      <h2 id="legacy-upload-title">Upload a file</h2>
      <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <label className="pams-field">
          <span>What the file holds</span>
          <select className="pams-select" value={kind} onChange={(e) => setKind(e.target.value as LegacyImportKind)} aria-describedby="legacy-kind-hint">
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="pams-field">
          <span>File (.csv or .xlsx)</span>
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" className="pams-button" disabled={!file || busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <p id="legacy-kind-hint" className="pams-muted">
        Import users first, then accounts, then projects, then activities: each file&apos;s rows are matched against what the earlier ones brought in.
      </p>
      {refusal ? (
        <p role="alert" className="pams-error-text" data-testid="legacy-upload-refusal">
          {refusal}
        </p>
      ) : null}
    </form>
  );
}
