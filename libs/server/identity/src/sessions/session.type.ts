import { Field, ID, ObjectType } from 'type-graphql';

/** One of the viewer's signed-in browsers. The handle identifies it; the secret never leaves the cookie. */
@ObjectType('Session', { simpleResolvers: true })
export class SessionType {
  @Field(() => ID)
  handle!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  lastSeenAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => Boolean, { description: 'True for the session of this request.' })
  current!: boolean;
}
