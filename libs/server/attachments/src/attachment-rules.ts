import { spawn } from 'node:child_process';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { mayWriteActivity, Role, WRITER_ROLES } from '@pams/shared-util';
import { AttachmentOwnerType } from './attachment.entity.js';

/** The file types an attachment may be, by extension, with the content types each may be sent as. */
export const ALLOWED_TYPES: Record<string, readonly string[]> = {
  pdf: ['application/pdf'],
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  txt: ['text/plain'],
  csv: ['text/csv', 'text/plain'],
  md: ['text/markdown', 'text/plain'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  eml: ['message/rfc822'],
};

export class AttachmentRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A file name as shown and offered again: no folders, no control characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (base === '' || base === '.' || base === '..') throw new AttachmentRefused(400, 'BAD_USER_INPUT', 'Give the file a name.');
  if (base.length > 200) throw new AttachmentRefused(400, 'BAD_USER_INPUT', 'The file name is longer than 200 characters.');
  return base;
}

/** The content type to store, checked against the name's extension; refused types say which are allowed. */
export function checkedType(fileName: string, contentType: string | undefined): string {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const allowed = extension ? ALLOWED_TYPES[extension] : undefined;
  if (!allowed) {
    throw new AttachmentRefused(415, 'UNSUPPORTED_TYPE', `Files of this type cannot be attached. Allowed: ${Object.keys(ALLOWED_TYPES).join(', ')}.`);
  }
  const given = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (given === '' || given === 'application/octet-stream') return allowed[0];
  if (!allowed.includes(given)) throw new AttachmentRefused(415, 'UNSUPPORTED_TYPE', `A .${extension} file is not sent as ${given}.`);
  return given;
}

interface OwnerFacts {
  exists: boolean;
  /** The activity's owner and region (activities only). */
  activity?: { ownerId: string; regionId: string | null };
}

async function ownerFacts(em: EntityManager, type: AttachmentOwnerType, id: string): Promise<OwnerFacts> {
  const conn = em.getConnection();
  if (type === AttachmentOwnerType.ACTIVITY) {
    const [row] = await conn.execute<{ owner_id: string; region_id: string | null }[]>('select owner_id, region_id from activity where id = ? and deleted_at is null', [id]);
    return row ? { exists: true, activity: { ownerId: row.owner_id, regionId: row.region_id } } : { exists: false };
  }
  const [row] = await conn.execute<{ id: string }[]>('select id from account where id = ?', [id]);
  return { exists: !!row };
}

const noun = (type: AttachmentOwnerType) => (type === AttachmentOwnerType.ACTIVITY ? 'activity' : 'account');

/**
 * Who may attach to, remove from and read the files of a record. Activities: those who may change the
 * activity (its owner, a manager of its region, admins) attach and remove; they and leaders read. Accounts:
 * every role that logs activities attaches and reads; leaders read too; removing is the uploader's or an admin's.
 * An analyst (read-only tokens) never reads attachments: they are documents, not figures.
 */
export async function checkAccess(em: EntityManager, viewer: Viewer, type: AttachmentOwnerType, id: string, action: 'write' | 'read'): Promise<void> {
  const facts = await ownerFacts(em, type, id);
  if (!facts.exists) throw new AttachmentRefused(404, 'NOT_FOUND', `No such ${noun(type)}.`);
  const writer = facts.activity ? mayWriteActivity(viewer, facts.activity) : WRITER_ROLES.includes(viewer.role);
  const allowed = action === 'write' ? writer : writer || viewer.role === Role.LEADER;
  if (!allowed) {
    throw new AttachmentRefused(403, 'FORBIDDEN', action === 'write' ? `You may not attach files to this ${noun(type)}.` : `You may not read the files of this ${noun(type)}.`);
  }
}

/**
 * The virus-scan hook: ATTACHMENT_SCAN_COMMAND (e.g. a wrapper around clamdscan) is run with the uploaded
 * file's path; exit 0 is clean, 1 is infected (its output says why), anything else a failed scan. Without a
 * command, files are stored unscanned.
 */
export async function scanUpload(command: string | undefined, file: string): Promise<void> {
  if (!command) return;
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, output: output.trim().slice(0, 300) }));
  });
  if (code === 0) return;
  if (code === 1) throw new AttachmentRefused(422, 'INFECTED', `The file was refused by the virus scan${output ? `: ${output}` : '.'}`);
  throw new AttachmentRefused(503, 'SCAN_FAILED', 'The file could not be scanned for viruses; try again later.');
}
