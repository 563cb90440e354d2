import { publicError } from '@pams/server-core';

/**
 * The shape of an input that arrives as JSON (a download's query string, a job's params) rather than
 * through GraphQL, which would have checked it: the same types, so the services see what GraphQL hands them.
 */
export type Shape =
  | { kind: 'string' | 'int' | 'boolean' | 'id'; required?: boolean }
  | { kind: 'enum'; values: readonly string[]; name: string; required?: boolean }
  | { kind: 'list'; of: Shape; required?: boolean }
  | { kind: 'object'; name: string; fields: Record<string, Shape>; required?: boolean };

function bad(message: string): never {
  throw publicError('BAD_USER_INPUT', message);
}

/** Parses `raw` as JSON, as the named parameter. */
export function parseJsonParam(name: string, raw: unknown, required = true): unknown {
  if (raw === undefined || raw === '') {
    if (required) bad(`Give "${name}" as JSON.`);
    return undefined;
  }
  if (typeof raw !== 'string') bad(`Give "${name}" once, as JSON.`);
  try {
    return JSON.parse(raw);
  } catch {
    return bad(`"${name}" is not valid JSON.`);
  }
}

/** Checks `value` against `shape`; returns it unchanged (a value GraphQL would have accepted). */
export function checkShape<T>(value: unknown, shape: Shape, path: string): T {
  check(value, shape, path);
  return value as T;
}

function check(value: unknown, shape: Shape, path: string): void {
  if (value === undefined || value === null) {
    if (shape.required) bad(`"${path}" is required.`);
    return;
  }
  switch (shape.kind) {
    case 'string':
    case 'id':
      if (typeof value !== 'string') bad(`"${path}" must be a string.`);
      return;
    case 'int':
      if (!Number.isInteger(value)) bad(`"${path}" must be a whole number.`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') bad(`"${path}" must be true or false.`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) bad(`"${path}" must be one of ${shape.values.join(', ')} (${shape.name}).`);
      return;
    case 'list':
      if (!Array.isArray(value)) bad(`"${path}" must be a list.`);
      value.forEach((item, i) => check(item, { ...shape.of, required: true }, `${path}[${i}]`));
      return;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) bad(`"${path}" must be an object (${shape.name}).`);
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) if (!(key in shape.fields)) bad(`"${path}.${key}" is not a field of ${shape.name}.`);
      for (const [key, field] of Object.entries(shape.fields)) check(record[key], field, `${path}.${key}`);
      return;
    }
  }
}

export const enumOf = (values: Record<string, string>, name: string, required = false): Shape => ({ kind: 'enum', values: Object.values(values), name, required });
export const listOf = (of: Shape, required = false): Shape => ({ kind: 'list', of, required });
export const ID_LIST: Shape = { kind: 'list', of: { kind: 'id' } };
