import { describe, expect, it } from 'vitest';
import type { ProjectFields } from '@pams/client-activities-data-access';
import { changesOf, controlOf, draftOf, hasChanges, rebase } from './project-form-model.js';

const ref = (id: string) => ({ id, name: id.toUpperCase(), active: true });
const owner = (id: string) => ({ id, name: id, email: `${id}@example.com` });

function project(overrides: Partial<ProjectFields> = {}): ProjectFields {
  return {
    id: 'p1',
    version: 1,
    name: 'Bot',
    status: 'ACTIVE',
    crmLink: null,
    account: { id: 'a1', name: 'Acme' },
    primaryUseCase: null,
    secondaryUseCases: [ref('u1')],
    products: [ref('x1'), ref('x2')],
    owners: [owner('o1')],
    outcome: null,
    ...overrides,
  };
}

describe('project form model', () => {
  it('sends nothing for an untouched form', () => {
    const base = project();
    expect(changesOf(draftOf(base), base)).toEqual({});
    expect(hasChanges(changesOf(draftOf(base), base))).toBe(false);
  });

  it('sends only changed fields, and lists as the ids added and removed', () => {
    const base = project();
    const draft = { ...draftOf(base), name: ' Bot 2 ', crmLink: 'https://crm.example.com/1', productIds: ['x2', 'x3'], ownerIds: ['o1', 'o2'] };
    expect(changesOf(draft, base)).toEqual({
      name: 'Bot 2',
      crmLink: 'https://crm.example.com/1',
      addProductIds: ['x3'],
      removeProductIds: ['x1'],
      addOwnerIds: ['o2'],
    });
    expect(changesOf({ ...draftOf(base), crmLink: '  ' }, project({ crmLink: 'https://x.example' }))).toEqual({ crmLink: null });
  });

  it('reopens only a closed project', () => {
    expect(changesOf({ ...draftOf(project()), reopen: true }, project())).toEqual({});
    const won = project({ status: 'WON' });
    expect(changesOf({ ...draftOf(won), reopen: true }, won)).toEqual({ status: 'ACTIVE' });
  });

  it("re-applies the user's changes to the server's copy, keeping what others changed", () => {
    const base = project();
    const mine = { ...draftOf(base), name: 'Mine', productIds: ['x2', 'x3'], secondaryUseCaseIds: [] };
    const current = project({ version: 2, crmLink: 'https://theirs.example', products: [ref('x1'), ref('x2'), ref('x4')], secondaryUseCases: [ref('u1'), ref('u2')] });
    const next = rebase(mine, base, current);
    expect(next).toEqual({
      name: 'Mine',
      crmLink: 'https://theirs.example',
      primaryUseCaseId: '',
      secondaryUseCaseIds: ['u2'],
      productIds: ['x2', 'x4', 'x3'],
      ownerIds: ['o1'],
      reopen: false,
    });
    expect(changesOf(next, current)).toEqual({ name: 'Mine', addProductIds: ['x3'], removeProductIds: ['x1'], removeSecondaryUseCaseIds: ['u1'] });
  });

  it('keeps a reopen only while the project still has the status the user saw', () => {
    const won = project({ status: 'WON', outcome: { id: 'w1', result: 'WON', month: '2025-01', crmLink: 'https://crm.example/won' } });
    const reopening = { ...draftOf(won), name: 'Mine', reopen: true };
    // Someone else renamed it: still won, the reopen stays.
    expect(rebase(reopening, won, { ...won, version: 2, name: 'Theirs' })).toMatchObject({ name: 'Mine', reopen: true });
    // Someone else reopened it and recorded a loss: re-applying must not drop that new outcome.
    const lost = project({ version: 4, status: 'LOST', outcome: { id: 'l1', result: 'LOST', month: '2025-03', crmLink: 'https://crm.example/lost' } });
    const next = rebase(reopening, won, lost);
    expect(next).toMatchObject({ name: 'Mine', reopen: false });
    expect(changesOf(next, lost)).toEqual({ name: 'Mine' });
    // Someone else reopened it already: nothing left to reopen.
    expect(rebase(reopening, won, project({ version: 3 })).reopen).toBe(false);
  });

  it('shows list errors next to their list', () => {
    expect(controlOf('addProductIds')).toBe('productIds');
    expect(controlOf('removeOwnerIds')).toBe('ownerIds');
    expect(controlOf('addSecondaryUseCaseIds')).toBe('secondaryUseCaseIds');
    expect(controlOf('name')).toBe('name');
  });
});
