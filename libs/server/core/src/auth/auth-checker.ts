import type { AuthCheckerFn } from 'type-graphql';
import { publicError } from '../errors/internal-error.js';
import type { RequestContext } from '../context/context.js';
import type { Viewer } from '../context/viewer.js';

/**
 * `@Authorized()` needs a signed-in viewer; `@Authorized(Role.X, ...)` needs one of those roles.
 * A user who must change their password may only do what is marked `@Authorized(ANY_SIGNED_IN)`
 * (read who they are, change the password, sign out).
 */
export const ANY_SIGNED_IN = 'ANY_SIGNED_IN';

/** The signed-in viewer; in a resolver guarded by `@Authorized` present by then, typed as such here. */
export async function signedInViewer(ctx: RequestContext): Promise<Viewer> {
  const viewer = await ctx.viewer();
  if (!viewer) throw publicError('UNAUTHENTICATED', 'Sign in first.');
  return viewer;
}

export const authChecker: AuthCheckerFn<RequestContext> = async ({ context }, roles) => {
  const viewer = await signedInViewer(context);
  if (roles.includes(ANY_SIGNED_IN)) return true;
  if (viewer.mustChangePassword) throw publicError('FORBIDDEN', 'Change your password before going on.');
  if (roles.length > 0 && !roles.includes(viewer.role)) {
    throw publicError('FORBIDDEN', 'Your role does not allow this.');
  }
  return true;
};
