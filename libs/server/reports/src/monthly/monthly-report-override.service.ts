import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { fieldError, forbidden, isUuid, validationFailed, type FieldError, type Forbidden, type ValidationFailed, type Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { monthSpan } from '../rollup/report-range.js';
import { MonthlyReportOverride, type ManualWin } from './monthly-report-override.entity.js';
import { MonthlyReportOverrideConflict, MonthlyReportOverrideType, type MonthlyReportOverrideInput } from './monthly-report-override.types.js';

export const MAX_HIGHLIGHTS = 5_000;
export const MAX_STORY = 5_000;
const MAX_TITLE = 200;
const MAX_FEATURED = 20;
const MAX_OUTCOME_IDS = 200;
const MAX_MANUAL_WINS = 20;
const MAX_MRR = 1e12;

/**
 * Managers and admins edit a month's overrides. They are organisation-wide (one record per month),
 * so a manager's edit shows in every region's report; every save is audited (docs/adr/0014).
 */
export function mayEditMonthlyOverride(viewer: Viewer): boolean {
  return viewer.role === Role.MANAGER || viewer.role === Role.ADMIN;
}

function toType(viewer: Viewer, month: string, found: MonthlyReportOverride | null): MonthlyReportOverrideType {
  return Object.assign(new MonthlyReportOverrideType(), {
    id: found?.id ?? null,
    month,
    version: found?.version ?? 0,
    highlights: found?.highlights ?? '',
    featuredUseCaseIds: [...(found?.featuredUseCaseIds ?? [])],
    excludedOutcomeIds: [...(found?.excludedOutcomeIds ?? [])],
    includedOutcomeIds: [...(found?.includedOutcomeIds ?? [])],
    manualWins: (found?.manualWins ?? []).map((win) => ({ ...win })),
    winOfTheMonthOutcomeId: found?.winOfTheMonthOutcomeId ?? null,
    winOfTheMonthStory: found?.winOfTheMonthStory ?? null,
    editable: mayEditMonthlyOverride(viewer),
    updatedAt: found?.updatedAt ?? null,
  });
}

/** A checked month as YYYY-MM (the GraphQL error of monthSpan when it is not one). */
function checkedMonth(month: string): string {
  monthSpan(month, month);
  return month;
}

/** The stored overrides of the months in a range, by month (YYYY-MM). */
export async function overridesInRange(em: EntityManager, from: string, to: string): Promise<Map<string, MonthlyReportOverride>> {
  const { fromDate, toDate } = monthSpan(from, to);
  const found = await em.find(MonthlyReportOverride, { month: { $gte: fromDate, $lte: toDate } }, { orderBy: { month: 'asc' } });
  return new Map(found.map((o) => [o.month.slice(0, 7), o]));
}

function storedOf(found: MonthlyReportOverride): CheckedInput {
  return {
    highlights: found.highlights,
    featuredUseCaseIds: found.featuredUseCaseIds,
    excludedOutcomeIds: found.excludedOutcomeIds,
    includedOutcomeIds: found.includedOutcomeIds,
    manualWins: found.manualWins,
    winOfTheMonthOutcomeId: found.winOfTheMonthOutcomeId ?? null,
    winOfTheMonthStory: found.winOfTheMonthStory ?? null,
  };
}

/** Any signed-in viewer reads a month's overrides; an unedited month reads as empty, version 0. */
export async function monthlyReportOverride(em: EntityManager, viewer: Viewer, month: string): Promise<MonthlyReportOverrideType> {
  checkedMonth(month);
  const found = await em.findOne(MonthlyReportOverride, { month: `${month}-01` });
  return toType(viewer, month, found);
}

interface CheckedInput {
  highlights: string;
  featuredUseCaseIds: string[];
  excludedOutcomeIds: string[];
  includedOutcomeIds: string[];
  manualWins: ManualWin[];
  winOfTheMonthOutcomeId: string | null;
  winOfTheMonthStory: string | null;
}

function idList(field: string, ids: readonly string[] | null | undefined, max: number, fields: FieldError[]): string[] {
  const list = ids ?? [];
  if (list.length > max) fields.push(fieldError(field, 'TOO_MANY', `At most ${max}.`));
  const bad = list.find((id) => !isUuid(id));
  if (bad !== undefined) fields.push(fieldError(field, 'INVALID', `"${bad}" is not an id.`));
  return bad === undefined ? [...new Set(list.map((id) => id.toLowerCase()))] : [];
}

function text(field: string, value: string | null | undefined, max: number, fields: FieldError[]): string {
  const trimmed = (value ?? '').trim();
  if (trimmed.length > max) fields.push(fieldError(field, 'TOO_LONG', `At most ${max.toLocaleString('en')} characters.`));
  return trimmed;
}

/** What a month holds before its first save. */
const EMPTY: CheckedInput = {
  highlights: '',
  featuredUseCaseIds: [],
  excludedOutcomeIds: [],
  includedOutcomeIds: [],
  manualWins: [],
  winOfTheMonthOutcomeId: null,
  winOfTheMonthStory: null,
};

/** The input over the stored values (a field left out keeps its value), checked field by field. */
function checkInput(sent: MonthlyReportOverrideInput, stored: CheckedInput, fields: FieldError[]): CheckedInput {
  const input = {
    highlights: sent.highlights ?? stored.highlights,
    featuredUseCaseIds: sent.featuredUseCaseIds ?? stored.featuredUseCaseIds,
    excludedOutcomeIds: sent.excludedOutcomeIds ?? stored.excludedOutcomeIds,
    includedOutcomeIds: sent.includedOutcomeIds ?? stored.includedOutcomeIds,
    // Explicit null clears these two; only a missing field keeps them.
    winOfTheMonthOutcomeId: sent.winOfTheMonthOutcomeId === undefined ? stored.winOfTheMonthOutcomeId : sent.winOfTheMonthOutcomeId,
    winOfTheMonthStory: sent.winOfTheMonthStory === undefined ? stored.winOfTheMonthStory : sent.winOfTheMonthStory,
  };
  const excluded = idList('excludedOutcomeIds', input.excludedOutcomeIds, MAX_OUTCOME_IDS, fields);
  const included = idList('includedOutcomeIds', input.includedOutcomeIds, MAX_OUTCOME_IDS, fields);
  const both = included.filter((id) => excluded.includes(id));
  if (both.length > 0) fields.push(fieldError('includedOutcomeIds', 'CONFLICT', `Both included and excluded: ${both.join(', ')}.`));
  const wins = sent.manualWins ?? [];
  if (wins.length > MAX_MANUAL_WINS) fields.push(fieldError('manualWins', 'TOO_MANY', `At most ${MAX_MANUAL_WINS} manual wins.`));
  // Stored wins are kept as they are: rebuilt objects differ in key order from jsonb's and would count as a change.
  const manualWins = sent.manualWins == null ? stored.manualWins : wins.map((win, i): ManualWin => {
    const title = text(`manualWins.${i}.title`, win.title, MAX_TITLE, fields);
    const accountName = text(`manualWins.${i}.accountName`, win.accountName, MAX_TITLE, fields);
    if (!title) fields.push(fieldError(`manualWins.${i}.title`, 'REQUIRED', 'Give the win a title.'));
    if (!accountName) fields.push(fieldError(`manualWins.${i}.accountName`, 'REQUIRED', 'Name the account.'));
    const mrr = win.mrrReporting ?? null;
    if (mrr !== null && (!Number.isFinite(mrr) || mrr < 0 || mrr > MAX_MRR)) {
      fields.push(fieldError(`manualWins.${i}.mrrReporting`, 'INVALID', 'MRR must be zero or more.'));
    }
    return { title, accountName, mrrReporting: mrr === null ? null : Math.round(mrr * 100) / 100, story: text(`manualWins.${i}.story`, win.story, MAX_STORY, fields) };
  });
  let pick: string | null = null;
  if (input.winOfTheMonthOutcomeId != null) {
    if (!isUuid(input.winOfTheMonthOutcomeId)) fields.push(fieldError('winOfTheMonthOutcomeId', 'INVALID', 'Not an outcome id.'));
    else pick = input.winOfTheMonthOutcomeId.toLowerCase();
    if (pick && excluded.includes(pick)) fields.push(fieldError('winOfTheMonthOutcomeId', 'CONFLICT', 'The win of the month cannot be excluded.'));
  }
  const story = text('winOfTheMonthStory', input.winOfTheMonthStory, MAX_STORY, fields);
  return {
    highlights: text('highlights', input.highlights, MAX_HIGHLIGHTS, fields),
    featuredUseCaseIds: idList('featuredUseCaseIds', input.featuredUseCaseIds, MAX_FEATURED, fields),
    excludedOutcomeIds: excluded,
    includedOutcomeIds: included,
    manualWins,
    winOfTheMonthOutcomeId: pick,
    winOfTheMonthStory: story || null,
  };
}

/**
 * Every outcome id sent must name a won outcome of this month, every use case id a use case. Stored
 * values are not checked again: an outcome moved to another month since must not block other edits.
 */
async function checkReferences(em: EntityManager, month: string, sent: MonthlyReportOverrideInput, checked: CheckedInput, fields: FieldError[]): Promise<void> {
  const input: CheckedInput = {
    ...checked,
    featuredUseCaseIds: sent.featuredUseCaseIds == null ? [] : checked.featuredUseCaseIds,
    excludedOutcomeIds: sent.excludedOutcomeIds == null ? [] : checked.excludedOutcomeIds,
    includedOutcomeIds: sent.includedOutcomeIds == null ? [] : checked.includedOutcomeIds,
    winOfTheMonthOutcomeId: sent.winOfTheMonthOutcomeId == null ? null : checked.winOfTheMonthOutcomeId,
  };
  const outcomeIds = [...new Set([...input.excludedOutcomeIds, ...input.includedOutcomeIds, ...(input.winOfTheMonthOutcomeId ? [input.winOfTheMonthOutcomeId] : [])])];
  if (outcomeIds.length > 0) {
    const rows = await em.execute<{ id: string; result: string; month: string }[]>(
      `select id, result, to_char(month, 'YYYY-MM') as month from outcome where id = any(?::uuid[])`,
      [`{${outcomeIds.join(',')}}`],
    );
    const won = new Set(rows.filter((r) => r.result === 'WON' && r.month === month).map((r) => r.id));
    const check = (field: string, ids: string[]) => {
      const bad = ids.filter((id) => !won.has(id));
      if (bad.length > 0) fields.push(fieldError(field, 'NOT_A_WIN_OF_THE_MONTH', `Not a won outcome of ${month}: ${bad.join(', ')}.`));
    };
    check('excludedOutcomeIds', input.excludedOutcomeIds);
    check('includedOutcomeIds', input.includedOutcomeIds);
    if (input.winOfTheMonthOutcomeId) check('winOfTheMonthOutcomeId', [input.winOfTheMonthOutcomeId]);
  }
  if (input.featuredUseCaseIds.length > 0) {
    const rows = await em.execute<{ id: string }[]>('select id from use_case where id = any(?::uuid[])', [`{${input.featuredUseCaseIds.join(',')}}`]);
    const known = new Set(rows.map((r) => r.id));
    const bad = input.featuredUseCaseIds.filter((id) => !known.has(id));
    if (bad.length > 0) fields.push(fieldError('featuredUseCaseIds', 'NOT_FOUND', `No such use case: ${bad.join(', ')}.`));
  }
}

/**
 * Changes a month's overrides with the version read (0 for a month not stored yet). A stale version —
 * or a concurrent first save of the same month — is a conflict carrying the server's copy.
 */
export async function saveMonthlyReportOverride(
  em: EntityManager,
  viewer: Viewer,
  month: string,
  expectedVersion: number,
  input: MonthlyReportOverrideInput,
): Promise<MonthlyReportOverrideType | ValidationFailed | MonthlyReportOverrideConflict | Forbidden> {
  if (!mayEditMonthlyOverride(viewer)) return forbidden('Only managers and admins may change the monthly report.');
  const fields: FieldError[] = [];
  try {
    checkedMonth(month);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return validationFailed([fieldError('month', 'INVALID', error.message)]);
  }
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    return validationFailed([fieldError('expectedVersion', 'INVALID', 'Send the version you read (0 for a new month).')]);
  }

  const conflict = async (): Promise<MonthlyReportOverrideConflict> => {
    const current = await em.fork().findOne(MonthlyReportOverride, { month: `${month}-01` });
    return Object.assign(new MonthlyReportOverrideConflict(), {
      message: `Someone changed the ${month} report since you opened it. Nothing was saved.`,
      current: toType(viewer, month, current),
    });
  };
  try {
    return await em.transactional(async (tx) => {
      const found = await tx.findOne(MonthlyReportOverride, { month: `${month}-01` });
      if ((found?.version ?? 0) !== expectedVersion) return conflict();
      const checked = checkInput(input, found ? storedOf(found) : EMPTY, fields);
      if (fields.length === 0) await checkReferences(tx, month, input, checked, fields);
      if (fields.length > 0) return validationFailed(fields);
      const record = found ?? tx.create(MonthlyReportOverride, { month: `${month}-01` });
      Object.assign(record, checked);
      await tx.flush();
      return toType(viewer, month, record);
    });
  } catch (error) {
    // Another save got in between our read and our write (same version, or the month's first record).
    if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) return conflict();
    throw error;
  }
}
