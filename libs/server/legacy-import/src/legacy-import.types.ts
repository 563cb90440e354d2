import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { FieldError, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import { LegacyImportKind, LegacyImportStatus, LegacyRowStatus, LegacyValueChoice } from './entities/legacy-import.entity.js';

registerEnumType(LegacyImportKind, { name: 'LegacyImportKind', description: 'What a file of the old system holds; import users, then accounts, then projects, then activities.' });
registerEnumType(LegacyImportStatus, { name: 'LegacyImportStatus' });
registerEnumType(LegacyRowStatus, { name: 'LegacyRowStatus' });
registerEnumType(LegacyValueChoice, { name: 'LegacyValueChoice', description: 'Which value a conflicting field keeps.' });

@ObjectType('LegacyImportField', { simpleResolvers: true, description: 'A field of PAMS and the column of the file mapped to it.' })
export class LegacyImportFieldType {
  @Field(() => String) name!: string;
  @Field(() => String) label!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Boolean, { description: 'Part of the natural key the rows are matched on.' }) key!: boolean;
  @Field(() => Int, { nullable: true, description: 'Index in `headers`; null when no column is mapped.' }) column!: number | null;
  @Field(() => Int, { nullable: true, description: 'The column PAMS suggests from the headers.' }) suggested!: number | null;
}

@ObjectType('LegacyImportCounts', { simpleResolvers: true })
export class LegacyImportCountsType {
  @Field(() => Int) new!: number;
  @Field(() => Int) conflict!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Conflicts where at least one field takes the file\'s value: the commit changes them.' }) willChange!: number;
}

@ObjectType('LegacyPostCheck', { simpleResolvers: true })
export class LegacyPostCheckType {
  @Field(() => String) name!: string;
  @Field(() => String) before!: string;
  @Field(() => String) after!: string;
  @Field(() => String) expected!: string;
  @Field(() => Boolean) ok!: boolean;
}

@ObjectType('LegacyUndoBlocker', { simpleResolvers: true, description: 'A committed row whose record was edited since: the undo would lose that edit.' })
export class LegacyUndoBlockerType {
  @Field(() => Int) rowNumber!: number;
  @Field(() => ID) entityId!: string;
  @Field(() => String) reason!: string;
}

@ObjectType('LegacyImportProgress', { simpleResolvers: true })
export class LegacyImportProgressType {
  @Field(() => Int) done!: number;
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType('LegacyImport')
export class LegacyImportType {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => LegacyImportKind) kind!: LegacyImportKind;
  @Field(() => String) fileName!: string;
  @Field(() => LegacyImportStatus) status!: LegacyImportStatus;
  @Field(() => String) uploadedByName!: string;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => Int, { description: 'Data rows read into staging so far.' }) stagedRows!: number;
  @Field(() => [String]) headers!: string[];
  @Field(() => [LegacyImportFieldType]) fields!: LegacyImportFieldType[];
  @Field(() => LegacyImportCountsType, { nullable: true, description: 'After the dry run.' }) counts!: LegacyImportCountsType | null;
  @Field(() => LegacyImportProgressType, { nullable: true, description: 'The running step\'s progress.' }) progress!: LegacyImportProgressType | null;
  @Field(() => String, { nullable: true, description: 'Why the last step failed or was refused.' }) error!: string | null;
  @Field(() => [LegacyPostCheckType], { nullable: true }) postChecks!: LegacyPostCheckType[] | null;
  @Field(() => Int, { nullable: true }) createdRecords!: number | null;
  @Field(() => Int, { nullable: true }) updatedRecords!: number | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) checkedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) committedAt!: Date | null;
  @Field(() => String, { nullable: true }) committedByName!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) undoneAt!: Date | null;
  @Field(() => [LegacyUndoBlockerType], { nullable: true, description: 'Why the last undo was refused.' }) undoBlockers!: LegacyUndoBlockerType[] | null;
}

@ObjectType('LegacyDifference', { simpleResolvers: true })
export class LegacyDifferenceType {
  @Field(() => String, { description: 'The property, as `choices` name it.' }) field!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true, description: 'In PAMS.' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'In the file.' }) after!: string | null;
  @Field(() => LegacyValueChoice) choice!: LegacyValueChoice;
}

@ObjectType('LegacyImportRow', { simpleResolvers: true })
export class LegacyImportRowType {
  @Field(() => Int) rowNumber!: number;
  @Field(() => LegacyRowStatus) status!: LegacyRowStatus;
  @Field(() => String, { description: 'The row\'s natural key as people read it (e.g. "2026-11-03 · ana@… · Acme · Customer call").' }) key!: string;
  @Field(() => [FieldError]) reasons!: FieldError[];
  @Field(() => [LegacyDifferenceType]) differences!: LegacyDifferenceType[];
  @Field(() => ID, { nullable: true, description: 'The record matched or created.' }) targetId!: string | null;
  @Field(() => [String], { description: 'The cells as read (for rejected rows).' }) cells!: (string | null)[];
}

@ObjectType('LegacyImportRowPage', { simpleResolvers: true })
export class LegacyImportRowPageType {
  @Field(() => [LegacyImportRowType]) nodes!: LegacyImportRowType[];
  @Field(() => Int, { nullable: true, description: 'Pass as `after` for the next page; null at the end.' }) next!: number | null;
}

@ObjectType({ implements: UserError, simpleResolvers: true, description: 'The import changed since the version the admin saw: nothing was done.' })
export class LegacyImportVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => LegacyImportType) current!: LegacyImportType;
}

@ObjectType({ implements: UserError, simpleResolvers: true, description: 'The import is not at a step where this can be done (e.g. commit before the dry run).' })
export class LegacyImportWrongStep implements UserError {
  @Field(() => String) message!: string;
  @Field(() => LegacyImportType) current!: LegacyImportType;
}

@ObjectType({ implements: UserError, simpleResolvers: true, description: 'Records of the import were edited since the commit: the undo would lose those edits.' })
export class LegacyUndoRefused implements UserError {
  @Field(() => String) message!: string;
  @Field(() => Int) total!: number;
  @Field(() => [LegacyUndoBlockerType], { description: 'The first 50.' }) rows!: LegacyUndoBlockerType[];
}

@InputType()
export class LegacyColumnInput {
  @Field(() => String, { description: 'A field name of the import\'s kind.' }) field!: string;
  @Field(() => Int, { nullable: true, description: 'Index in `headers`, or null for no column.' }) column?: number | null;
}

@InputType()
export class MapLegacyImportInput {
  @Field(() => ID) importId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => [LegacyColumnInput], { description: 'Fields not named keep their mapping.' }) columns!: LegacyColumnInput[];
}

@InputType()
export class ChooseLegacyValuesInput {
  @Field(() => ID) importId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => Int, { nullable: true, description: 'One conflicting row; null for every conflicting row (a bulk choice).' }) rowNumber?: number | null;
  @Field(() => String, { nullable: true, description: 'One property (a difference\'s `field`); null for every differing field (keep or overwrite the whole row).' })
  field?: string | null;
  @Field(() => LegacyValueChoice) take!: LegacyValueChoice;
}

export const LegacyImportResult = createUnionType({
  name: 'LegacyImportResult',
  description: 'The import after the step, or why the step was refused (nothing was done).',
  types: () => [LegacyImportType, LegacyImportVersionConflict, LegacyImportWrongStep, LegacyUndoRefused, ValidationFailed, NotFound] as const,
});
