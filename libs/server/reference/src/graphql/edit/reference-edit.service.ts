import { OptimisticLockError, UniqueConstraintViolationException, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, isUuid, notFound, validationFailed, type FieldError, type NotFound, type ValidationFailed } from '@pams/server-core';
import { Region } from '@pams/server-identity';
import { Industry } from '../../entities/industry.entity.js';
import { Product } from '../../entities/product.entity.js';
import { SalesRep } from '../../entities/sales-rep.entity.js';
import { UseCase } from '../../entities/use-case.entity.js';
import { industryJson, productJson, regionJson, salesRepJson, useCaseJson } from '../reference.sql.js';
import { IndustryType, ProductType, RegionType, SalesRepType, UseCaseType } from '../reference.types.js';
import type { SalesRepInput, UseCaseInput } from './reference-edit.inputs.js';
import {
  conflictOf,
  IndustryVersionConflict,
  ProductVersionConflict,
  RegionVersionConflict,
  SalesRepVersionConflict,
  UseCaseVersionConflict,
} from './reference-edit.results.js';

/*
 * Admin edits of reference data (ADMIN only, checked by the resolver): create, update at the version
 * read, deactivate. Writes go through entities, so each is audited with before/after (ADR 0007).
 * Names are unique regardless of case; records are retired (active = false), never deleted: old
 * accounts, projects and outcomes keep them.
 */

interface Versioned {
  id: string;
  version: number;
}

type Conflict = RegionVersionConflict | IndustryVersionConflict | ProductVersionConflict | UseCaseVersionConflict | SalesRepVersionConflict;

interface KindSpec<E extends Versioned, I, N> {
  entity: EntityClass<E>;
  noun: string;
  Type: new () => N;
  Conflict: new () => Conflict;
  /** The read model of one record (`?` is its id). */
  readSql: string;
  /** The entity's values after `input` (all of them for a new record); pushes field errors. */
  values(em: EntityManager, input: I, current: E | null, fields: FieldError[]): Promise<Partial<E>>;
  /** The unique constraints of the table, by the input field they concern. */
  unique: Record<string, string>;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** A required name, trimmed, when given (always on create); null when the input leaves it out. */
function checkedName(value: string | null | undefined, creating: boolean, max: number, fields: FieldError[], field = 'name'): string | null {
  if (value === undefined && !creating) return null;
  const name = (value ?? '').trim();
  if (name === '') fields.push(fieldError(field, 'REQUIRED', 'Enter a name.'));
  else if (name.length > max) fields.push(fieldError(field, 'TOO_LONG', `Use at most ${max} characters.`));
  return name;
}

async function taken(em: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  return (await em.execute(sql, params)).length > 0;
}

function duplicate(field: string, noun: string): FieldError {
  return fieldError(field, 'DUPLICATE', `Another ${noun} already has this ${field === 'email' ? 'email' : 'name'}.`);
}

function activeValue(input: { active?: boolean | null }): { active?: boolean } {
  return input.active == null ? {} : { active: input.active };
}

/** A plain named record (region, industry, product): a unique name and the active flag. */
function named<E extends Versioned & { name: string; active: boolean }, N>(
  entity: EntityClass<E>,
  table: string,
  noun: string,
  max: number,
  Type: new () => N,
  Conflict: new () => Conflict,
  json: (alias: string) => string,
): KindSpec<E, { name?: string | null; active?: boolean | null }, N> {
  return {
    entity,
    noun,
    Type,
    Conflict,
    readSql: `select ${json('t')} as node from ${table} t where t.id = ?`,
    unique: { name: `${table}_name_unique` },
    async values(em, input, current, fields) {
      const name = checkedName(input.name, current === null, max, fields);
      if (name && fields.length === 0 && (await taken(em, `select 1 from ${table} where lower(name) = lower(?) and id <> ?`, [name, current?.id ?? NO_ID]))) {
        fields.push(duplicate('name', noun));
      }
      return { ...(name !== null ? { name } : {}), ...activeValue(input) } as Partial<E>;
    },
  };
}

export const REGION = named(Region, 'region', 'region', 80, RegionType, RegionVersionConflict, regionJson);
export const INDUSTRY = named(Industry, 'industry', 'industry', 120, IndustryType, IndustryVersionConflict, industryJson);
export const PRODUCT = named(Product, 'product', 'product', 120, ProductType, ProductVersionConflict, productJson);

/** An active record of `entity` (or the one already set); pushes NOT_FOUND / INACTIVE. */
async function activeRef<E extends Versioned & { active: boolean }>(
  em: EntityManager,
  entity: EntityClass<E>,
  id: string,
  currentId: string | null,
  field: string,
  fields: FieldError[],
): Promise<E | null> {
  const found = isUuid(id) ? await em.findOne(entity, { id: id.toLowerCase() } as never) : null;
  if (!found) fields.push(fieldError(field, 'NOT_FOUND', 'That no longer exists: reload and choose again.'));
  else if (!found.active && found.id !== currentId) fields.push(fieldError(field, 'INACTIVE', 'That has been retired: choose another.'));
  return found;
}

export const USE_CASE: KindSpec<UseCase, UseCaseInput, UseCaseType> = {
  entity: UseCase,
  noun: 'use case',
  Type: UseCaseType,
  Conflict: UseCaseVersionConflict,
  readSql: `select ${useCaseJson('t')} as node from use_case t where t.id = ?`,
  unique: { name: 'use_case_name_industry_id_unique' },
  async values(em, input, current, fields) {
    const creating = current === null;
    const name = checkedName(input.name, creating, 120, fields);
    if ((creating || input.bucket !== undefined) && input.bucket == null) fields.push(fieldError('bucket', 'REQUIRED', 'Choose a bucket.'));
    let industry: Industry | null | undefined = undefined;
    if (input.industryId != null) industry = await activeRef(em, Industry, input.industryId, current?.industry?.id ?? null, 'industryId', fields);
    else if (input.industryId === null || creating) industry = null;
    const finalName = name ?? current!.name;
    const finalIndustry = industry === undefined ? (current!.industry?.id ?? null) : (industry?.id ?? null);
    if (fields.length === 0 && (name !== null || industry !== undefined)) {
      const clash = await taken(em, 'select 1 from use_case where lower(name) = lower(?) and industry_id is not distinct from ? and id <> ?', [
        finalName,
        finalIndustry,
        current?.id ?? NO_ID,
      ]);
      if (clash) fields.push(duplicate('name', finalIndustry ? 'use case of this industry' : 'general use case'));
    }
    return {
      ...(name !== null ? { name } : {}),
      ...(input.bucket != null ? { bucket: input.bucket } : {}),
      ...(industry !== undefined ? { industry } : {}),
      ...activeValue(input),
    };
  },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const SALES_REP: KindSpec<SalesRep, SalesRepInput, SalesRepType> = {
  entity: SalesRep,
  noun: 'sales rep',
  Type: SalesRepType,
  Conflict: SalesRepVersionConflict,
  readSql: `select ${salesRepJson('t', 'g')} as node from sales_rep t join region g on g.id = t.region_id where t.id = ?`,
  unique: { email: 'sales_rep_email_unique' },
  async values(em, input, current, fields) {
    const creating = current === null;
    const name = checkedName(input.name, creating, 120, fields);
    let email: string | null = null;
    if (creating || input.email !== undefined) {
      email = (input.email ?? '').trim();
      if (email === '') fields.push(fieldError('email', 'REQUIRED', 'Enter the rep\'s email.'));
      else if (email.length > 254) fields.push(fieldError('email', 'TOO_LONG', 'Use at most 254 characters.'));
      else if (!EMAIL.test(email)) fields.push(fieldError('email', 'INVALID', 'Enter an email address.'));
      else if (await taken(em, 'select 1 from sales_rep where lower(email) = lower(?) and id <> ?', [email, current?.id ?? NO_ID])) fields.push(duplicate('email', 'sales rep'));
    }
    let region: Region | null = null;
    if (creating || input.regionId !== undefined) {
      if (input.regionId == null) fields.push(fieldError('regionId', 'REQUIRED', 'Choose the rep\'s region.'));
      else region = await activeRef(em, Region, input.regionId, current?.region.id ?? null, 'regionId', fields);
    }
    if ((creating || input.currency !== undefined) && input.currency == null) fields.push(fieldError('currency', 'REQUIRED', 'Choose the rep\'s currency.'));
    return {
      ...(name !== null ? { name } : {}),
      ...(email !== null ? { email } : {}),
      ...(region ? { region } : {}),
      ...(input.currency != null ? { currency: input.currency } : {}),
      ...activeValue(input),
    };
  },
};

async function readNode<N>(em: EntityManager, spec: { readSql: string; Type: new () => N }, id: string): Promise<N | null> {
  const [row] = await em.execute<{ node: N }[]>(spec.readSql, [id]);
  return row ? Object.assign(new spec.Type() as object, row.node) as N : null;
}

/**
 * Creates (`id` null) or updates the record of `spec` read at `expectedVersion`. A stale version
 * is answered with the server's copy and changes nothing.
 */
export async function saveReference<E extends Versioned, I, N>(
  em: EntityManager,
  spec: KindSpec<E, I, N>,
  id: string | null,
  expectedVersion: number | null,
  input: I,
): Promise<N | ValidationFailed | Conflict | NotFound> {
  const missing = () => notFound(`No such ${spec.noun}.`);
  if (id !== null && !isUuid(id)) return missing();
  const key = id?.toLowerCase() ?? null;
  let outcome: string | ValidationFailed | NotFound;
  try {
    outcome = await em.transactional(
      async (tx) => {
        let record: E | null = null;
        if (key !== null) {
          record = await tx.findOne(spec.entity, { id: key } as never);
          if (!record) return missing();
          if (record.version !== expectedVersion) return 'conflict';
        }
        const fields: FieldError[] = [];
        const values = await spec.values(tx, input, record, fields);
        if (fields.length > 0) return validationFailed(fields);
        if (record) tx.assign(record, values as never);
        else record = tx.create(spec.entity, values as never);
        await tx.flush();
        return record.id;
      },
      { clear: true },
    );
  } catch (error) {
    if (error instanceof OptimisticLockError) outcome = 'conflict';
    else if (error instanceof UniqueConstraintViolationException) {
      const constraint = (error as unknown as { constraint?: string }).constraint;
      const field = Object.entries(spec.unique).find(([, name]) => name === constraint)?.[0];
      if (!field) throw error;
      return validationFailed([duplicate(field, spec.noun)]);
    } else throw error;
  }
  if (outcome === 'conflict') {
    const current = await readNode(em, spec, key!);
    return current ? conflictOf(spec.Conflict as never, current as never, spec.Type as never) : missing();
  }
  if (typeof outcome !== 'string') return outcome;
  return (await readNode(em, spec, outcome))!;
}
