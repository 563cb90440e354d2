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

/** Opaque keyset cursors: base64url of a JSON tuple of the sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the typed error
  }
  throw publicError('BAD_USER_INPUT', 'Invalid cursor.');
}

/** Keyset pagination state of a connection (`first`/`after`). */
@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
