import { fieldError, type FieldError } from '@pams/server-core';
import { isValidDate } from '@pams/shared-util';

/** Trimmed text of `min`–`max` characters, or a field error on `field`. */
export function checkText(value: unknown, field: string, min: number, max: number, fields: FieldError[]): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length < min) {
    fields.push(fieldError(field, text.length === 0 ? 'REQUIRED' : 'TOO_SHORT', min <= 1 ? 'Required.' : `Use at least ${min} characters.`));
  } else if (text.length > max) {
    fields.push(fieldError(field, 'TOO_LONG', `Use at most ${max.toLocaleString('en-US')} characters.`));
  }
  return text;
}

export function checkDate(value: unknown, field: string, fields: FieldError[]): string {
  if (typeof value !== 'string' || !isValidDate(value)) {
    fields.push(fieldError(field, 'INVALID', 'Enter a date as YYYY-MM-DD.'));
    return '';
  }
  return value;
}

export function checkIntRange(value: unknown, field: string, min: number, max: number, fields: FieldError[]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fields.push(fieldError(field, 'OUT_OF_RANGE', `Choose a whole number from ${min} to ${max}.`));
    return min;
  }
  return value;
}

/** The UTC calendar date of `at`, as YYYY-MM-DD. */
export function dateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
