import { publicError } from './errors/internal-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach SQL only once they are known to be uuids (a malformed one would be a database error). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** `%`, `_` and `\` typed by the user are plain characters in the LIKE pattern. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The LIKE pattern of a search typed into `field`: longer than `max` characters is refused (the
 * searched names are no longer, so it could not match), otherwise the text is matched anywhere.
 */
export function searchPattern(field: string, text: string, max: number): string {
  if (text.length > max) throw publicError('BAD_USER_INPUT', `"${field}" is longer than ${max} characters.`);
  return containsPattern(text);
}
