import { OUTCOME_IMPORT_CONTENT_TYPE, OUTCOME_IMPORT_UPLOAD_PATH } from '@pams/client-reports-data-access';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadAnswer = { ok: true; importId: string } | { ok: false; message: string };

/** Sends the .xlsx itself as the body (the session cookie authenticates; the content type is not a "simple" one, so no CSRF). */
export async function uploadOutcomeFile(file: File): Promise<UploadAnswer> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, message: 'The file is larger than 5 MB: split the export and upload each part.' };
  try {
    const response = await fetch(`${OUTCOME_IMPORT_UPLOAD_PATH}?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': OUTCOME_IMPORT_CONTENT_TYPE },
      body: file,
    });
    const body = (await response.json().catch(() => null)) as { import?: { id: string }; error?: { message: string } } | null;
    if (response.ok && body?.import) return { ok: true, importId: body.import.id };
    return { ok: false, message: body?.error?.message ?? `The upload failed (HTTP ${response.status}).` };
  } catch (error) {
    return { ok: false, message: `The upload failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
