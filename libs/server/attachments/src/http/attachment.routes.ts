import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { inRequestScope, isUuid, refuse, signedInOrRefused, type AppConfig, type Authenticator } from '@pams/server-core';
import { AttachmentOwnerType } from '../attachment.entity.js';
import { AttachmentRefused } from '../attachment-rules.js';
import { openAttachment, uploadAttachment } from '../attachment.service.js';
import { attachmentView } from '../attachment.types.js';

export interface AttachmentRoutesDeps {
  orm: MikroORM;
  config: AppConfig;
  authenticator: Authenticator;
}

/** A header no cross-site form can send: an upload with the session cookie must come from our own pages. */
export const UPLOAD_HEADER = 'x-pams-upload';

function refused(res: Response, error: unknown): boolean {
  if (!(error instanceof AttachmentRefused)) return false;
  refuse(res, error.status, error.code, error.message);
  return true;
}

/**
 * `POST /attachments?ownerType=ACTIVITY|ACCOUNT&ownerId=<id>&fileName=<name>` with the file as the raw body
 * (its Content-Type; header `X-PAMS-Upload: 1`) → 201 with the attachment; and `GET /attachments/<id>` → the
 * file, as a download, for who may read it. Refusals are `{ error: { code, message } }` with 400, 403, 404,
 * 413 (too large), 415 (type), 422 (virus scan) or 503 (scan failed).
 */
export function mountAttachmentRoutes(router: Pick<Router, 'get' | 'post'>, deps: AttachmentRoutesDeps): void {
  router.post('/attachments', (req, res, next) => {
    inRequestScope(req, () => upload(deps, req, res)).catch(next);
  });
  router.get('/attachments/:id', (req, res, next) => {
    inRequestScope(req, () => download(deps, String(req.params.id), req, res)).catch(next);
  });
}

async function upload(deps: AttachmentRoutesDeps, req: Request, res: Response): Promise<void> {
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
  if (!viewer) return;
  if (req.headers[UPLOAD_HEADER] !== '1') return refuse(res, 400, 'BAD_USER_INPUT', 'Send the upload with the header X-PAMS-Upload: 1.');
  const { ownerType, ownerId, fileName } = req.query;
  if (typeof ownerType !== 'string' || !(ownerType in AttachmentOwnerType)) return refuse(res, 400, 'BAD_USER_INPUT', '"ownerType" must be ACTIVITY or ACCOUNT.');
  if (typeof ownerId !== 'string' || !isUuid(ownerId)) return refuse(res, 400, 'BAD_USER_INPUT', '"ownerId" must be the id of the activity or account.');
  if (typeof fileName !== 'string') return refuse(res, 400, 'BAD_USER_INPUT', 'Give the file\'s name as "fileName".');
  const length = req.headers['content-length'];
  try {
    const attachment = await uploadAttachment(
      deps.orm.em.fork(),
      deps.config,
      viewer,
      { ownerType: ownerType as AttachmentOwnerType, ownerId, fileName, contentType: req.headers['content-type'], declaredBytes: length ? Number(length) : null },
      req,
    );
    res.status(201).set('Cache-Control', 'no-store').json({ attachment: attachmentView(attachment) });
  } catch (error) {
    // A body refused before it was read is not read: the connection closes after the answer.
    if (refused(res, error)) {
      if (!req.readableEnded) res.once('finish', () => req.destroy());
      return;
    }
    throw error;
  }
}

async function download(deps: AttachmentRoutesDeps, id: string, req: Request, res: Response): Promise<void> {
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
  if (!viewer) return;
  if (!isUuid(id)) return refuse(res, 404, 'NOT_FOUND', 'No such attachment.');
  let opened: Awaited<ReturnType<typeof openAttachment>>;
  try {
    opened = await openAttachment(deps.orm.em.fork(), deps.config, viewer, id);
  } catch (error) {
    if (refused(res, error)) return;
    throw error;
  }
  const { attachment, body } = opened;
  res.status(200).set({
    'Content-Type': attachment.contentType,
    'Content-Length': String(attachment.byteSize),
    'Content-Disposition': `attachment; filename="${attachment.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    // Never rendered as a page of ours, whatever it holds.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  await pipeline(body, res);
}
