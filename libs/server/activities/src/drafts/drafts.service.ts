import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { ActivityChangeOp } from '../activity-enums.js';
import { Draft } from '../entities/draft.entity.js';
import { readActivitiesByIds } from '../list/activity-read-model.js';
import type { DraftPayload, DraftView, ResumedDraft } from './draft.type.js';

export const DRAFT_ENTITY_TYPE = 'Activity';
export const DRAFT_REASON_CONFLICT = 'CONFLICT';

/** A refused edit to keep (P-008): which activity, from which version, what the user sent. */
export interface ConflictEdit {
  entityId: string;
  baseVersion: number;
  op: ActivityChangeOp;
  input: Record<string, unknown> | null;
  message: string;
  /** A draft being retried: it is brought up to date instead of adding another. */
  draftId?: string | null;
}

/**
 * Keeps refused edits as drafts, committed on their own: whatever happens to the request's
 * transaction, what the user typed is on the server (P-008).
 */
export async function keepConflictDrafts(em: EntityManager, ownerId: string, edits: readonly ConflictEdit[]): Promise<Map<string, DraftView>> {
  const fork = em.fork();
  const reusable = edits.map((e) => e.draftId).filter(isUuid);
  const existing = reusable.length > 0 ? await fork.find(Draft, { id: { $in: reusable }, owner: ownerId }) : [];
  const drafts = new Map<string, Draft>();
  for (const edit of edits) {
    const payload: DraftPayload = { op: edit.op, input: edit.input };
    const reuse = existing.find((d) => d.id === edit.draftId && d.entityId === edit.entityId);
    const draft =
      reuse ??
      fork.create(Draft, {
        owner: fork.getReference(User, ownerId),
        entityType: DRAFT_ENTITY_TYPE,
        entityId: edit.entityId,
        reason: DRAFT_REASON_CONFLICT,
        payload: payload as unknown as Record<string, unknown>,
      });
    Object.assign(draft, { baseVersion: edit.baseVersion, payload, message: edit.message.slice(0, 300), reason: DRAFT_REASON_CONFLICT });
    drafts.set(edit.entityId, draft);
  }
  await fork.flush();
  return new Map([...drafts].map(([entityId, draft]) => [entityId, toDraftView(draft)]));
}

/** The viewer's drafts, newest first (a handful per user: no pagination). */
export async function listDrafts(em: EntityManager, ownerId: string): Promise<DraftView[]> {
  const drafts = await em.find(Draft, { owner: ownerId, entityType: DRAFT_ENTITY_TYPE }, { orderBy: { updatedAt: 'desc', id: 'desc' } });
  return drafts.map(toDraftView);
}

export async function discardDraft(em: EntityManager, ownerId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const draft = await em.findOne(Draft, { id, owner: ownerId });
  if (!draft) return false;
  await em.remove(draft).flush();
  return true;
}

/** The draft and the server's copy as it is now, for a field-by-field merge. */
export async function resumeDraft(em: EntityManager, ownerId: string, id: string): Promise<ResumedDraft | null> {
  if (!isUuid(id)) return null;
  const draft = await em.findOne(Draft, { id, owner: ownerId });
  if (!draft) return null;
  const current = draft.entityId ? ((await readActivitiesByIds(em, [draft.entityId])).get(draft.entityId) ?? null) : null;
  return { draft: toDraftView(draft), current };
}

function toDraftView(draft: Draft): DraftView {
  const payload = draft.payload as unknown as Partial<DraftPayload>;
  return {
    id: draft.id,
    version: draft.version,
    entityType: draft.entityType,
    entityId: draft.entityId ?? null,
    baseVersion: draft.baseVersion ?? null,
    reason: draft.reason,
    operation: payload.op ?? ActivityChangeOp.UPDATE,
    input: payload.input ?? null,
    message: draft.message ?? null,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  };
}
