import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig, TaskHandler, Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { Attachment, AttachmentOwnerType } from './attachment.entity.js';
import { AttachmentRefused, checkAccess, checkedType, cleanFileName, scanUpload } from './attachment-rules.js';
import { LocalDiskStorage, receiveUpload, type AttachmentStorage } from './storage/attachment-storage.js';

export function attachmentStorage(config: Pick<AppConfig, 'attachments'>): AttachmentStorage {
  return new LocalDiskStorage(config.attachments.dir);
}

export interface UploadInput {
  ownerType: AttachmentOwnerType;
  ownerId: string;
  fileName: string;
  contentType: string | undefined;
  /** The Content-Length the client announced, refused at once when over the limit. */
  declaredBytes: number | null;
}

/**
 * Checks access, name and type before a byte is read, streams the body to a temporary file (stopped at
 * the size limit), runs the virus-scan hook, then stores the file and records it (audited) — the row is
 * written only once the bytes are safely stored, and the bytes removed again if the row cannot be.
 */
export async function uploadAttachment(em: EntityManager, config: AppConfig, viewer: Viewer, input: UploadInput, body: Readable): Promise<Attachment> {
  await checkAccess(em, viewer, input.ownerType, input.ownerId, 'write');
  const fileName = cleanFileName(input.fileName);
  const contentType = checkedType(fileName, input.contentType);
  const limit = config.attachments.maxBytes;
  const tooLarge = () => new AttachmentRefused(413, 'TOO_LARGE', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most an attachment may be.`);
  if (input.declaredBytes !== null && input.declaredBytes > limit) throw tooLarge();
  const temp = path.join(await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-upload-')), 'file');
  try {
    const received = await receiveUpload(body, temp, limit);
    if (!received) throw tooLarge();
    if (received.bytes === 0) throw new AttachmentRefused(400, 'BAD_USER_INPUT', 'The file is empty.');
    await scanUpload(config.attachments.scanCommand, temp);
    const storage = attachmentStorage(config);
    const key = randomUUID();
    await storage.put(key, temp);
    try {
      return await em.transactional(async (tx) => {
        const attachment = tx.create(Attachment, {
          ownerType: input.ownerType,
          ownerId: input.ownerId,
          uploadedById: viewer.id,
          fileName,
          contentType,
          byteSize: received.bytes,
          sha256: received.sha256,
          storageKey: key,
        });
        await tx.flush();
        return attachment;
      });
    } catch (error) {
      await storage.delete(key);
      throw error;
    }
  } finally {
    await fsp.rm(path.dirname(temp), { recursive: true, force: true });
  }
}

/** The attachment if the viewer may read it (refusals as AttachmentRefused), with its bytes' stream. */
export async function openAttachment(em: EntityManager, config: AppConfig, viewer: Viewer, id: string): Promise<{ attachment: Attachment; body: Readable }> {
  const attachment = await em.findOne(Attachment, { id, deletedAt: null });
  if (!attachment) throw new AttachmentRefused(404, 'NOT_FOUND', 'No such attachment (it may have been removed).');
  await checkAccess(em, viewer, attachment.ownerType, attachment.ownerId, 'read');
  const storage = attachmentStorage(config);
  if (!(await storage.exists(attachment.storageKey))) throw new AttachmentRefused(404, 'NOT_FOUND', 'The file of this attachment is gone.');
  return { attachment, body: storage.get(attachment.storageKey) };
}

export async function listAttachments(em: EntityManager, viewer: Viewer, ownerType: AttachmentOwnerType, ownerId: string): Promise<Attachment[]> {
  await checkAccess(em, viewer, ownerType, ownerId, 'read');
  return em.find(Attachment, { ownerType, ownerId, deletedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Removes an attachment (soft, audited): by who may attach to its record, or by its uploader, or an admin. */
export async function removeAttachment(em: EntityManager, viewer: Viewer, id: string): Promise<Attachment> {
  return em.transactional(async (tx) => {
    const attachment = await tx.findOne(Attachment, { id, deletedAt: null });
    if (!attachment) throw new AttachmentRefused(404, 'NOT_FOUND', 'No such attachment (it may have been removed).');
    if (attachment.uploadedById !== viewer.id && viewer.role !== Role.ADMIN) await checkAccess(tx, viewer, attachment.ownerType, attachment.ownerId, 'write');
    attachment.deletedAt = new Date();
    attachment.deletedById = viewer.id;
    await tx.flush();
    return attachment;
  });
}

export const PURGE_ATTACHMENTS_TASK = 'attachments:purge';
/** Every night at 03:30 UTC. */
export const PURGE_ATTACHMENTS_SCHEDULE = `30 3 * * * ${PURGE_ATTACHMENTS_TASK} ?id=attachments_purge&max=1&jobKey=attachments_purge`;

/**
 * Retention: the bytes of attachments removed more than ATTACHMENT_RETENTION_DAYS ago, and of those whose
 * activity was deleted that long ago, are deleted from storage; their rows stay, marked `purgedAt`.
 * Answers how many files went.
 */
export async function purgeAttachments(em: EntityManager, config: AppConfig, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - config.attachments.retentionDays * 86_400_000);
  const conn = em.getConnection();
  const due = await conn.execute<{ id: string; storage_key: string }[]>(
    `select t.id, t.storage_key from attachment t
      where t.purged_at is null and (
        t.deleted_at < ?
        or (t.owner_type = 'ACTIVITY' and exists (select 1 from activity a where a.id = t.owner_id and a.deleted_at < ?)))`,
    [cutoff, cutoff],
  );
  const storage = attachmentStorage(config);
  for (const row of due) {
    await storage.delete(row.storage_key);
    await conn.execute('update attachment set purged_at = now(), deleted_at = coalesce(deleted_at, now()) where id = ?', [row.id]);
  }
  return due.length;
}

export const purgeAttachmentsTask: TaskHandler = async (_payload, { em, config, log }) => {
  const purged = await purgeAttachments(em, config);
  if (purged > 0) log.info({ purged }, 'attachment files purged (retention)');
};
