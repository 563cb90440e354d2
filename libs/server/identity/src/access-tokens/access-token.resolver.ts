import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { done, notFound, signedInViewer, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { createAccessToken, listAccessTokens, revokeAccessToken } from './access-token.service.js';
import { AccessTokenType, CreateAccessTokenResult, RevokeAccessTokenResult } from './access-token.types.js';

@Resolver()
export class AccessTokenResolver {
  /** The viewer's personal access tokens (docs/adr/0003). */
  @Authorized(Role.ANALYST, Role.ADMIN)
  @Query(() => [AccessTokenType])
  async accessTokens(@Ctx() ctx: RequestContext): Promise<AccessTokenType[]> {
    return listAccessTokens(ctx.em, (await signedInViewer(ctx)).id);
  }

  /** Only in the portal: tokens are read-only, so a token can never make another. */
  @Authorized()
  @Mutation(() => CreateAccessTokenResult)
  async createAccessToken(
    @Arg('name', () => String) name: string,
    @Arg('expiresInDays', () => Int) expiresInDays: number,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof CreateAccessTokenResult> {
    return createAccessToken(ctx.em, await signedInViewer(ctx), name, expiresInDays);
  }

  @Authorized()
  @Mutation(() => RevokeAccessTokenResult)
  async revokeAccessToken(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<typeof RevokeAccessTokenResult> {
    const revoked = await revokeAccessToken(ctx.em, (await signedInViewer(ctx)).id, id);
    return revoked ? done('Access token revoked.') : notFound('No such access token.');
  }
}
