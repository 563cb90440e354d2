import { createUnionType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Forbidden, ValidationFailed } from '@pams/server-core';
import { ExportFormat, ExportKind } from '../export-kinds.js';
import { ExportJobStatus } from './export-job.entity.js';

registerEnumType(ExportJobStatus, { name: 'ExportJobStatus' });

@InputType()
export class StartExportInput {
  @Field(() => ExportKind)
  kind!: ExportKind;

  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field(() => GraphQLJSON, {
    description:
      'As the download takes them: ACTIVITY_REPORT `{ input }`, OUTCOME_REPORT `{ input, table: "rows" | "outcomes" }`, ACTIVITIES `{ month?, filter? }`.',
  })
  params!: Record<string, unknown>;
}

@ObjectType('ExportJob', { simpleResolvers: true })
export class ExportJobType {
  @Field(() => ID)
  id!: string;

  @Field(() => ExportKind)
  kind!: ExportKind;

  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field(() => ExportJobStatus)
  status!: ExportJobStatus;

  @Field(() => Int, { description: 'Rows written so far.' })
  done!: number;

  @Field(() => Int, { nullable: true, description: 'Rows the export will hold, once counted.' })
  total!: number | null;

  @Field(() => String)
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'Where to GET the file (its owner only), once done.' })
  downloadUrl!: string | null;

  @Field(() => Int, { nullable: true })
  rowCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'File size in bytes, once done.' })
  byteSize!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the file (and this job) will be removed.' })
  expiresAt!: Date;
}

export const StartExportResult = createUnionType({
  name: 'StartExportResult',
  types: () => [ExportJobType, ValidationFailed, Forbidden] as const,
});
