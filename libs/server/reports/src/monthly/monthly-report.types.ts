import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { OutcomeItem } from '../outcomes/outcome-report.types.js';

@ObjectType('MonthlyReportScope', { simpleResolvers: true })
export class MonthlyReportScope {
  @Field(() => Boolean, { description: 'Every region (leaders, admins, analysts); else the viewer\'s regions only.' }) allRegions!: boolean;
  @Field(() => [String], { description: 'Names of the regions covered when not all.' }) regionNames!: string[];
}

@ObjectType('MonthlySummary', { simpleResolvers: true })
export class MonthlySummary {
  @Field(() => Int) activities!: number;
  @Field(() => Int) external!: number;
  @Field(() => Int) internal!: number;
  @Field(() => Int) effortDays!: number;
  @Field(() => Float) effortHours!: number;
  @Field(() => Int, { description: 'Distinct accounts with an external activity.' }) accountsTouched!: number;
  @Field(() => Int) wins!: number;
  @Field(() => Int) losses!: number;
  @Field(() => Float, { description: 'In the reporting currency.' }) wonMrr!: number;
  @Field(() => Float, { nullable: true }) winRate!: number | null;
}

@ObjectType('MonthlyHighlight', { simpleResolvers: true })
export class MonthlyHighlight {
  @Field(() => String) month!: string;
  @Field(() => String) text!: string;
}

@ObjectType('FeaturedUseCase', { simpleResolvers: true })
export class FeaturedUseCase {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) bucket!: string;
  @Field(() => Int, { description: 'Activities on projects with this primary use case, in the range.' }) activities!: number;
  @Field(() => Int, { description: 'Wins with this primary use case, in the range.' }) wins!: number;
  @Field(() => Float) wonMrr!: number;
}

@ObjectType('WinCard', { simpleResolvers: true })
export class WinCard {
  @Field(() => ID, { nullable: true, description: 'Null for a manual win.' }) outcomeId!: string | null;
  @Field(() => Boolean) manual!: boolean;
  @Field(() => Boolean, { description: 'Featured by the override although not among the largest.' }) included!: boolean;
  @Field(() => String) title!: string;
  @Field(() => String) accountName!: string;
  @Field(() => Float, { nullable: true }) mrrReporting!: number | null;
  @Field(() => String, { nullable: true }) month!: string | null;
  @Field(() => String, { nullable: true }) regionName!: string | null;
  @Field(() => String, { nullable: true }) industryName!: string | null;
  @Field(() => String, { nullable: true }) useCaseName!: string | null;
  @Field(() => String, { nullable: true }) wonByName!: string | null;
  @Field(() => String) story!: string;
}

export enum WinOfTheMonthSource {
  PICKED = 'PICKED',
  LARGEST = 'LARGEST',
}
registerEnumType(WinOfTheMonthSource, { name: 'WinOfTheMonthSource', description: 'PICKED by a manager, or the LARGEST won MRR.' });

@ObjectType('WinOfTheMonth', { simpleResolvers: true })
export class WinOfTheMonth {
  @Field(() => WinOfTheMonthSource) source!: WinOfTheMonthSource;
  @Field(() => OutcomeItem) outcome!: OutcomeItem;
  @Field(() => String, { description: "The override's story, else the outcome's reason." }) story!: string;
}

@ObjectType('MonthlyBreakdownRow', { simpleResolvers: true })
export class MonthlyBreakdownRow {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int) activityCount!: number;
  @Field(() => Int) effortDays!: number;
  @Field(() => Float) effortHours!: number;
}

@ObjectType('MonthlyRegionRow', { simpleResolvers: true })
export class MonthlyRegionRow {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int) activityCount!: number;
  @Field(() => Int) external!: number;
  @Field(() => Int) internal!: number;
}

@ObjectType('MissingCrmLinkRow', { simpleResolvers: true })
export class MissingCrmLinkRow {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: 'External activities whose project (or, without one, account) has no CRM link.' }) activities!: number;
  @Field(() => Int, { description: 'Distinct projects and project-less accounts behind them.' }) records!: number;
}

/** The monthly report (P-015, P-020): the figures of the range plus the overrides of its months. */
@ObjectType('MonthlyReport', { simpleResolvers: true })
export class MonthlyReport {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => MonthlyReportScope) scope!: MonthlyReportScope;
  @Field(() => MonthlySummary) summary!: MonthlySummary;
  @Field(() => [MonthlyHighlight]) highlights!: MonthlyHighlight[];
  @Field(() => [FeaturedUseCase]) featuredUseCases!: FeaturedUseCase[];
  @Field(() => [WinCard], { description: 'The largest wins and the included ones (largest first), then manual wins.' }) winCards!: WinCard[];
  @Field(() => [OutcomeItem], { description: 'Every win and loss of the range, largest MRR first (at most 500).' }) winsAndLosses!: OutcomeItem[];
  @Field(() => [MonthlyBreakdownRow]) activityByType!: MonthlyBreakdownRow[];
  @Field(() => [MonthlyBreakdownRow], { description: 'Customer calls by call type.' }) callTypes!: MonthlyBreakdownRow[];
  @Field(() => [MonthlyRegionRow]) regionActivity!: MonthlyRegionRow[];
  @Field(() => [MissingCrmLinkRow]) missingCrmLinksByRegion!: MissingCrmLinkRow[];
  @Field(() => [MissingCrmLinkRow]) missingCrmLinksBySalesRep!: MissingCrmLinkRow[];
  @Field(() => [MonthlyBreakdownRow]) activityByPresalesUser!: MonthlyBreakdownRow[];
  @Field(() => WinOfTheMonth, { nullable: true }) winOfTheMonth!: WinOfTheMonth | null;
  @Field(() => GraphQLDateTimeISO) asOf!: Date;
}
