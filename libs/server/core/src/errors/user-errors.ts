import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';

/**
 * Errors a user can act on are data (docs/adr/0004-errors-as-data.md): mutations return unions of
 * their success type and these. Every one carries a human message; clients switch on __typename.
 */
@InterfaceType('UserError')
export abstract class UserError {
  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class FieldError {
  /** The input field the reason applies to, as named in the mutation input (e.g. "email"). */
  @Field(() => String)
  field!: string;

  /** A stable machine-readable reason, e.g. "REQUIRED", "TOO_LONG", "INVALID". */
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class ValidationFailed implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => [FieldError])
  fields!: FieldError[];
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class Forbidden implements UserError {
  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class NotFound implements UserError {
  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class RateLimited implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => Int)
  retryAfterSeconds!: number;
}

/** A mutation that has nothing to return but its success. */
@ObjectType({ simpleResolvers: true })
export class Done {
  @Field(() => String)
  message!: string;
}

export function validationFailed(fields: FieldError[], message = 'Some fields need attention.'): ValidationFailed {
  return Object.assign(new ValidationFailed(), { message, fields });
}

export function fieldError(field: string, code: string, message: string): FieldError {
  return Object.assign(new FieldError(), { field, code, message });
}

export function forbidden(message = 'You are not allowed to do this.'): Forbidden {
  return Object.assign(new Forbidden(), { message });
}

export function notFound(message = 'Not found.'): NotFound {
  return Object.assign(new NotFound(), { message });
}

export function rateLimited(retryAfterSeconds: number): RateLimited {
  return Object.assign(new RateLimited(), {
    message: 'Too many attempts. Try again later.',
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
  });
}

export function done(message: string): Done {
  return Object.assign(new Done(), { message });
}
