import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Attachment, AttachmentOwnerType } from './attachment.entity.js';

registerEnumType(AttachmentOwnerType, { name: 'AttachmentOwnerType' });

@ObjectType('Attachment', { simpleResolvers: true })
export class AttachmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => AttachmentOwnerType)
  ownerType!: AttachmentOwnerType;

  @Field(() => ID)
  ownerId!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Float)
  byteSize!: number;

  @Field(() => ID)
  uploadedById!: string;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;

  @Field(() => String, { description: 'Where to GET the file (access checked).' })
  downloadUrl!: string;
}

export function attachmentView(a: Attachment): AttachmentType {
  return {
    id: a.id,
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    fileName: a.fileName,
    contentType: a.contentType,
    byteSize: a.byteSize,
    uploadedById: a.uploadedById,
    createdAt: a.createdAt,
    downloadUrl: `/attachments/${a.id}`,
  };
}
