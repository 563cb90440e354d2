import { Field, Float, ID, InputType } from 'type-graphql';
import { Currency, UseCaseBucket } from '@pams/shared-util';
import '../reference-enums.js';

/*
 * Admin edits of reference data. One input per kind, used by create (name and the kind's other
 * required fields must be there) and update (a patch: an omitted field stays as it is).
 */

@InputType()
export class RegionInput {
  @Field(() => String, { nullable: true, description: 'Unique regardless of case; at most 80 characters.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False retires the record (it stays on old records); true brings it back.' })
  active?: boolean | null;
}

@InputType()
export class IndustryInput {
  @Field(() => String, { nullable: true, description: 'Unique regardless of case; at most 120 characters.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class ProductInput {
  @Field(() => String, { nullable: true, description: 'Unique regardless of case; at most 120 characters.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class UseCaseInput {
  @Field(() => String, { nullable: true, description: 'Unique within its industry (or among general use cases) regardless of case.' })
  name?: string | null;

  @Field(() => UseCaseBucket, { nullable: true })
  bucket?: UseCaseBucket | null;

  @Field(() => ID, { nullable: true, description: 'Set for an industry-specific use case; null makes it general.' })
  industryId?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class SalesRepInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Unique regardless of case.' })
  email?: string | null;

  @Field(() => ID, { nullable: true, description: 'The rep\'s region: it is the region of the rep\'s accounts.' })
  regionId?: string | null;

  @Field(() => Currency, { nullable: true })
  currency?: Currency | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class CurrencyRateInput {
  @Field(() => Float, { description: 'Units of the reporting currency (USD) per unit of this currency; above 0, at most 8 decimals.' })
  rateToReporting!: number;
}
