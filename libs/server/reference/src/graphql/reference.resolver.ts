import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import {
  listCurrencyRates,
  listIndustries,
  listProducts,
  listRegions,
  listSalesReps,
  listUseCases,
} from './reference.service.js';
import { CurrencyRateType, IndustryType, ProductType, RegionType, SalesRepType, UseCaseType } from './reference.types.js';

/** Reference data for every signed-in user (pickers, filters, first paint). Admins edit it through ReferenceEditResolver. */
@Resolver()
export class ReferenceResolver {
  @Authorized()
  @Query(() => [RegionType])
  regions(
    @Ctx() ctx: RequestContext,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
  ): Promise<RegionType[]> {
    return listRegions(ctx.em, includeInactive);
  }

  @Authorized()
  @Query(() => [IndustryType])
  industries(
    @Ctx() ctx: RequestContext,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
  ): Promise<IndustryType[]> {
    return listIndustries(ctx.em, includeInactive);
  }

  @Authorized()
  @Query(() => [UseCaseType], { description: 'All use cases, or only those specific to `industryId`.' })
  useCases(
    @Ctx() ctx: RequestContext,
    @Arg('industryId', () => ID, { nullable: true }) industryId: string | null,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
  ): Promise<UseCaseType[]> {
    return listUseCases(ctx.em, industryId ?? null, includeInactive);
  }

  @Authorized()
  @Query(() => [ProductType])
  products(
    @Ctx() ctx: RequestContext,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
  ): Promise<ProductType[]> {
    return listProducts(ctx.em, includeInactive);
  }

  @Authorized()
  @Query(() => [SalesRepType])
  salesReps(
    @Ctx() ctx: RequestContext,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
  ): Promise<SalesRepType[]> {
    return listSalesReps(ctx.em, regionId ?? null, includeInactive);
  }

  @Authorized()
  @Query(() => [CurrencyRateType])
  currencyRates(@Ctx() ctx: RequestContext): Promise<CurrencyRateType[]> {
    return listCurrencyRates(ctx.em);
  }
}
