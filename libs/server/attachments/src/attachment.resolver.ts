import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { isUuid, publicError, signedInViewer, type RequestContext } from '@pams/server-core';
import { AttachmentOwnerType } from './attachment.entity.js';
import { AttachmentRefused } from './attachment-rules.js';
import { listAttachments, removeAttachment } from './attachment.service.js';
import { AttachmentType, attachmentView } from './attachment.types.js';

function asGraphqlError(error: unknown): never {
  if (error instanceof AttachmentRefused) throw publicError(error.code === 'NOT_FOUND' ? 'NOT_FOUND' : error.code, error.message);
  throw error;
}

/** Attachments of activities and accounts (P-022); uploads and downloads are HTTP (`/attachments`). */
@Resolver()
export class AttachmentResolver {
  @Authorized()
  @Query(() => [AttachmentType], { description: 'The files attached to an activity or an account, oldest first; refused (FORBIDDEN) to who may not read them.' })
  async attachments(
    @Arg('ownerType', () => AttachmentOwnerType) ownerType: AttachmentOwnerType,
    @Arg('ownerId', () => ID) ownerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentType[]> {
    if (!isUuid(ownerId)) throw publicError('BAD_USER_INPUT', '"ownerId" must be the id of the activity or account.');
    return (await listAttachments(ctx.em, await signedInViewer(ctx), ownerType, ownerId).catch(asGraphqlError)).map(attachmentView);
  }

  @Authorized()
  @Mutation(() => AttachmentType, { description: 'Removes an attachment (audited); its file is kept for the retention window, then purged.' })
  async removeAttachment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<AttachmentType> {
    if (!isUuid(id)) throw publicError('NOT_FOUND', 'No such attachment.');
    return attachmentView(await removeAttachment(ctx.em, await signedInViewer(ctx), id).catch(asGraphqlError));
  }
}
