import type { PubSub } from 'type-graphql';

/**
 * type-graphql wants a PubSub once any `@Subscription` exists; ours all bring their own `subscribe`
 * (the live stream is fed by PostgreSQL, ADR 0017), so topics are a wiring mistake.
 */
export const noTopicPubSub: PubSub = {
  publish() {
    throw new Error('PubSub topics are not used: give @Subscription a subscribe function');
  },
  subscribe() {
    throw new Error('PubSub topics are not used: give @Subscription a subscribe function');
  },
};
