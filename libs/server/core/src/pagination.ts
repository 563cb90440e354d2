import { Field, ObjectType } from 'type-graphql';
import { publicError } from './errors/internal-error.js';

/** Page sizes are capped for everyone (analysts included): a larger request is refused, not trimmed. */
export function checkedPageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw publicError('BAD_USER_INPUT', `"first" must be between 1 and ${max}.`);
  }
  return size;
}

/** Keyset pagination state of a connection (`first`/`after`). */
@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
