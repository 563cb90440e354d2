import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, type FieldError } from '@pams/server-core';
import { dateOf } from '@pams/server-reports';
import type { LegacyImportKind } from '../entities/legacy-import.entity.js';

/** A column the file can map to. */
export interface ImportField {
  name: string;
  label: string;
  required: boolean;
  /** Header spellings (normalised: lower case, letters and digits only) that suggest this field. */
  aliases: string[];
  /** Part of the natural key: matched, never changed. */
  key?: boolean;
  /** The entity properties this field sets; default: one of its own name. */
  properties?: string[];
}

/** A row read through the mapping: the field's cell text, or null when empty or unmapped. */
export type MappedCells = (field: string) => string | null;

export interface CheckedRow {
  /** Entity properties to write, references as ids; only what the mapped fields say (plus what a create needs). */
  values: Record<string, unknown>;
  /** The same values as people read them, by property. */
  display: Record<string, string | null>;
  key: string;
}

export type RowCheck = { ok: true; row: CheckedRow } | { ok: false; reasons: FieldError[] };

/** A live record with a natural key some staged row has. */
export interface ExistingRecord {
  id: string;
  version: number;
  values: Record<string, unknown>;
  display: Record<string, string | null>;
}

/** Effort of one record in a month, for the commit's post-checks (activities only). */
export interface MonthEffort {
  month: string;
  days: number;
  halfHours: number;
}

/** Everything the engine needs to know about one kind of legacy file. */
export interface KindSpec<Ctx = unknown> {
  kind: LegacyImportKind;
  entity: EntityClass<object>;
  /** The live table, and the SQL that counts its live rows (post-checks). */
  table: string;
  liveRows: string;
  fields: ImportField[];
  /** Properties a create sets that an update never touches (an activity's region). */
  createOnly?: string[];
  /** Lookups the checks need (people, accounts…), read once per dry run or commit. */
  load(em: EntityManager): Promise<Ctx>;
  check(cells: MappedCells, ctx: Ctx): RowCheck;
  /** Live records per natural key for a batch of checked rows. */
  existing(em: EntityManager, rows: CheckedRow[]): Promise<Map<string, ExistingRecord[]>>;
  /** Values for a create, with the defaults a new record needs (e.g. a user's password hash). */
  forCreate?(values: Record<string, unknown>, ctx: Ctx): Record<string, unknown>;
  effort?(values: Record<string, unknown>): MonthEffort | null;
}

/** Lower case, letters and digits only: how headers, names and enum values are compared. */
export function squash(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A name as matched on: trimmed, inner spaces collapsed, lower case. */
export function nameKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Collects reasons and reads typed values out of a row's cells. */
export class RowReader {
  readonly reasons: FieldError[] = [];

  constructor(private readonly cells: MappedCells, private readonly fields: ImportField[]) {}

  private label(field: string): string {
    return this.fields.find((f) => f.name === field)?.label ?? field;
  }

  fail(field: string, code: string, message: string): null {
    this.reasons.push(fieldError(field, code, message));
    return null;
  }

  text(field: string, max: number, required = this.fields.find((f) => f.name === field)?.required ?? false): string | null {
    const value = this.cells(field);
    if (value === null) return required ? this.fail(field, 'REQUIRED', `${this.label(field)} is empty.`) : null;
    if (value.length > max) return this.fail(field, 'TOO_LONG', `${this.label(field)} is longer than ${max} characters.`);
    return value;
  }

  date(field: string, required = false): string | null {
    const raw = this.cells(field);
    const date = dateOf(raw);
    if (date === null) return required ? this.fail(field, 'REQUIRED', `${this.label(field)} is empty.`) : null;
    if (date === 'bad') return this.fail(field, 'BAD_DATE', `${this.label(field)} "${String(raw).slice(0, 30)}" is not a date: use YYYY-MM-DD or 14 Nov 2026.`);
    return date;
  }

  number(field: string): number | null {
    const raw = this.cells(field);
    if (raw === null) return null;
    const n = Number(raw.replace(',', '.'));
    return Number.isFinite(n) ? n : this.fail(field, 'BAD_NUMBER', `${this.label(field)} "${raw.slice(0, 30)}" is not a number.`);
  }

  /** An enum value by its name or label, ignoring case, spaces and punctuation. */
  choice<T extends string>(field: string, values: Record<string, T>, labels: Partial<Record<T, string>> = {}, required = false): T | null {
    const raw = this.cells(field);
    if (raw === null) return required ? this.fail(field, 'REQUIRED', `${this.label(field)} is empty.`) : null;
    const wanted = squash(raw);
    const exact = Object.values(values).find((v) => squash(v) === wanted);
    if (exact) return exact;
    const byLabel = Object.values(values).filter((v) => labels[v] !== undefined && squash(labels[v]!) === wanted);
    if (byLabel.length === 1) return byLabel[0];
    if (byLabel.length > 1) return this.fail(field, 'AMBIGUOUS_VALUE', `${this.label(field)} "${raw.slice(0, 40)}" could be ${byLabel.join(' or ')}: write one of those.`);
    return this.fail(field, 'UNKNOWN_VALUE', `${this.label(field)} "${raw.slice(0, 40)}" is not one of ${Object.values(values).join(', ')}.`);
  }
}

/** A batch's keys as one JSON parameter, for `jsonb_to_recordset(?::jsonb) as k(…)` lookups (a driver would expand arrays). */
export function keyRecords<T>(rows: T[], pick: Record<string, (row: T) => unknown>): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(pick).map(([name, get]) => [name, get(row)]))));
}

/** A list of texts as one JSON parameter, for `in (select jsonb_array_elements_text(?::jsonb))`. */
export function textList(values: string[]): string {
  return JSON.stringify(values);
}

/** Values as people read them (a string per property), with the names that stand for ids. */
export function displayValues(values: Record<string, unknown>, names: Record<string, string | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) out[key] = value === null || value === undefined ? null : String(value);
  return { ...out, ...names };
}

/** Live records by natural key (more than one under a key is an ambiguous match). */
export function groupByKey(rows: Record<string, unknown>[], keyOf: (row: Record<string, unknown>) => string, view: (row: Record<string, unknown>) => ExistingRecord): Map<string, ExistingRecord[]> {
  const byKey = new Map<string, ExistingRecord[]>();
  for (const row of rows) byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), view(row)]);
  return byKey;
}
