import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ANY_SIGNED_IN, setSessionCookie, signedInViewer, type RequestContext } from '@pams/server-core';
import { viewerOfNewSession } from '../viewer/viewer.mapper.js';
import { changePassword } from './change-password.service.js';
import { requestPasswordReset, resetPassword } from './password-reset.service.js';
import { ChangePasswordResult, PasswordChanged, RequestPasswordResetResult, ResetPasswordResult } from './password.types.js';

@Resolver()
export class PasswordResolver {
  /** Open to users who must change their password: it is the way out of that state. */
  @Authorized(ANY_SIGNED_IN)
  @Mutation(() => ChangePasswordResult)
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof ChangePasswordResult> {
    const outcome = await changePassword(ctx, await signedInViewer(ctx), currentPassword, newPassword);
    if (!outcome.ok) return outcome.error;
    setSessionCookie(ctx.req, ctx.res, outcome.session.secret, outcome.session.expiresAt);
    const viewer = await viewerOfNewSession(ctx.em, ctx.config, ctx.req, outcome.session.secret);
    return Object.assign(new PasswordChanged(), { viewer });
  }

  /** Mails a single-use link when the account exists; the answer never says whether it does. */
  @Mutation(() => RequestPasswordResetResult)
  requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: RequestContext): Promise<typeof RequestPasswordResetResult> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => ResetPasswordResult)
  resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof ResetPasswordResult> {
    return resetPassword(ctx, token, newPassword);
  }
}
