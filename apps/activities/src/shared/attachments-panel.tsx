import { useRef, useState, type ChangeEvent } from 'react';
import { useMutation, useQuery } from '@pams/client-graphql';
import { AttachmentsDocument, RemoveAttachmentDocument } from '@pams/client-activities-data-access';
import { ConfirmPanel } from './confirm-panel.js';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.md,.docx,.xlsx,.pptx,.eml';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Sends one file to the gateway (POST /attachments, the raw file as the body); the server's refusal, in its words, when it refuses. */
async function uploadFile(owner: AttachmentOwner, file: File): Promise<string | null> {
  const query = new URLSearchParams({ ownerType: owner.type, ownerId: owner.id, fileName: file.name });
  try {
    const response = await fetch(`/attachments?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-PAMS-Upload': '1' },
      body: file,
      credentials: 'same-origin',
    });
    if (response.ok) return null;
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return body?.error?.message ?? `The upload failed (HTTP ${response.status}).`;
  } catch (error) {
    return `The upload could not be sent (${error instanceof Error ? error.message : String(error)}). Try again.`;
  }
}

/** What the files are attached to. */
export interface AttachmentOwner {
  type: 'ACTIVITY' | 'ACCOUNT';
  id: string;
}

/** An activity's or an account's files (P-022): each a download; attach another; remove one, confirmed. */
export function AttachmentsPanel({ owner }: { owner: AttachmentOwner }) {
  const { data, error, refetch } = useQuery(AttachmentsDocument, { variables: { ownerType: owner.type, ownerId: owner.id } });
  const [remove, { loading: removing }] = useMutation(RemoveAttachmentDocument);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setMessage(null);
    const refusals: string[] = [];
    for (const file of files) {
      const refusal = await uploadFile(owner, file);
      if (refusal) refusals.push(`${file.name}: ${refusal}`);
    }
    await refetch();
    setBusy(false);
    setMessage(refusals.length > 0 ? refusals.join(' ') : null);
  };

  const confirmRemove = async (id: string) => {
    try {
      await remove({ variables: { id } });
      setConfirming(null);
      await refetch();
    } catch (caught) {
      setMessage(caught instanceof Error ? caught.message : String(caught));
    }
  };

  // Who may not read these files does not see the panel at all.
  if (error?.message.startsWith('You may not read')) return null;
  const files = data?.attachments ?? [];
  return (
    <section className="pams-panel" data-testid="attachments" aria-label="Attachments" style={{ marginTop: '1rem' }}>
      <h2>Attachments</h2>
      {error && !data ? <p className="pams-error-text">{error.message}</p> : null}
      {files.length === 0 && data ? <p className="pams-muted">No files yet.</p> : null}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {files.map((a) => (
          <li key={a.id} data-attachment={a.id} style={{ display: 'flex', gap: '.6rem', alignItems: 'baseline', padding: '.2rem 0' }}>
            <a href={a.downloadUrl} download={a.fileName}>
              {a.fileName}
            </a>
            <span className="pams-muted">{size(a.byteSize)}</span>
            <button type="button" className="pams-button pams-button-quiet" onClick={() => setConfirming(a.id)} aria-label={`Remove ${a.fileName}`}>
              Remove
            </button>
            {confirming === a.id ? (
              <ConfirmPanel
                testId="remove-attachment-confirm"
                title={`Remove ${a.fileName}?`}
                action={removing ? 'Removing…' : 'Remove'}
                busy={removing}
                onConfirm={() => void confirmRemove(a.id)}
                onCancel={() => setConfirming(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <label style={{ display: 'inline-flex', gap: '.4rem', alignItems: 'center', marginTop: '.5rem' }}>
        <span>{busy ? 'Uploading…' : 'Attach files'}</span>
        <input ref={input} type="file" multiple accept={ACCEPT} disabled={busy} onChange={(e) => void onFiles(e)} data-testid="attach-input" />
      </label>
      {message ? (
        <p className="pams-error-text" role="alert" data-testid="attachments-message">
          {message}
        </p>
      ) : null}
    </section>
  );
}
