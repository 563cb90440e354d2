import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { Currency, UseCaseBucket } from '@pams/shared-util';
import './reference-enums.js';

/*
 * Reference data as read models: plain rows built by SQL (reference.sql.ts), never entities,
 * so lists and the records that embed them (accounts, projects) resolve synchronously.
 */

@ObjectType('Region', { simpleResolvers: true })
export class RegionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'False once retired: kept on users and sales reps, not offered for new ones.' })
  active!: boolean;

  @Field(() => Int, { description: 'Send it back as expectedVersion when an admin edits the record.' })
  version!: number;
}

@ObjectType('Industry', { simpleResolvers: true })
export class IndustryType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'False once merged or retired: kept on old records, not offered for new ones.' })
  active!: boolean;

  @Field(() => Int, { description: 'Send it back as expectedVersion when an admin edits the record.' })
  version!: number;
}

@ObjectType('UseCase', { simpleResolvers: true })
export class UseCaseType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => UseCaseBucket)
  bucket!: UseCaseBucket;

  @Field(() => ID, { nullable: true, description: 'Set for industry-specific (secondary) use cases; null for general ones.' })
  industryId!: string | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Int, { description: 'Send it back as expectedVersion when an admin edits the record.' })
  version!: number;
}

@ObjectType('Product', { simpleResolvers: true })
export class ProductType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Int, { description: 'Send it back as expectedVersion when an admin edits the record.' })
  version!: number;
}

@ObjectType('SalesRep', { simpleResolvers: true })
export class SalesRepType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Currency)
  currency!: Currency;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => RegionType, { description: 'The rep\'s region; it is the region of the rep\'s accounts.' })
  region!: RegionType;

  @Field(() => Int, { description: 'Send it back as expectedVersion when an admin edits the record.' })
  version!: number;
}

@ObjectType('CurrencyRate', { simpleResolvers: true })
export class CurrencyRateType {
  @Field(() => Currency)
  currency!: Currency;

  @Field(() => Float, { description: 'Units of the reporting currency (USD) per unit of this currency.' })
  rateToReporting!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}
