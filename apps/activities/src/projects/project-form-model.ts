import type { ProjectFields, UpdateProjectInput } from '@pams/client-activities-data-access';

/** What the project form holds: the fields as typed, lists as the ids ticked. */
export interface ProjectDraft {
  name: string;
  crmLink: string;
  /** '' = none. */
  primaryUseCaseId: string;
  secondaryUseCaseIds: readonly string[];
  productIds: readonly string[];
  ownerIds: readonly string[];
  /** Set a WON/LOST project back to ACTIVE (drops its outcome). */
  reopen: boolean;
}

type Lists = 'secondaryUseCaseIds' | 'productIds' | 'ownerIds';

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

export function draftOf(project: ProjectFields): ProjectDraft {
  return {
    name: project.name,
    crmLink: project.crmLink ?? '',
    primaryUseCaseId: project.primaryUseCase?.id ?? '',
    secondaryUseCaseIds: ids(project.secondaryUseCases),
    productIds: ids(project.products),
    ownerIds: ids(project.owners),
    reopen: false,
  };
}

/** The ids of `next` not in `before` and those of `before` not in `next`. */
function listDiff(before: readonly string[], next: readonly string[]): { add: string[]; remove: string[] } {
  const had = new Set(before);
  const has = new Set(next);
  return { add: next.filter((id) => !had.has(id)), remove: before.filter((id) => !has.has(id)) };
}

/**
 * Only what the user changed since `base` (the copy the edit started from): unchanged fields are left
 * out, and lists name the ids added and removed — never the whole list (PRODUCT.md, "Never again").
 */
export function changesOf(draft: ProjectDraft, base: ProjectFields): UpdateProjectInput {
  const from = draftOf(base);
  const input: UpdateProjectInput = {};
  if (draft.name.trim() !== from.name) input.name = draft.name.trim();
  if (draft.crmLink.trim() !== from.crmLink) input.crmLink = draft.crmLink.trim() || null;
  if (draft.primaryUseCaseId !== from.primaryUseCaseId) input.primaryUseCaseId = draft.primaryUseCaseId || null;
  const pairs = [
    ['secondaryUseCaseIds', 'addSecondaryUseCaseIds', 'removeSecondaryUseCaseIds'],
    ['productIds', 'addProductIds', 'removeProductIds'],
    ['ownerIds', 'addOwnerIds', 'removeOwnerIds'],
  ] as const;
  for (const [list, add, remove] of pairs) {
    const diff = listDiff(from[list], draft[list]);
    if (diff.add.length > 0) input[add] = diff.add;
    if (diff.remove.length > 0) input[remove] = diff.remove;
  }
  if (draft.reopen && base.status !== 'ACTIVE') input.status = 'ACTIVE';
  return input;
}

export function hasChanges(input: UpdateProjectInput): boolean {
  return Object.keys(input).length > 0;
}

/**
 * After a conflict: the user's changes (from `base`, what they started from) re-applied to `current`,
 * the server's copy. Fields they did not touch take the server's value; lists keep what others added
 * or removed and apply only the user's own additions and removals.
 */
export function rebase(draft: ProjectDraft, base: ProjectFields, current: ProjectFields): ProjectDraft {
  const mine = changesOf(draft, base);
  const next = draftOf(current);
  if (mine.name !== undefined) next.name = draft.name;
  if (mine.crmLink !== undefined) next.crmLink = draft.crmLink;
  if (mine.primaryUseCaseId !== undefined) next.primaryUseCaseId = draft.primaryUseCaseId;
  const apply = (list: Lists, add: readonly (string | number)[] | null | undefined, remove: readonly (string | number)[] | null | undefined) => {
    const removing = new Set((remove ?? []).map(String));
    const kept = next[list].filter((id) => !removing.has(id));
    next[list] = [...kept, ...(add ?? []).map(String).filter((id) => !kept.includes(id))];
  };
  apply('secondaryUseCaseIds', mine.addSecondaryUseCaseIds, mine.removeSecondaryUseCaseIds);
  apply('productIds', mine.addProductIds, mine.removeProductIds);
  apply('ownerIds', mine.addOwnerIds, mine.removeOwnerIds);
  // "Reopen" was about the outcome the user saw: kept only while the project still has that status
  // (reopened and closed again meanwhile, it is a new outcome the user has not seen).
  next.reopen = mine.status === 'ACTIVE' && current.status !== 'ACTIVE' && current.status === base.status;
  return next;
}

/** Which form control a server field error belongs to (lists report on their add/remove inputs). */
export function controlOf(field: string): string {
  if (field === 'addSecondaryUseCaseIds' || field === 'removeSecondaryUseCaseIds') return 'secondaryUseCaseIds';
  if (field === 'addProductIds' || field === 'removeProductIds') return 'productIds';
  if (field === 'addOwnerIds' || field === 'removeOwnerIds') return 'ownerIds';
  return field;
}
