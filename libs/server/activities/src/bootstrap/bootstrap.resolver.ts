import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { loadBootstrap } from './bootstrap.service.js';
import { Bootstrap } from './bootstrap.type.js';

@Resolver()
export class BootstrapResolver {
  /** First paint in one round trip and two statements (the viewer's session, then this) (B-004). */
  @Authorized()
  @Query(() => Bootstrap)
  async bootstrap(@Ctx() ctx: RequestContext): Promise<Bootstrap> {
    return loadBootstrap(ctx.em, await signedInViewer(ctx));
  }
}
