import { createUnionType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Forbidden, NotFound, PageInfo, UserError, ValidationFailed } from '@pams/server-core';
import { Currency, OutcomeResult } from '@pams/shared-util';
import { OutcomeImportMatch, OutcomeImportRowStatus, OutcomeImportStatus } from './outcome-import.entity.js';

registerEnumType(OutcomeImportStatus, { name: 'OutcomeImportStatus', description: 'REVIEW until applied; APPLIED once its outcomes exist.' });
registerEnumType(OutcomeImportRowStatus, { name: 'OutcomeImportRowStatus' });
registerEnumType(OutcomeImportMatch, { name: 'OutcomeImportMatch', description: 'How a row found its project.' });

@ObjectType('OutcomeImportProject', { simpleResolvers: true })
export class OutcomeImportProject {
  @Field(() => ID) projectId!: string;
  @Field(() => String) projectName!: string;
  @Field(() => String) accountName!: string;
}

/** One row of the uploaded file, its match and the reviewer's decision. */
@ObjectType('OutcomeImportRow', { simpleResolvers: true })
export class OutcomeImportRowType {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The row number in the sheet, as Excel shows it.' }) rowNumber!: number;
  @Field(() => String, { nullable: true }) crmId!: string | null;
  @Field(() => String, { nullable: true }) accountName!: string | null;
  @Field(() => String, { nullable: true }) projectName!: string | null;
  @Field(() => OutcomeResult, { nullable: true }) result!: OutcomeResult | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; its month is the outcome\'s month.' }) closeDate!: string | null;
  @Field(() => Float, { nullable: true }) mrrAmount!: number | null;
  @Field(() => Currency, { nullable: true }) currency!: Currency | null;
  @Field(() => Float, { nullable: true }) oneTimeValue!: number | null;
  @Field(() => String, { nullable: true }) salesRep!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) competitors!: string | null;
  @Field(() => String, { nullable: true }) crmLink!: string | null;
  @Field(() => OutcomeImportRowStatus) status!: OutcomeImportRowStatus;
  @Field(() => Boolean, { description: 'Left out of the apply (DUPLICATE and INVALID rows start skipped).' }) skipped!: boolean;
  @Field(() => OutcomeImportProject, { nullable: true }) project!: OutcomeImportProject | null;
  @Field(() => OutcomeImportMatch, { nullable: true }) matchedBy!: OutcomeImportMatch | null;
  @Field(() => [OutcomeImportProject], { description: 'Projects to choose from (AMBIGUOUS rows).' }) candidates!: OutcomeImportProject[];
  @Field(() => [String], { description: 'What is wrong with the cells (INVALID rows).' }) errors!: string[];
  @Field(() => String, { nullable: true, description: 'Why the row has its status.' }) message!: string | null;
  @Field(() => ID, { nullable: true, description: 'The outcome the apply created.' }) outcomeId!: string | null;
}

@ObjectType('OutcomeImportRowConnection', { simpleResolvers: true })
export class OutcomeImportRowConnection {
  @Field(() => [OutcomeImportRowType]) nodes!: OutcomeImportRowType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('OutcomeImportCounts', { simpleResolvers: true })
export class OutcomeImportCounts {
  @Field(() => Int) matched!: number;
  @Field(() => Int) ambiguous!: number;
  @Field(() => Int) unmatched!: number;
  @Field(() => Int) duplicate!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int, { description: 'Rows the apply would record now.' }) ready!: number;
  @Field(() => Int, { description: 'Rows neither skipped nor matched yet: the apply waits for them.' }) pending!: number;
}

/** A CRM export staged for review (P-024). */
@ObjectType('OutcomeImport')
export class OutcomeImportType {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) fileName!: string;
  @Field(() => OutcomeImportStatus) status!: OutcomeImportStatus;
  @Field(() => Int) rowCount!: number;
  @Field(() => ID) uploadedById!: string;
  @Field(() => String) uploadedByName!: string;
  @Field(() => GraphQLDateTimeISO) uploadedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) appliedAt!: Date | null;
  @Field(() => String, { nullable: true }) appliedByName!: string | null;
  @Field(() => Int, { nullable: true, description: 'Outcomes the apply created.' }) appliedCount!: number | null;
  @Field(() => Boolean, { description: 'The viewer may review and apply it.' }) editable!: boolean;
  @Field(() => OutcomeImportCounts) counts!: OutcomeImportCounts;
}

/** Someone changed the import since the version the edit started from: nothing was saved. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class OutcomeImportVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => OutcomeImportType) current!: OutcomeImportType;
}

/** The import was applied already: it cannot change or apply again. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class OutcomeImportAlreadyApplied implements UserError {
  @Field(() => String) message!: string;
  @Field(() => OutcomeImportType) current!: OutcomeImportType;
}

@InputType()
export class ReviewOutcomeImportRowInput {
  @Field(() => ID) importId!: string;
  @Field(() => Int, { description: 'The import\'s version the reviewer saw.' }) expectedVersion!: number;
  @Field(() => ID) rowId!: string;
  @Field(() => ID, { nullable: true, description: 'The project the row is about (a project in the viewer\'s scope); unskips the row.' })
  projectId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true leaves the row out of the apply; false takes it back in.' })
  skip?: boolean | null;
}

export const ReviewOutcomeImportRowResult = createUnionType({
  name: 'ReviewOutcomeImportRowResult',
  types: () => [OutcomeImportType, OutcomeImportVersionConflict, OutcomeImportAlreadyApplied, ValidationFailed, Forbidden, NotFound] as const,
});

export const ApplyOutcomeImportResult = createUnionType({
  name: 'ApplyOutcomeImportResult',
  types: () => [OutcomeImportType, OutcomeImportVersionConflict, OutcomeImportAlreadyApplied, ValidationFailed, Forbidden, NotFound] as const,
});

/** The "wins & losses this month" callout, in the viewer's scope. */
@ObjectType('OutcomesThisMonth', { simpleResolvers: true })
export class OutcomesThisMonth {
  @Field(() => String, { description: 'YYYY-MM (UTC).' }) month!: string;
  @Field(() => Int) won!: number;
  @Field(() => Int) lost!: number;
  @Field(() => Float, { description: 'MRR won, in the reporting currency.' }) wonMrr!: number;
  @Field(() => GraphQLDateTimeISO) asOf!: Date;
}
