import type { EntityManager } from '@mikro-orm/postgresql';
import {
  fieldError,
  forbidden,
  notFound,
  validationFailed,
  type FieldError,
  type Forbidden,
  type NotFound,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { isUuid } from '@pams/server-identity';
import { Industry, SalesRep } from '@pams/server-reference';
import { Account } from '../entities/account.entity.js';
import { mayCreate, mayUpdateAccount, regionOfAccount } from '../shared/access.js';
import { inTransaction, violatedUnique } from '../shared/transaction.js';
import { checkName, checkRef, checkUrl } from '../shared/validation.js';
import type { CreateAccountInput, UpdateAccountInput } from './account.inputs.js';
import { findAccount } from './account.read-model.js';
import { accountConflict, asAccount, type AccountVersionConflict } from './account.results.js';
import type { AccountType } from './account.type.js';

const NAME_UNIQUE = 'account_name_lower_unique';

function duplicateName(): FieldError {
  return fieldError('name', 'DUPLICATE', 'An account with this name already exists.');
}

/** The fields of an account after applying `input` to `current` (null for a new one). */
async function validate(
  em: EntityManager,
  input: UpdateAccountInput,
  current: Account | null,
): Promise<{ fields: FieldError[]; values: Pick<Account, 'name' | 'industry' | 'salesRep' | 'crmLink'> }> {
  const fields: FieldError[] = [];
  const name = input.name !== undefined ? checkName(input.name, 'name', fields) : current!.name;
  if (input.name !== undefined && fields.length === 0) {
    const clash = await em.execute<{ id: string }[]>('select id from account where lower(name) = lower(?) and id <> ?', [
      name,
      current?.id ?? '00000000-0000-0000-0000-000000000000',
    ]);
    if (clash.length > 0) fields.push(duplicateName());
  }
  const industry =
    input.industryId !== undefined
      ? await checkRef(em, Industry, input.industryId, 'industryId', fields, { current: current?.industry?.id, isActive: (i) => i.active })
      : (current!.industry ?? null);
  const salesRep =
    input.salesRepId !== undefined
      ? await checkRef(em, SalesRep, input.salesRepId, 'salesRepId', fields, { current: current?.salesRep?.id, isActive: (r) => r.active })
      : (current!.salesRep ?? null);
  const crmLink = input.crmLink !== undefined ? checkUrl(input.crmLink, 'crmLink', fields) : (current!.crmLink ?? null);
  return { fields, values: { name, industry, salesRep, crmLink } };
}

/** A new account; the name is unique regardless of case. */
export async function createAccount(
  em: EntityManager,
  viewer: Viewer,
  input: CreateAccountInput,
): Promise<AccountType | ValidationFailed | Forbidden> {
  if (!mayCreate(viewer)) return forbidden('Your role cannot create accounts.');
  try {
    const outcome = await inTransaction(em, async (tx) => {
      // A new account has every field: an omitted one is empty, not "unchanged".
      const all = {
        name: input.name ?? '',
        industryId: input.industryId ?? null,
        salesRepId: input.salesRepId ?? null,
        crmLink: input.crmLink ?? null,
      };
      const { fields, values } = await validate(tx, all, null);
      if (fields.length > 0) return validationFailed(fields);
      return tx.create(Account, values).id;
    });
    if (typeof outcome !== 'string') return outcome;
    return asAccount((await findAccount(em, outcome))!);
  } catch (error) {
    if (violatedUnique(error) === NAME_UNIQUE) return validationFailed([duplicateName()]);
    throw error;
  }
}

/** Applies a patch to an account read at `expectedVersion`; a stale version changes nothing. */
export async function updateAccount(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
  input: UpdateAccountInput,
): Promise<AccountType | ValidationFailed | AccountVersionConflict | Forbidden | NotFound> {
  if (!mayCreate(viewer)) return forbidden('Your role cannot change accounts.');
  if (!isUuid(id)) return notFound('No such account.');
  try {
    const outcome = await inTransaction(em, async (tx) => {
      const account = await tx.findOne(Account, id, { populate: ['salesRep'] });
      if (!account) return notFound('No such account.');
      if (!mayUpdateAccount(viewer, regionOfAccount(account))) {
        return forbidden('Only admins, and managers of the account\'s region, can change an account.');
      }
      if (account.version !== expectedVersion) return 'conflict' as const;
      const { fields, values } = await validate(tx, input, account);
      if (fields.length > 0) return validationFailed(fields);
      if (values.salesRep && !mayUpdateAccount(viewer, values.salesRep.region.id)) {
        return forbidden('You can only give the account a sales rep of your regions.');
      }
      tx.assign(account, values);
      return 'saved' as const;
    });
    if (outcome === 'conflict') return accountConflict((await findAccount(em, id))!);
    if (outcome === 'saved') return asAccount((await findAccount(em, id))!);
    return outcome;
  } catch (error) {
    if (violatedUnique(error) === NAME_UNIQUE) return validationFailed([duplicateName()]);
    throw error;
  }
}
