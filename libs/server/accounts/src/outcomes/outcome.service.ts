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
import { isUuid, User, UserStatus } from '@pams/server-identity';
import { CurrencyRate } from '@pams/server-reference';
import { MONTH_PATTERN, OutcomeResult, ProjectStatus, type AccountKind, type Currency } from '@pams/shared-util';
import { Account } from '../entities/account.entity.js';
import { Outcome } from '../entities/outcome.entity.js';
import { Project } from '../entities/project.entity.js';
import { mayCreate, mayEditProject, regionOfAccount } from '../shared/access.js';
import { inTransaction, violatedUnique } from '../shared/transaction.js';
import { checkRef, checkText, checkUrl, TEXT_MAX_LENGTH } from '../shared/validation.js';
import type { RecordOutcomeInput, UpdateOutcomeInput } from './outcome.inputs.js';
import { findOutcome, findOutcomeOfProject } from './outcome.read-model.js';
import {
  asOutcome,
  outcomeAlreadyRecorded,
  outcomeConflict,
  type OutcomeAlreadyRecorded,
  type OutcomeVersionConflict,
} from './outcome.results.js';
import type { OutcomeType } from './outcome.type.js';

const FIRST_MONTH = '2020-01';
const LAST_MONTH = '2050-12';
/** numeric(14,2) */
const AMOUNT_MAX = 999_999_999_999.99;
const COMPETITORS_MAX_LENGTH = 500;
const ONE_OUTCOME_PER_PROJECT = 'outcome_project_id_unique';

/** Every field of the form, after a patch is applied to what is stored. */
interface OutcomeForm {
  result: OutcomeResult | null;
  month: string | null;
  crmLink: string | null;
  reason: string | null;
  competitors: string | null;
  mrrAmount: number | null;
  currency: Currency | null;
  oneTimeValue: number | null;
  wonById: string | null;
  accountKind: AccountKind | null;
}

type OutcomeValues = Pick<
  Outcome,
  'result' | 'month' | 'crmLink' | 'reason' | 'competitors' | 'mrrAmount' | 'currency' | 'rate' | 'oneTimeValue' | 'wonBy' | 'accountKind'
>;

function statusAfter(result: OutcomeResult): ProjectStatus {
  return result === OutcomeResult.WON ? ProjectStatus.WON : ProjectStatus.LOST;
}

function monthOf(stored: string | Date): string {
  return (typeof stored === 'string' ? stored : stored.toISOString()).slice(0, 7);
}

function formOf(outcome: Outcome): OutcomeForm {
  return {
    result: outcome.result,
    month: monthOf(outcome.month),
    crmLink: outcome.crmLink,
    reason: outcome.reason,
    competitors: outcome.competitors ?? null,
    mrrAmount: outcome.mrrAmount == null ? null : Number(outcome.mrrAmount),
    currency: outcome.currency ?? null,
    oneTimeValue: outcome.oneTimeValue == null ? null : Number(outcome.oneTimeValue),
    wonById: outcome.wonBy?.id ?? null,
    accountKind: outcome.accountKind ?? null,
  };
}

function patched(form: OutcomeForm, patch: UpdateOutcomeInput): OutcomeForm {
  const next = { ...form };
  for (const key of Object.keys(form) as (keyof OutcomeForm)[]) {
    const value = patch[key];
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

function checkAmount(value: number | null, field: string, fields: FieldError[]): string | null {
  if (value === null) return null;
  if (!(value >= 0 && value <= AMOUNT_MAX)) {
    fields.push(fieldError(field, 'OUT_OF_RANGE', 'Enter an amount of zero or more.'));
    return null;
  }
  return value.toFixed(2);
}

/** Checks the whole form; the rate is the currency's current one unless the currency is unchanged. */
async function validate(em: EntityManager, form: OutcomeForm, current: Outcome | null): Promise<{ fields: FieldError[]; values: OutcomeValues }> {
  const fields: FieldError[] = [];
  if (!form.result) fields.push(fieldError('result', 'REQUIRED', 'Choose won or lost.'));
  let month = '';
  if (!form.month) fields.push(fieldError('month', 'REQUIRED', 'Choose the month.'));
  else if (!MONTH_PATTERN.test(form.month)) fields.push(fieldError('month', 'INVALID', 'Use the form YYYY-MM.'));
  else if (form.month < FIRST_MONTH || form.month > LAST_MONTH) {
    fields.push(fieldError('month', 'OUT_OF_RANGE', `Choose a month from ${FIRST_MONTH} to ${LAST_MONTH}.`));
  } else month = `${form.month}-01`;
  const crmLink = checkUrl(form.crmLink, 'crmLink', fields, true);
  const reason = checkText(form.reason, 'reason', fields, { required: true, max: TEXT_MAX_LENGTH });
  const competitors = checkText(form.competitors, 'competitors', fields, { max: COMPETITORS_MAX_LENGTH });
  const mrrAmount = checkAmount(form.mrrAmount, 'mrrAmount', fields);
  const oneTimeValue = checkAmount(form.oneTimeValue, 'oneTimeValue', fields);
  let rate: string | null = null;
  if (form.currency === null) {
    if (form.mrrAmount !== null || form.oneTimeValue !== null) {
      fields.push(fieldError('currency', 'REQUIRED', 'Choose the currency of the amount.'));
    }
  } else if (current?.currency === form.currency && current.rate != null) {
    rate = current.rate; // the rate of the day it was recorded stays with the outcome
  } else {
    const found = await em.findOne(CurrencyRate, { currency: form.currency });
    if (found) rate = found.rateToReporting;
    else fields.push(fieldError('currency', 'NO_RATE', `There is no rate for ${form.currency} yet: ask an admin to add one.`));
  }
  const wonBy = await checkRef(em, User, form.wonById, 'wonById', fields, {
    current: current?.wonBy?.id,
    isActive: (u) => u.status === UserStatus.ACTIVE,
  });
  return {
    fields,
    values: {
      result: form.result!,
      month,
      crmLink: crmLink ?? '',
      reason: reason ?? '',
      competitors,
      mrrAmount,
      currency: form.currency,
      rate,
      oneTimeValue,
      wonBy,
      accountKind: form.accountKind,
    },
  };
}

type ProjectChoice = { project: Project } | { error: ValidationFailed };

/** The named project of the account, or its only one (P-004). */
async function chooseProject(em: EntityManager, account: Account, projectId: string | null | undefined): Promise<ProjectChoice> {
  if (projectId != null) {
    const project = isUuid(projectId) ? await em.findOne(Project, { id: projectId, account }, { populate: ['owners'] }) : null;
    return project ? { project } : { error: validationFailed([fieldError('projectId', 'NOT_FOUND', 'This account has no such project.')]) };
  }
  const projects = await em.find(Project, { account }, { populate: ['owners'], limit: 2 });
  if (projects.length === 1) return { project: projects[0] };
  return {
    error: validationFailed([
      projects.length === 0
        ? fieldError('projectId', 'NO_PROJECT', 'This account has no project yet: create one first.')
        : fieldError('projectId', 'REQUIRED', 'This account has several projects: choose one.'),
    ]),
  };
}

/** Records how a project ended and sets its status to match; one outcome per project. */
export async function recordOutcome(
  em: EntityManager,
  viewer: Viewer,
  input: RecordOutcomeInput,
): Promise<OutcomeType | ValidationFailed | OutcomeAlreadyRecorded | Forbidden> {
  if (!mayCreate(viewer)) return forbidden('Your role cannot record outcomes.');
  let projectId: string | undefined;
  try {
    const result = await inTransaction(em, async (tx) => {
      const account = isUuid(input.accountId) ? await tx.findOne(Account, input.accountId, { populate: ['salesRep'] }) : null;
      if (!account) return validationFailed([fieldError('accountId', 'NOT_FOUND', 'No such account.')]);
      const choice = await chooseProject(tx, account, input.projectId);
      if ('error' in choice) return choice.error;
      const { project } = choice;
      projectId = project.id;
      if (!mayEditProject(viewer, regionOfAccount(account), project.owners.getIdentifiers() as string[])) {
        return forbidden('Only its owners, admins and people of the account\'s region can record this project\'s outcome.');
      }
      if ((await tx.count(Outcome, { project })) > 0) return 'exists' as const;
      const { fields, values } = await validate(tx, nullsFor(input), null);
      if (fields.length > 0) return validationFailed(fields);
      const outcome = tx.create(Outcome, { ...values, project });
      project.status = statusAfter(values.result);
      return outcome.id;
    });
    if (result === 'exists') return outcomeAlreadyRecorded((await findOutcomeOfProject(em, projectId!))!);
    if (typeof result === 'string') return asOutcome((await findOutcome(em, result))!);
    return result;
  } catch (error) {
    if (violatedUnique(error) === ONE_OUTCOME_PER_PROJECT && projectId) {
      return outcomeAlreadyRecorded((await findOutcomeOfProject(em, projectId))!);
    }
    throw error;
  }
}

/** Optional fields of the form as null rather than undefined. */
function nullsFor(input: RecordOutcomeInput): OutcomeForm {
  return {
    result: input.result ?? null,
    month: input.month ?? null,
    crmLink: input.crmLink ?? null,
    reason: input.reason ?? null,
    competitors: input.competitors ?? null,
    mrrAmount: input.mrrAmount ?? null,
    currency: input.currency ?? null,
    oneTimeValue: input.oneTimeValue ?? null,
    wonById: input.wonById ?? null,
    accountKind: input.accountKind ?? null,
  };
}

/** Applies a patch to an outcome read at `expectedVersion`; a changed result changes the project's status. */
export async function updateOutcome(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
  input: UpdateOutcomeInput,
): Promise<OutcomeType | ValidationFailed | OutcomeVersionConflict | Forbidden | NotFound> {
  if (!mayCreate(viewer)) return forbidden('Your role cannot change outcomes.');
  if (!isUuid(id)) return notFound('No such outcome.');
  const result = await inTransaction(em, async (tx) => {
    const outcome = await tx.findOne(Outcome, id, { populate: ['project.account.salesRep', 'project.owners'] });
    if (!outcome) return notFound('No such outcome.');
    const { project } = outcome;
    if (!mayEditProject(viewer, regionOfAccount(project.account), project.owners.getIdentifiers() as string[])) {
      return forbidden('Only its owners, admins and people of the account\'s region can change this outcome.');
    }
    if (outcome.version !== expectedVersion) return 'conflict' as const;
    const { fields, values } = await validate(tx, patched(formOf(outcome), input), outcome);
    if (fields.length > 0) return validationFailed(fields);
    tx.assign(outcome, values);
    project.status = statusAfter(values.result);
    return 'saved' as const;
  });
  if (result === 'conflict') return outcomeConflict((await findOutcome(em, id))!);
  if (result === 'saved') return asOutcome((await findOutcome(em, id))!);
  return result;
}
