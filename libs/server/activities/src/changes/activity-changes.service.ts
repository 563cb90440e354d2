import { LockMode, OptimisticLockError, QueryOrder, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  fieldError,
  forbidden,
  isUuid,
  notFound,
  validationFailed,
  type Forbidden,
  type UserError,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { recordEvent } from '@pams/server-audit';
import { Role } from '@pams/shared-util';
import { Region, User } from '@pams/server-identity';
import { Account, Project } from '@pams/server-accounts';
import { ActivityChangeOp, ActivityChangeStatus } from '../activity-enums.js';
import type { ActivityView } from '../activity.type.js';
import { Activity } from '../entities/activity.entity.js';
import { Draft } from '../entities/draft.entity.js';
import { keepConflictDrafts, type ConflictEdit } from '../drafts/drafts.service.js';
import { readActivitiesByIds } from '../list/activity-read-model.js';
import { mayLogFor, mayWriteActivities, mayWriteActivity } from './activity-access.js';
import type { ActivityChangeInput, ActivityInput } from './activity.input.js';
import { ActivityBatchResult, BulkDeleteNeedsConfirmation, NeedsAcknowledgement, VersionConflict, type ActivityChangeResult } from './activity-results.type.js';
import { validateActivity, type AccountFacts, type ValidActivity } from './activity-validation.js';

/** More deletes than this in one batch need `confirmBulkDelete` (PRODUCT.md, "Never again"). */
export const BULK_DELETE_THRESHOLD = 50;
export const MAX_CHANGES_PER_BATCH = 1000;
/** Passes over a batch when a concurrent request wins a race (same new id, same row). */
const MAX_ATTEMPTS = 3;

export interface SaveOptions {
  /** Apply the rows without problems even when others fail; default all or nothing. */
  partial: boolean;
  confirmBulkDelete: boolean;
}

interface Row {
  index: number;
  change: ActivityChangeInput;
  state: 'pending' | 'valid' | 'applied' | 'failed' | 'conflict';
  error?: UserError;
  value?: ValidActivity;
  entity?: Activity;
  ownerId?: string;
  regionId?: string | null;
}

interface UserFacts {
  id: string;
  defaultRegionId: string | null;
  lastLoggedDate: string | null;
  active: boolean;
}

/**
 * Applies creates, updates and deletes of activities in one transaction, reporting per row
 * (B-004). Rows are locked (FOR UPDATE) and checked against the version each edit started from
 * (em.lock, optimistic): a stale edit is refused and kept as a Draft (P-007, P-008), never merged.
 * Every write goes through entities and one flush, so the audit subscriber records each change.
 */
export async function saveActivityChanges(
  em: EntityManager,
  viewer: Viewer,
  changes: readonly ActivityChangeInput[],
  options: SaveOptions,
): Promise<ActivityBatchResult | BulkDeleteNeedsConfirmation | Forbidden | ValidationFailed> {
  if (!mayWriteActivities(viewer)) return forbidden('Your role can read activities but not change them.');
  if (changes.length > MAX_CHANGES_PER_BATCH) {
    return validationFailed([fieldError('changes', 'TOO_MANY', `Send at most ${MAX_CHANGES_PER_BATCH} changes at once.`)]);
  }
  const deleteCount = changes.filter((c) => c.op === ActivityChangeOp.DELETE).length;
  if (deleteCount > BULK_DELETE_THRESHOLD && !options.confirmBulkDelete) {
    return Object.assign(new BulkDeleteNeedsConfirmation(), {
      message: `This deletes ${deleteCount} activities. Confirm the bulk delete to go on.`,
      deleteCount,
      threshold: BULK_DELETE_THRESHOLD,
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptBatch(em, viewer, changes, options, deleteCount);
    } catch (error) {
      // A concurrent create of the same id, or a write that slipped past the row lock: the next pass sees it.
      const raced = error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError;
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function attemptBatch(
  em: EntityManager,
  viewer: Viewer,
  changes: readonly ActivityChangeInput[],
  options: SaveOptions,
  deleteCount: number,
): Promise<ActivityBatchResult> {
  const rows: Row[] = changes.map((change, index) => ({ index, change, state: 'pending' }));
  const committed = await em.fork().transactional(async (tx) => {
    checkShapes(rows);
    const pending = rows.filter((r) => r.state === 'pending');
    const ids = [...new Set(pending.map((r) => r.change.id))];
    // Locked in id order, so two batches touching the same rows cannot deadlock.
    const existing = ids.length > 0
      ? await tx.find(Activity, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: QueryOrder.ASC } })
      : [];
    const byId = new Map(existing.map((a) => [a.id, a]));
    const users = await loadUsers(tx, [viewer.id, ...pending.map((r) => r.change.input?.ownerId).filter(isUuid)]);
    const accounts = await loadAccounts(tx, pending.map((r) => r.change.input?.accountId).filter(isUuid));
    const defaultDate = users.get(viewer.id)?.lastLoggedDate ?? new Date().toISOString().slice(0, 10);

    for (const row of pending) {
      const found = byId.get(row.change.id);
      if (row.change.op === ActivityChangeOp.CREATE) evaluateCreate(row, found, viewer, users, accounts, defaultDate);
      else await evaluateEdit(tx, row, found, viewer, accounts);
    }
    if (!options.partial && rows.some((r) => r.state === 'failed' || r.state === 'conflict')) return false;

    let lastCreatedDate: string | null = null;
    let deleted = 0;
    for (const row of rows) {
      if (row.state !== 'valid') continue;
      if (row.change.op === ActivityChangeOp.CREATE) {
        tx.create(Activity, {
          id: row.change.id,
          owner: tx.getReference(User, row.ownerId!),
          region: row.regionId ? tx.getReference(Region, row.regionId) : null,
          createdBy: row.ownerId === viewer.id ? null : tx.getReference(User, viewer.id),
          ...columnsOf(tx, row.value!),
        });
        lastCreatedDate = row.value!.date;
      } else if (row.change.op === ActivityChangeOp.UPDATE) {
        Object.assign(row.entity!, columnsOf(tx, row.value!));
      } else {
        row.entity!.deletedAt = new Date();
        deleted += 1;
      }
      row.state = 'applied';
    }
    if (lastCreatedDate !== null) {
      // B-003. Plain SQL on purpose: through the entity it would bump the user's version and make
      // an admin's concurrent edit of that user conflict with every activity logged.
      await tx.execute('update app_user set last_logged_date = ? where id = ?', [lastCreatedDate, viewer.id]);
    }
    if (deleteCount > BULK_DELETE_THRESHOLD && deleted > 0) {
      recordEvent(tx, {
        action: 'activity.bulkDelete.confirmed',
        entityType: 'Activity',
        changes: { count: { before: null, after: deleted } },
      });
    }
    const retried = rows.filter((r) => r.state === 'applied' && r.change.draftId).map((r) => r.change.draftId).filter(isUuid);
    if (retried.length > 0) {
      for (const draft of await tx.find(Draft, { id: { $in: retried }, owner: viewer.id })) tx.remove(draft);
    }
    await tx.flush();
    return true;
  });

  const conflicts = rows.filter((r) => r.state === 'conflict');
  const drafts = conflicts.length > 0 ? await keepConflictDrafts(em, viewer.id, conflicts.map(conflictEdit)) : new Map();
  const shown = rows.filter((r) => r.state === 'applied' || r.state === 'conflict').map((r) => r.change.id);
  const views = await readActivitiesByIds(em, shown);

  const results = rows.map((row): ActivityChangeResult => {
    const base = { index: row.index, op: row.change.op, id: row.change.id, activity: null, error: null };
    if (row.state === 'applied') {
      // Also a retried create when the batch did not commit: that activity exists all the same.
      return { ...base, status: ActivityChangeStatus.APPLIED, activity: views.get(row.change.id) ?? null };
    }
    if (row.state === 'conflict') {
      const current = views.get(row.change.id) as ActivityView;
      const error = Object.assign(new VersionConflict(), {
        message: current.deletedAt
          ? 'Someone else deleted this activity after you opened it. Your edit is kept as a draft.'
          : `Someone else saved this activity after you opened it (version ${current.version}, yours ${row.change.expectedVersion}). Your edit is kept as a draft.`,
        current,
        draft: drafts.get(row.change.id),
      });
      return { ...base, status: ActivityChangeStatus.FAILED, error };
    }
    if (row.state === 'failed') return { ...base, status: ActivityChangeStatus.FAILED, error: row.error ?? null };
    return { ...base, status: ActivityChangeStatus.NOT_APPLIED };
  });
  return Object.assign(new ActivityBatchResult(), {
    committed,
    appliedCount: results.filter((r) => r.status === ActivityChangeStatus.APPLIED).length,
    failedCount: results.filter((r) => r.status === ActivityChangeStatus.FAILED).length,
    results,
  });
}

/** What a row must carry for its operation, and ids that are uuids and unique in the batch. */
function checkShapes(rows: Row[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const { op, id, expectedVersion, input } = row.change;
    const errors = [];
    if (!isUuid(id)) errors.push(fieldError('id', 'INVALID', 'An activity id is a uuid.'));
    else if (seen.has(id)) errors.push(fieldError('id', 'DUPLICATE', 'This activity is changed twice in one batch.'));
    if (op !== ActivityChangeOp.DELETE && !input) errors.push(fieldError('input', 'REQUIRED', 'Give the activity.'));
    if (op !== ActivityChangeOp.CREATE && (expectedVersion == null || !Number.isInteger(expectedVersion))) {
      errors.push(fieldError('expectedVersion', 'REQUIRED', 'Give the version the edit started from.'));
    }
    if (isUuid(id)) seen.add(id);
    if (errors.length > 0) fail(row, validationFailed(errors));
  }
}

function evaluateCreate(
  row: Row,
  found: Activity | undefined,
  viewer: Viewer,
  users: ReadonlyMap<string, UserFacts>,
  accounts: ReadonlyMap<string, AccountFacts>,
  defaultDate: string,
): void {
  const input = row.change.input!;
  const ownerId = input.ownerId ?? viewer.id;
  if (found) {
    // A retried create (the answer to the first was lost): the same activity, never a second one.
    if (found.owner.id === ownerId) {
      row.state = 'applied';
      row.entity = found;
    } else {
      fail(row, validationFailed([fieldError('id', 'ID_TAKEN', 'This id is used by another activity: generate a new one.')]));
    }
    return;
  }
  const owner = users.get(ownerId);
  if (!owner || !owner.active) {
    fail(row, validationFailed([fieldError('ownerId', 'NOT_FOUND', 'No such active user.')]));
    return;
  }
  if (!mayLogFor(viewer, owner)) {
    fail(row, forbidden('You may log activities only for yourself or, as a manager, for users of your regions.'));
    return;
  }
  if (validated(row, input, { defaultDate, accounts })) {
    row.ownerId = owner.id;
    row.regionId = owner.defaultRegionId;
  }
}

async function evaluateEdit(tx: EntityManager, row: Row, found: Activity | undefined, viewer: Viewer, accounts: ReadonlyMap<string, AccountFacts>): Promise<void> {
  const { op, expectedVersion, input } = row.change;
  if (!found) {
    fail(row, notFound('No such activity.'));
    return;
  }
  if (!mayWriteActivity(viewer, { ownerId: found.owner.id, regionId: found.region?.id ?? null })) {
    fail(row, forbidden(viewer.role === Role.MEMBER ? 'You may change only your own activities.' : 'You may change only the activities of your regions.'));
    return;
  }
  if (found.deletedAt && found.version === expectedVersion) {
    fail(row, notFound('This activity is deleted.'));
    return;
  }
  try {
    await tx.lock(found, LockMode.OPTIMISTIC, expectedVersion!);
  } catch (error) {
    if (!(error instanceof OptimisticLockError)) throw error;
    row.state = 'conflict';
    return;
  }
  row.entity = found;
  if (op === ActivityChangeOp.DELETE) {
    row.state = 'valid';
    return;
  }
  if (input!.ownerId != null && input!.ownerId !== found.owner.id) {
    fail(row, validationFailed([fieldError('ownerId', 'IMMUTABLE', 'The owner of an activity cannot change.')]));
    return;
  }
  validated(row, input!, { defaultDate: found.date, accounts });
}

function validated(row: Row, input: ActivityInput, context: Parameters<typeof validateActivity>[1]): boolean {
  const outcome = validateActivity(input, context);
  if (outcome.kind === 'invalid') {
    fail(row, validationFailed(outcome.errors));
    return false;
  }
  if (outcome.kind === 'needsAcknowledgement') {
    fail(
      row,
      Object.assign(new NeedsAcknowledgement(), {
        message: 'An Enablement activity without effort: confirm to save it anyway.',
        warnings: outcome.warnings,
      }),
    );
    return false;
  }
  row.value = outcome.value;
  row.state = 'valid';
  return true;
}

function fail(row: Row, error: UserError): void {
  row.state = 'failed';
  row.error = error;
}

function conflictEdit(row: Row): ConflictEdit {
  return {
    entityId: row.change.id,
    baseVersion: row.change.expectedVersion!,
    op: row.change.op,
    // The input as sent, as plain JSON (undefined fields dropped).
    input: row.change.input ? (JSON.parse(JSON.stringify(row.change.input)) as Record<string, unknown>) : null,
    message: row.change.op === ActivityChangeOp.DELETE ? 'Delete refused: the activity changed meanwhile.' : 'Edit refused: the activity changed meanwhile.',
    draftId: row.change.draftId,
  };
}

/** The entity's columns from a validated input (references by id: nothing is loaded). */
function columnsOf(tx: EntityManager, value: ValidActivity) {
  const { accountId, projectId, ...rest } = value;
  return {
    ...rest,
    account: accountId ? tx.getReference(Account, accountId) : null,
    project: projectId ? tx.getReference(Project, projectId) : null,
  };
}

async function loadUsers(tx: EntityManager, ids: readonly string[]): Promise<Map<string, UserFacts>> {
  const rows = await tx.execute<{ id: string; default_region_id: string | null; last_logged_date: string | null; status: string }[]>(
    'select id, default_region_id, last_logged_date::text as last_logged_date, status from app_user where id in (?)',
    [[...new Set(ids)]],
  );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, defaultRegionId: r.default_region_id, lastLoggedDate: r.last_logged_date, active: r.status === 'ACTIVE' }]),
  );
}

async function loadAccounts(tx: EntityManager, ids: readonly string[]): Promise<Map<string, AccountFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.execute<{ id: string; project_ids: string[] }[]>(
    `select a.id, array_remove(array_agg(p.id::text order by p.id), null) as project_ids
       from account a left join project p on p.account_id = a.id
      where a.id in (?) group by a.id`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, { projectIds: r.project_ids }]));
}
