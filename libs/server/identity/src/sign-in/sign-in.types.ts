import { createUnionType, Field, ObjectType } from 'type-graphql';
import { RateLimited, UserError, ValidationFailed } from '@pams/server-core';
import { ViewerType } from '../viewer/viewer.type.js';

@ObjectType({ simpleResolvers: true })
export class SignInSuccess {
  @Field(() => ViewerType)
  viewer!: ViewerType;
}

/** The one answer for an unknown email, a wrong password and a disabled user: nothing to tell them apart. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class InvalidCredentials implements UserError {
  @Field(() => String)
  message!: string;
}

export function invalidCredentials(): InvalidCredentials {
  return Object.assign(new InvalidCredentials(), { message: 'The email or password is incorrect.' });
}

export const SignInResult = createUnionType({
  name: 'SignInResult',
  types: () => [SignInSuccess, InvalidCredentials, RateLimited, ValidationFailed] as const,
});
