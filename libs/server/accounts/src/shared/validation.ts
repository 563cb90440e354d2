import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, type FieldError } from '@pams/server-core';
import { isUuid } from '@pams/server-identity';
import { isHttpUrl } from '@pams/shared-util';

export const NAME_MAX_LENGTH = 200;
export const URL_MAX_LENGTH = 500;
export const TEXT_MAX_LENGTH = 5_000;

/** A required, trimmed name; pushes REQUIRED / TOO_LONG. */
export function checkName(value: string | null | undefined, field: string, fields: FieldError[], max = NAME_MAX_LENGTH): string {
  const name = (value ?? '').trim();
  if (name === '') fields.push(fieldError(field, 'REQUIRED', 'Enter a name.'));
  else if (name.length > max) fields.push(fieldError(field, 'TOO_LONG', `Use at most ${max} characters.`));
  return name;
}

/** Optional text, trimmed, empty as null; pushes TOO_LONG (or REQUIRED when `required`). */
export function checkText(
  value: string | null | undefined,
  field: string,
  fields: FieldError[],
  options: { required?: boolean; max: number },
): string | null {
  const text = (value ?? '').trim();
  if (text === '') {
    if (options.required) fields.push(fieldError(field, 'REQUIRED', 'This field is required.'));
    return null;
  }
  if (text.length > options.max) fields.push(fieldError(field, 'TOO_LONG', `Use at most ${options.max} characters.`));
  return text;
}

/** A CRM link: an http(s) URL of at most 500 characters; empty as null unless required. */
export function checkUrl(value: string | null | undefined, field: string, fields: FieldError[], required = false): string | null {
  const url = checkText(value, field, fields, { required, max: URL_MAX_LENGTH });
  if (url !== null && !isHttpUrl(url)) fields.push(fieldError(field, 'INVALID_URL', 'Enter a link starting with http:// or https://.'));
  return url;
}

interface Referenced {
  id: string;
}

/**
 * Loads the records `ids` name (deduplicated, order kept). Unknown ids push NOT_FOUND; records
 * that `isActive` rejects push INACTIVE unless already linked (`current`): retired reference data
 * stays on old records but is not chosen anew. Null when a field error was pushed.
 */
export async function checkRefs<T extends Referenced>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly string[],
  field: string,
  fields: FieldError[],
  options: { current?: readonly string[]; isActive?: (record: T) => boolean } = {},
): Promise<T[] | null> {
  // The canonical lower-case form, as PostgreSQL prints a uuid (the lookup below is by that text).
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  const valid = unique.filter(isUuid);
  const found = valid.length > 0 ? await em.find(entity, { id: { $in: valid } } as never) : [];
  const byId = new Map(found.map((record) => [record.id, record]));
  if (byId.size !== unique.length) {
    fields.push(fieldError(field, 'NOT_FOUND', 'Something you chose no longer exists: reload and choose again.'));
    return null;
  }
  const current = new Set(options.current ?? []);
  if (options.isActive && found.some((record) => !current.has(record.id) && !options.isActive!(record))) {
    fields.push(fieldError(field, 'INACTIVE', 'Something you chose has been retired: choose another.'));
    return null;
  }
  return unique.map((id) => byId.get(id)!);
}

/** One optional reference: undefined id = none chosen (null), otherwise as checkRefs. */
export async function checkRef<T extends Referenced>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string | null,
  field: string,
  fields: FieldError[],
  options: { current?: string | null; isActive?: (record: T) => boolean } = {},
): Promise<T | null> {
  if (id === null) return null;
  const found = await checkRefs(em, entity, [id], field, fields, {
    current: options.current ? [options.current] : [],
    isActive: options.isActive,
  });
  return found?.[0] ?? null;
}
