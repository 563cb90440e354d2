import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import { Currency, Role } from '@pams/shared-util';
import { updateCurrencyRate } from './currency-rate-edit.service.js';
import { CurrencyRateInput, IndustryInput, ProductInput, RegionInput, SalesRepInput, UseCaseInput } from './reference-edit.inputs.js';
import {
  CurrencyRateEditResult,
  IndustryEditResult,
  ProductEditResult,
  RegionEditResult,
  SalesRepEditResult,
  UseCaseEditResult,
} from './reference-edit.results.js';
import { INDUSTRY, PRODUCT, REGION, SALES_REP, saveReference, USE_CASE } from './reference-edit.service.js';

/**
 * Admin edits of reference data (issue 9): create, update at the version read, deactivate (a
 * shorthand for `active: false`; update with `active: true` brings a record back). ADMIN only.
 * Activity types are not here: they are code (each has its own required fields and rules).
 */
@Resolver()
export class ReferenceEditResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => RegionEditResult)
  createRegion(@Ctx() ctx: RequestContext, @Arg('input', () => RegionInput) input: RegionInput): Promise<typeof RegionEditResult> {
    return saveReference(ctx.em, REGION, null, null, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RegionEditResult, { description: 'Changes the fields given; a stale expectedVersion changes nothing.' })
  updateRegion(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => RegionInput) input: RegionInput,
  ): Promise<typeof RegionEditResult> {
    return saveReference(ctx.em, REGION, id, expectedVersion, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RegionEditResult, { description: 'Retires the region: kept on old records, no longer offered.' })
  deactivateRegion(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<typeof RegionEditResult> {
    return saveReference(ctx.em, REGION, id, expectedVersion, { active: false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => IndustryEditResult)
  createIndustry(@Ctx() ctx: RequestContext, @Arg('input', () => IndustryInput) input: IndustryInput): Promise<typeof IndustryEditResult> {
    return saveReference(ctx.em, INDUSTRY, null, null, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => IndustryEditResult, { description: 'Changes the fields given; a stale expectedVersion changes nothing.' })
  updateIndustry(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => IndustryInput) input: IndustryInput,
  ): Promise<typeof IndustryEditResult> {
    return saveReference(ctx.em, INDUSTRY, id, expectedVersion, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => IndustryEditResult, { description: 'Retires the industry: kept on old records, no longer offered.' })
  deactivateIndustry(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<typeof IndustryEditResult> {
    return saveReference(ctx.em, INDUSTRY, id, expectedVersion, { active: false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ProductEditResult)
  createProduct(@Ctx() ctx: RequestContext, @Arg('input', () => ProductInput) input: ProductInput): Promise<typeof ProductEditResult> {
    return saveReference(ctx.em, PRODUCT, null, null, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ProductEditResult, { description: 'Changes the fields given; a stale expectedVersion changes nothing.' })
  updateProduct(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => ProductInput) input: ProductInput,
  ): Promise<typeof ProductEditResult> {
    return saveReference(ctx.em, PRODUCT, id, expectedVersion, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ProductEditResult, { description: 'Retires the product: kept on old records, no longer offered.' })
  deactivateProduct(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<typeof ProductEditResult> {
    return saveReference(ctx.em, PRODUCT, id, expectedVersion, { active: false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UseCaseEditResult)
  createUseCase(@Ctx() ctx: RequestContext, @Arg('input', () => UseCaseInput) input: UseCaseInput): Promise<typeof UseCaseEditResult> {
    return saveReference(ctx.em, USE_CASE, null, null, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UseCaseEditResult, { description: 'Changes the fields given; a stale expectedVersion changes nothing.' })
  updateUseCase(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UseCaseInput) input: UseCaseInput,
  ): Promise<typeof UseCaseEditResult> {
    return saveReference(ctx.em, USE_CASE, id, expectedVersion, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UseCaseEditResult, { description: 'Retires the use case: kept on old records, no longer offered.' })
  deactivateUseCase(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<typeof UseCaseEditResult> {
    return saveReference(ctx.em, USE_CASE, id, expectedVersion, { active: false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SalesRepEditResult)
  createSalesRep(@Ctx() ctx: RequestContext, @Arg('input', () => SalesRepInput) input: SalesRepInput): Promise<typeof SalesRepEditResult> {
    return saveReference(ctx.em, SALES_REP, null, null, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SalesRepEditResult, { description: 'Changes the fields given; a stale expectedVersion changes nothing.' })
  updateSalesRep(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => SalesRepInput) input: SalesRepInput,
  ): Promise<typeof SalesRepEditResult> {
    return saveReference(ctx.em, SALES_REP, id, expectedVersion, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SalesRepEditResult, { description: 'Retires the sales rep: kept on old records, no longer offered.' })
  deactivateSalesRep(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<typeof SalesRepEditResult> {
    return saveReference(ctx.em, SALES_REP, id, expectedVersion, { active: false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CurrencyRateEditResult)
  updateCurrencyRate(
    @Ctx() ctx: RequestContext,
    @Arg('currency', () => Currency) currency: Currency,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => CurrencyRateInput) input: CurrencyRateInput,
  ): Promise<typeof CurrencyRateEditResult> {
    return updateCurrencyRate(ctx.em, currency, expectedVersion, input.rateToReporting);
  }
}
