import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export enum AttachmentOwnerType {
  ACTIVITY = 'ACTIVITY',
  ACCOUNT = 'ACCOUNT',
}

/**
 * A file attached to an activity or an account (P-022). The bytes are in the attachment storage under
 * `storageKey` (libs/server/attachments/src/storage); this row says what they are, who put them there, and
 * when they were deleted. Deleting is soft (`deletedAt`, audited like the upload); the bytes are purged
 * after ATTACHMENT_RETENTION_DAYS (`purgedAt`), the row stays.
 */
@Entity({ tableName: 'attachment' })
@Index({ properties: ['ownerType', 'ownerId'] })
export class Attachment {
  [OptionalProps]?: 'id' | 'createdAt' | 'deletedAt' | 'deletedById' | 'purgedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => AttachmentOwnerType, type: 'string' })
  ownerType!: AttachmentOwnerType;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'uuid' })
  uploadedById!: string;

  /** As the uploader named it, cleaned of path parts and control characters. */
  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @Property({ type: 'string', length: 120 })
  contentType!: string;

  @Property({ type: 'integer' })
  byteSize!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 80 })
  storageKey!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  deletedById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  purgedAt: Date | null = null;
}
