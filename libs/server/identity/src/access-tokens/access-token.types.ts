import { createUnionType, Field, ID, ObjectType } from 'type-graphql';
import { Done, Forbidden, NotFound, ValidationFailed } from '@pams/server-core';

/** A personal access token as listed: never the secret itself. */
@ObjectType('AccessToken', { simpleResolvers: true })
export class AccessTokenType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the token, to tell tokens apart.' })
  prefix!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class AccessTokenCreated {
  @Field(() => String, { description: 'The token itself: shown this once, stored only as a hash.' })
  token!: string;

  @Field(() => AccessTokenType)
  accessToken!: AccessTokenType;
}

export const CreateAccessTokenResult = createUnionType({
  name: 'CreateAccessTokenResult',
  types: () => [AccessTokenCreated, Forbidden, ValidationFailed] as const,
});

export const RevokeAccessTokenResult = createUnionType({
  name: 'RevokeAccessTokenResult',
  types: () => [Done, NotFound] as const,
});
