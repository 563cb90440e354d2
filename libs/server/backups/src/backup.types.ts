import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { BackupStatus, BackupTrigger } from './entities/backup-snapshot.entity.js';

registerEnumType(BackupStatus, {
  name: 'BackupStatus',
  valuesConfig: {
    VERIFIED: { description: 'Restored into a scratch database with every check equal to the live figures at dump time: a restore point.' },
    FAILED: { description: 'Not a restore point; `error` and `mismatches` say why.' },
  },
});
registerEnumType(BackupTrigger, { name: 'BackupTrigger' });

@ObjectType('BackupMismatch', { simpleResolvers: true, description: 'One figure the restore does not hold as the live database did at dump time.' })
export class BackupMismatchType {
  @Field(() => String, { description: 'e.g. "activity: rows", "audit_event: max id", "effort: days".' })
  check!: string;

  @Field(() => String)
  expected!: string;

  @Field(() => String)
  actual!: string;
}

@ObjectType('BackupTableCheck', { simpleResolvers: true })
export class BackupTableCheckType {
  @Field(() => String)
  table!: string;

  @Field(() => Float, { description: 'Rows at dump time.' })
  rows!: number;

  @Field(() => Float, { nullable: true, description: 'Rows in the restore (null before verification).' })
  restoredRows!: number | null;

  @Field(() => String, { nullable: true, description: 'Largest integer id at dump time (integer keys only).' })
  maxId!: string | null;

  @Field(() => Boolean, { description: 'Rows, max id, id checksum and content checksum all equal in the restore.' })
  ok!: boolean;
}

@ObjectType('BackupSnapshot', { simpleResolvers: true })
export class BackupSnapshotType {
  @Field(() => ID)
  id!: string;

  @Field(() => BackupStatus)
  status!: BackupStatus;

  @Field(() => BackupTrigger)
  trigger!: BackupTrigger;

  @Field(() => String, { nullable: true, description: 'The admin who asked for it; null for the nightly run.' })
  requestedByName!: string | null;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Under BACKUP_DIR; null until the dump is whole.' })
  fileName!: string | null;

  @Field(() => Float, { nullable: true })
  byteSize!: number | null;

  @Field(() => String, { nullable: true })
  sha256!: string | null;

  @Field(() => String, { nullable: true })
  serverVersion!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  dumpedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  dumpMs!: number | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  verifyMs!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When retention removed the file (the record stays).' })
  expiredAt!: Date | null;

  @Field(() => Int, { description: 'Tables checked.' })
  tableCount!: number;

  @Field(() => Float, { nullable: true, description: 'Rows across every table at dump time.' })
  totalRows!: number | null;

  @Field(() => Int, { nullable: true, description: 'Live activities at dump time.' })
  activities!: number | null;

  @Field(() => [BackupMismatchType])
  mismatches!: BackupMismatchType[];

  @Field(() => [BackupTableCheckType], { description: 'Per table: the live figures at dump time beside the restore\'s.' })
  tables!: BackupTableCheckType[];

  @Field(() => Int, { description: 'Steps done (of `stepsTotal`) while it runs.' })
  stepsDone!: number;

  @Field(() => Int)
  stepsTotal!: number;

  @Field(() => String, { nullable: true, description: 'What it is doing now, while it runs.' })
  step!: string | null;
}

@ObjectType('BackupOverview', { simpleResolvers: true })
export class BackupOverviewType {
  @Field(() => [BackupSnapshotType], { description: 'Newest first.' })
  snapshots!: BackupSnapshotType[];

  @Field(() => BackupSnapshotType, { nullable: true, description: 'The newest verified snapshot whose file is still kept.' })
  lastGoodRestorePoint!: BackupSnapshotType | null;

  @Field(() => String)
  directory!: string;

  @Field(() => Int)
  retentionDays!: number;

  @Field(() => String, { description: 'When the nightly backup runs (cron, UTC).' })
  schedule!: string;

  @Field(() => Boolean, { description: 'Whether pg_dump and pg_restore are here and can serve this server.' })
  toolsReady!: boolean;

  @Field(() => String, { description: 'The tools found (e.g. "pg_dump 15"), or why backups cannot run here.' })
  toolsMessage!: string;
}
