import { Field, Float, ID, InputType } from 'type-graphql';
import { AccountKind, Currency, OutcomeResult } from '@pams/shared-util';
import '../shared/accounts-enums.js';

/** The win/loss form (P-004): the account is chosen first; its only project is taken when none is named. */
@InputType()
export class RecordOutcomeInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => ID, { nullable: true, description: 'Required when the account has more than one project.' })
  projectId?: string | null;

  @Field(() => OutcomeResult)
  result!: OutcomeResult;

  @Field(() => String, { description: 'Month of the win or loss, YYYY-MM.' })
  month!: string;

  @Field(() => String, { description: 'An http(s) link to the deal in the CRM.' })
  crmLink!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true })
  competitors?: string | null;

  @Field(() => Float, { nullable: true, description: 'Monthly recurring revenue (≥ 0) in `currency`.' })
  mrrAmount?: number | null;

  @Field(() => Currency, { nullable: true, description: 'Required with an amount; its current rate is kept on the outcome.' })
  currency?: Currency | null;

  @Field(() => Float, { nullable: true, description: 'One-time deal value (≥ 0) in `currency`.' })
  oneTimeValue?: number | null;

  @Field(() => ID, { nullable: true, description: 'The presales user who won it.' })
  wonById?: string | null;

  @Field(() => AccountKind, { nullable: true })
  accountKind?: AccountKind | null;
}

/** A patch: an omitted field is left as it is; null clears an optional field. */
@InputType()
export class UpdateOutcomeInput {
  @Field(() => OutcomeResult, { nullable: true })
  result?: OutcomeResult | null;

  @Field(() => String, { nullable: true })
  month?: string | null;

  @Field(() => String, { nullable: true })
  crmLink?: string | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  competitors?: string | null;

  @Field(() => Float, { nullable: true })
  mrrAmount?: number | null;

  @Field(() => Currency, { nullable: true, description: 'A new currency takes that currency\'s current rate.' })
  currency?: Currency | null;

  @Field(() => Float, { nullable: true })
  oneTimeValue?: number | null;

  @Field(() => ID, { nullable: true })
  wonById?: string | null;

  @Field(() => AccountKind, { nullable: true })
  accountKind?: AccountKind | null;
}
