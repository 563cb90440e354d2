import { createUnionType, Field, ObjectType } from 'type-graphql';
import { NotFound, UserError, ValidationFailed } from '@pams/server-core';
import { CurrencyRateType, IndustryType, ProductType, RegionType, SalesRepType, UseCaseType } from '../reference.types.js';

/*
 * A stale expectedVersion is answered with the server's copy (ADR 0004 addendum: one
 * <Entity>VersionConflict per type, since union members are object types).
 */

const STALE = 'Someone changed this record since you opened it. Nothing was saved: compare and try again.';

@ObjectType({ implements: UserError, simpleResolvers: true })
export class RegionVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => RegionType) current!: RegionType;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class IndustryVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => IndustryType) current!: IndustryType;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class ProductVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => ProductType) current!: ProductType;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class UseCaseVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => UseCaseType) current!: UseCaseType;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class SalesRepVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => SalesRepType) current!: SalesRepType;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class CurrencyRateVersionConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => CurrencyRateType) current!: CurrencyRateType;
}

export const RegionEditResult = createUnionType({ name: 'RegionEditResult', types: () => [RegionType, ValidationFailed, RegionVersionConflict, NotFound] as const });
export const IndustryEditResult = createUnionType({ name: 'IndustryEditResult', types: () => [IndustryType, ValidationFailed, IndustryVersionConflict, NotFound] as const });
export const ProductEditResult = createUnionType({ name: 'ProductEditResult', types: () => [ProductType, ValidationFailed, ProductVersionConflict, NotFound] as const });
export const UseCaseEditResult = createUnionType({ name: 'UseCaseEditResult', types: () => [UseCaseType, ValidationFailed, UseCaseVersionConflict, NotFound] as const });
export const SalesRepEditResult = createUnionType({ name: 'SalesRepEditResult', types: () => [SalesRepType, ValidationFailed, SalesRepVersionConflict, NotFound] as const });
export const CurrencyRateEditResult = createUnionType({
  name: 'CurrencyRateEditResult',
  types: () => [CurrencyRateType, ValidationFailed, CurrencyRateVersionConflict, NotFound] as const,
});

type Conflicts = RegionVersionConflict | IndustryVersionConflict | ProductVersionConflict | UseCaseVersionConflict | SalesRepVersionConflict | CurrencyRateVersionConflict;

/** The conflict of `Class` carrying `current` (wrapped in its read type's class, as unions resolve by class). */
export function conflictOf<C extends Conflicts>(Class: new () => C, current: C['current'], Type: new () => C['current']): C {
  return Object.assign(new Class(), { message: STALE, current: Object.assign(new Type(), current) });
}
