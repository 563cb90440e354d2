import { publicError, type RequestContext, type Viewer } from '@pams/server-core';

/** The viewer of a resolver guarded by `@Authorized`: present by then, typed as such here. */
export async function signedInViewer(ctx: RequestContext): Promise<Viewer> {
  const viewer = await ctx.viewer();
  if (!viewer) throw publicError('UNAUTHENTICATED', 'Sign in first.');
  return viewer;
}
