import { createUnionType, Field, ObjectType } from 'type-graphql';
import { Done, RateLimited, UserError, ValidationFailed } from '@pams/server-core';
import { ViewerType } from '../viewer/viewer.type.js';

/** The password was changed; every other session ended and this browser got a fresh one. */
@ObjectType({ simpleResolvers: true })
export class PasswordChanged {
  @Field(() => ViewerType)
  viewer!: ViewerType;
}

/** The same answer for an unknown, used or expired reset link. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class InvalidResetToken implements UserError {
  @Field(() => String)
  message!: string;
}

export function invalidResetToken(): InvalidResetToken {
  return Object.assign(new InvalidResetToken(), {
    message: 'This reset link is invalid or has expired. Ask for a new one.',
  });
}

export const ChangePasswordResult = createUnionType({
  name: 'ChangePasswordResult',
  types: () => [PasswordChanged, ValidationFailed, RateLimited] as const,
});

export const RequestPasswordResetResult = createUnionType({
  name: 'RequestPasswordResetResult',
  types: () => [Done, RateLimited, ValidationFailed] as const,
});

export const ResetPasswordResult = createUnionType({
  name: 'ResetPasswordResult',
  types: () => [Done, InvalidResetToken, ValidationFailed] as const,
});
