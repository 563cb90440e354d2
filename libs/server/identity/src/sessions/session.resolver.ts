import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import { clearSessionCookie, Done, done, NotFound, notFound, signedInViewer, type RequestContext } from '@pams/server-core';
import { listOpenSessions, revokeOwnSession, revokeUserSessions } from './session.service.js';
import { SessionType } from './session.type.js';

export const RevokeSessionResult = createUnionType({
  name: 'RevokeSessionResult',
  types: () => [Done, NotFound] as const,
});

@Resolver()
export class SessionResolver {
  /** The viewer's signed-in browsers, most recently used first. */
  @Authorized()
  @Query(() => [SessionType])
  async sessions(@Ctx() ctx: RequestContext): Promise<SessionType[]> {
    const viewer = await signedInViewer(ctx);
    return listOpenSessions(ctx.em, ctx.config, viewer.id, viewer.via === 'session' ? viewer.credentialId : null);
  }

  /** Signs one of the viewer's own sessions out; another user's handle is NotFound, like an unknown one. */
  @Authorized()
  @Mutation(() => RevokeSessionResult)
  async revokeSession(@Arg('handle', () => ID) handle: string, @Ctx() ctx: RequestContext): Promise<typeof RevokeSessionResult> {
    const viewer = await signedInViewer(ctx);
    const session = await revokeOwnSession(ctx.em, viewer.id, handle);
    if (!session) return notFound('No such session.');
    await ctx.em.flush();
    if (viewer.via === 'session' && session.id === viewer.credentialId) clearSessionCookie(ctx.req, ctx.res);
    return done('Session revoked.');
  }

  /** Signs out every other browser of the viewer; this one stays signed in. */
  @Authorized()
  @Mutation(() => Done)
  async revokeOtherSessions(@Ctx() ctx: RequestContext): Promise<Done> {
    const viewer = await signedInViewer(ctx);
    const count = await revokeUserSessions(ctx.em, viewer.id, 'REVOKED', viewer.via === 'session' ? viewer.credentialId : undefined);
    await ctx.em.flush();
    return done(count === 1 ? '1 other session revoked.' : `${count} other sessions revoked.`);
  }
}
