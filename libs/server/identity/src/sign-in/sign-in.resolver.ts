import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { clearSessionCookie, Done, done, setSessionCookie, type RequestContext } from '@pams/server-core';
import { revokeSessionBySecret } from '../sessions/session.service.js';
import { viewerOfNewSession } from '../viewer/viewer.mapper.js';
import { signIn } from './sign-in.service.js';
import { SignInResult, SignInSuccess } from './sign-in.types.js';

@Resolver()
export class SignInResolver {
  /** Browser sign-in: sets the session cookie (P-006). Wrong email and wrong password answer alike. */
  @Mutation(() => SignInResult)
  async signIn(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof SignInResult> {
    const outcome = await signIn(ctx, email, password);
    if (!outcome.ok) return outcome.error;
    setSessionCookie(ctx.req, ctx.res, outcome.session.secret, outcome.session.expiresAt);
    const viewer = await viewerOfNewSession(ctx.em, ctx.config, ctx.req, outcome.session.secret);
    return Object.assign(new SignInSuccess(), { viewer });
  }

  /** Ends this browser's session and clears its cookie; answers Done even when there was none. */
  @Mutation(() => Done)
  async signOut(@Ctx() ctx: RequestContext): Promise<Done> {
    if (ctx.credentials.kind === 'session') {
      // Resolving the viewer puts the actor on the audit record of the revocation.
      await ctx.viewer();
      await revokeSessionBySecret(ctx.em, ctx.credentials.secret, 'SIGNED_OUT');
      await ctx.em.flush();
    }
    clearSessionCookie(ctx.req, ctx.res);
    return done('Signed out.');
  }
}
