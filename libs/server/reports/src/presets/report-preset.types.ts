import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Done, Forbidden, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import { PresetVisibility } from '../entities/report-preset.entity.js';
import { ReportFilter } from '../rollup/activity-report.input.js';
import { ReportDimension, ReportOrder } from '../rollup/report-dimension.js';

registerEnumType(PresetVisibility, { name: 'PresetVisibility', description: 'PERSONAL, or shared with everyone of one REGION.' });

export enum ReportChart {
  TABLE = 'TABLE',
  BAR = 'BAR',
  LINE = 'LINE',
}
registerEnumType(ReportChart, { name: 'ReportChart' });

/** A report as the builder keeps it: the range as fixed months or as the last N months. */
@InputType()
export class ReportDefinitionInput {
  @Field(() => String, { nullable: true, description: 'Fixed range start, YYYY-MM (with `to`).' })
  from?: string | null;

  @Field(() => String, { nullable: true })
  to?: string | null;

  @Field(() => Int, { nullable: true, description: 'Instead of from/to: the last N months, this one included (1–120).' })
  lastMonths?: number | null;

  @Field(() => [ReportDimension])
  groupBy!: ReportDimension[];

  @Field(() => ReportFilter, { nullable: true })
  filter?: ReportFilter | null;

  @Field(() => ReportOrder, { nullable: true })
  orderBy?: ReportOrder | null;

  @Field(() => Boolean, { nullable: true })
  countAccounts?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Most rows shown (1–5,000; none: the report default), e.g. a top 10.' })
  limit?: number | null;

  @Field(() => ReportChart, { nullable: true })
  chart?: ReportChart | null;
}

@ObjectType('ReportDefinitionFilter', { simpleResolvers: true })
export class ReportDefinitionFilter {
  @Field(() => [ID], { nullable: true }) regionIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) ownerIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) accountIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) industryIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) useCaseIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) salesRepIds?: string[] | null;
  @Field(() => [String], { nullable: true }) categories?: string[] | null;
  @Field(() => [String], { nullable: true }) types?: string[] | null;
  @Field(() => [String], { nullable: true }) callTypes?: string[] | null;
}

@ObjectType('ReportDefinition', { simpleResolvers: true })
export class ReportDefinition {
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => Int, { nullable: true }) lastMonths!: number | null;
  @Field(() => [ReportDimension]) groupBy!: ReportDimension[];
  @Field(() => ReportDefinitionFilter, { nullable: true }) filter!: ReportDefinitionFilter | null;
  @Field(() => ReportOrder, { nullable: true }) orderBy!: ReportOrder | null;
  @Field(() => Boolean) countAccounts!: boolean;
  @Field(() => ReportChart) chart!: ReportChart;
  @Field(() => Int, { nullable: true }) limit!: number | null;
}

@ObjectType('ReportPreset', { simpleResolvers: true })
export class ReportPresetType {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) name!: string;
  @Field(() => PresetVisibility) visibility!: PresetVisibility;
  @Field(() => ID, { nullable: true }) regionId!: string | null;
  @Field(() => String, { nullable: true }) regionName!: string | null;
  @Field(() => ID) ownerId!: string;
  @Field(() => String) ownerName!: string;
  @Field(() => Boolean, { description: 'The viewer may change or delete it.' }) editable!: boolean;
  @Field(() => ReportDefinition) definition!: ReportDefinition;
}

@InputType()
export class SaveReportPresetInput {
  @Field(() => ID, { nullable: true, description: 'Absent for a new preset.' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version read, for an existing preset.' })
  expectedVersion?: number | null;

  @Field(() => String)
  name!: string;

  @Field(() => PresetVisibility)
  visibility!: PresetVisibility;

  @Field(() => ID, { nullable: true, description: 'The region a REGION preset is shared with.' })
  regionId?: string | null;

  @Field(() => ReportDefinitionInput)
  definition!: ReportDefinitionInput;
}

/** The preset changed since it was read: nothing saved; `current` is the server's copy. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class PresetVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => ReportPresetType) current!: ReportPresetType;
}

export const SaveReportPresetResult = createUnionType({
  name: 'SaveReportPresetResult',
  types: () => [ReportPresetType, ValidationFailed, PresetVersionConflict, Forbidden, NotFound] as const,
});

export const DeleteReportPresetResult = createUnionType({
  name: 'DeleteReportPresetResult',
  types: () => [Done, PresetVersionConflict, Forbidden, NotFound] as const,
});
