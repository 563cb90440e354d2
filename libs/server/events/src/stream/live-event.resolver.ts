import type { ExecutionArgs } from 'graphql';
import { Arg, Authorized, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { publicError, type RequestContext } from '@pams/server-core';
import type { LiveEventHub } from './live-event-hub.js';
import type { LiveConnection, StreamViewer } from './live-connection.js';
import { LiveEventType } from './live-event.type.js';

/** What the SSE route adds to the request context of a stream. */
export interface LiveStreamContext extends RequestContext {
  liveStream?: {
    hub: LiveEventHub;
    viewer: StreamViewer;
    /** The Last-Event-ID header, if the client sent one (it wins over `after`). */
    lastEventId: string | null;
    /** Called as soon as the hub registered the stream. */
    connected(connection: LiveConnection): void;
    /** Set by the route's `subscribe` once the stream opened: the route serves it from then on. */
    opened?: { connection: LiveConnection; args: ExecutionArgs };
  };
}

@Resolver()
export class LiveEventResolver {
  /**
   * Audit events as they commit, in commit order, over server-sent events at /graphql/stream
   * (graphql-sse). Admins see every event; others what they did and what is about them.
   */
  @Authorized()
  @Subscription(() => LiveEventType, {
    description:
      'Committed audit events in commit order (SSE at /graphql/stream). Reconnect with Last-Event-ID (or `after`) = the last `cursor` to replay what was missed (7 days); a RESET means refetch.',
    subscribe: async ({ args, context }) => {
      const live = (context as LiveStreamContext).liveStream;
      if (!live) throw publicError('BAD_REQUEST', 'Subscribe over server-sent events at /graphql/stream.');
      const connection = await live.hub.open(live.viewer, live.lastEventId ?? (args as { after?: string | null }).after ?? null);
      live.connected(connection);
      return connection;
    },
  })
  liveEvents(
    @Root() message: LiveEventType,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this cursor (as Last-Event-ID does).' }) _after: string | null,
    @Ctx() _ctx: RequestContext,
  ): LiveEventType {
    return message;
  }
}
