import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { projectsByAccount } from '../projects/project.read-model.js';
import { ProjectType } from '../projects/project.type.js';
import type { AccountNode, ProjectNode } from '../shared/read-model.nodes.js';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs.js';
import { DEFAULT_ACCOUNT_PAGE_SIZE, findAccount, findAccounts } from './account.read-model.js';
import { CreateAccountResult, UpdateAccountResult } from './account.results.js';
import { createAccount, updateAccount } from './account.service.js';
import { AccountConnection, AccountType } from './account.type.js';

@Resolver(() => AccountType)
export class AccountResolver {
  @Authorized()
  @Query(() => AccountConnection, { description: 'Accounts by name (case-insensitive); `search` matches part of the name.' })
  accounts(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_ACCOUNT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AccountConnection> {
    return findAccounts(ctx.em, { search, first, after }, ctx.config.graphql.maxPageSize);
  }

  @Authorized()
  @Query(() => AccountType, { nullable: true })
  account(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AccountNode | null> {
    return findAccount(ctx.em, id);
  }

  /** Batched across the response: one statement for every account asked about. */
  @FieldResolver(() => [ProjectType], { description: 'The account\'s projects by name.' })
  projects(@Root() account: AccountNode, @Ctx() ctx: RequestContext): Promise<ProjectNode[]> {
    return ctx.loaders.get(projectsByAccount).load(account.id);
  }

  @Authorized()
  @Mutation(() => CreateAccountResult)
  async createAccount(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateAccountInput) input: CreateAccountInput,
  ): Promise<typeof CreateAccountResult> {
    return createAccount(ctx.em, await signedInViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => UpdateAccountResult)
  async updateAccount(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
  ): Promise<typeof UpdateAccountResult> {
    return updateAccount(ctx.em, await signedInViewer(ctx), id, expectedVersion, input);
  }
}
