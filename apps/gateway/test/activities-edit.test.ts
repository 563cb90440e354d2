import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  anotherSession,
  createActivity,
  createDomainFixture,
  deleteActivity,
  DISCARD_DRAFT,
  DRAFTS,
  fieldCodes,
  internalInput,
  monthOf,
  RESUME_DRAFT,
  signedInUser,
  updateActivity,
  type ActivityData,
  type DomainFixture,
  type DraftData,
  type SignedInUser,
} from './support/domain-fixtures.js';

describe('updateActivity / deleteActivity: versions, conflicts, drafts, access', () => {
  let app: TestApp;
  let domain: DomainFixture;
  let member: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp();
    domain = await createDomainFixture(app.orm);
    member = await signedInUser(app, { role: Role.MEMBER, regionIds: [domain.regions.south], defaultRegionId: domain.regions.south });
  });
  afterAll(() => app?.close());

  async function newActivity(owner: SignedInUser, overrides: Record<string, unknown> = {}): Promise<ActivityData> {
    const created = await createActivity(owner.client, internalInput({ date: '2025-01-15', ...overrides }));
    expect(created.__typename).toBe('Activity');
    return created as ActivityData;
  }

  async function draftsOf(user: SignedInUser): Promise<DraftData[]> {
    return (await user.client.data<{ drafts: DraftData[] }>(DRAFTS)).drafts;
  }

  it('replaces the activity with the input, bumps its version and audits the change with before and after', async () => {
    const activity = await newActivity(member, { name: 'Before', effortHours: 1 });
    const updated = await updateActivity(member.client, activity.id, 1, internalInput({ name: 'After', effortHours: null, effortDays: 2 }));
    expect(updated).toMatchObject({ __typename: 'Activity', version: 2, name: 'After', effortDays: 2, effortHours: null, date: '2025-01-15' });

    const events = await app.orm.em.fork().execute<{ action: string; actor_id: string; changes: Record<string, { before: unknown; after: unknown }> }[]>(
      `select action, actor_id, changes from audit_event where entity_type = 'Activity' and entity_id = ? order by id`,
      [activity.id],
    );
    expect(events.map((e) => e.action)).toEqual(['Activity.created', 'Activity.updated']);
    expect(events[1].actor_id).toBe(member.id);
    expect(events[1].changes).toEqual({
      name: { before: 'Before', after: 'After' },
      effortDays: { before: null, after: 2 },
      effortHalfHours: { before: 2, after: null },
    });
  });

  it('validates an update like a create, and changes nothing when refused', async () => {
    const activity = await newActivity(member);
    const refused = await updateActivity(member.client, activity.id, 1, internalInput({ date: '2019-01-01', name: '' }));
    expect(refused.__typename).toBe('ValidationFailed');
    expect(fieldCodes(refused)).toEqual({ date: 'OUT_OF_RANGE', name: 'REQUIRED' });
    const [row] = await app.orm.em.fork().execute<{ version: number; name: string }[]>('select version, name from activity where id = ?', [activity.id]);
    expect(row).toEqual({ version: 1, name: 'Weekly sync' });
    expect(fieldCodes(await updateActivity(member.client, activity.id, 1, internalInput({ ownerId: randomUUID() })))).toEqual({ ownerId: 'IMMUTABLE' });
  });

  it('answers NotFound for an unknown activity', async () => {
    expect((await updateActivity(member.client, randomUUID(), 1, internalInput())).__typename).toBe('NotFound');
    expect((await deleteActivity(member.client, randomUUID(), 1)).__typename).toBe('NotFound');
  });

  it('refuses a stale version with the server copy, keeps the edit as a draft, and lists it after a reload', async () => {
    const activity = await newActivity(member, { name: 'Original' });
    // Another tab of the same user saves first.
    expect((await updateActivity(member.client, activity.id, 1, internalInput({ name: 'Theirs' }))).version).toBe(2);

    const mine = internalInput({ name: 'Mine', topic: 'typed with care' });
    const conflict = await updateActivity(member.client, activity.id, 1, mine);
    expect(conflict.__typename).toBe('VersionConflict');
    expect(conflict.current).toMatchObject({ id: activity.id, version: 2, name: 'Theirs' });
    expect(conflict.draft).toMatchObject({ entityType: 'Activity', entityId: activity.id, baseVersion: 1, reason: 'CONFLICT', operation: 'UPDATE' });
    expect(conflict.draft?.input).toMatchObject(mine);
    const [row] = await app.orm.em.fork().execute<{ version: number; name: string }[]>('select version, name from activity where id = ?', [activity.id]);
    expect(row).toEqual({ version: 2, name: 'Theirs' });

    // A reload is a new client presenting the same session cookie.
    const reloaded = app.client();
    reloaded.cookies.set('pams_session', member.client.cookies.get('pams_session')!);
    const drafts = await draftsOf({ ...member, client: reloaded });
    expect(drafts.map((d) => d.id)).toContain(conflict.draft!.id);
    // Another device of the same user sees it too.
    const laptop = await anotherSession(app, member.id);
    expect((await draftsOf({ ...member, client: laptop })).map((d) => d.id)).toContain(conflict.draft!.id);
    const [stored] = await app.orm.em.fork().execute<{ payload: unknown; base_version: number }[]>('select payload, base_version from draft where id = ?', [conflict.draft!.id]);
    expect(stored).toEqual({ payload: { op: 'UPDATE', input: mine }, base_version: 1 });
  });

  it('resumes a draft with the current copy; a retry with the current version saves it and resolves the draft', async () => {
    const activity = await newActivity(member, { name: 'Original' });
    await updateActivity(member.client, activity.id, 1, internalInput({ name: 'Theirs' }));
    const conflict = await updateActivity(member.client, activity.id, 1, internalInput({ name: 'Mine' }));
    const draftId = conflict.draft!.id;

    const resumed = await member.client.data<{ resumeDraft: { __typename: string; draft: DraftData; current: ActivityData } }>(RESUME_DRAFT, { id: draftId });
    expect(resumed.resumeDraft.__typename).toBe('ResumedDraft');
    expect(resumed.resumeDraft.draft.input).toMatchObject({ name: 'Mine' });
    expect(resumed.resumeDraft.current).toMatchObject({ version: 2, name: 'Theirs' });

    // Retried again from the stale version: the same draft is brought up to date, not duplicated.
    const again = await updateActivity(member.client, activity.id, 1, internalInput({ name: 'Mine, again' }), draftId);
    expect(again.__typename).toBe('VersionConflict');
    expect(again.draft?.id).toBe(draftId);
    expect(again.draft?.input).toMatchObject({ name: 'Mine, again' });

    const merged = await updateActivity(member.client, activity.id, resumed.resumeDraft.current.version, internalInput({ name: 'Merged' }), draftId);
    expect(merged).toMatchObject({ __typename: 'Activity', version: 3, name: 'Merged' });
    expect((await draftsOf(member)).map((d) => d.id)).not.toContain(draftId);
  });

  it('discards a draft, only its owner can, and an unknown one is NotFound', async () => {
    const activity = await newActivity(member);
    await updateActivity(member.client, activity.id, 1, internalInput({ name: 'Theirs' }));
    const { draft } = await updateActivity(member.client, activity.id, 1, internalInput({ name: 'Mine' }));
    const stranger = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.south });
    expect((await stranger.client.data(DISCARD_DRAFT, { id: draft!.id })).discardDraft.__typename).toBe('NotFound');
    expect((await stranger.client.data(RESUME_DRAFT, { id: draft!.id })).resumeDraft.__typename).toBe('NotFound');
    expect(await draftsOf(stranger)).toEqual([]);
    expect((await member.client.data(DISCARD_DRAFT, { id: draft!.id })).discardDraft.__typename).toBe('Done');
    expect((await member.client.data(DISCARD_DRAFT, { id: draft!.id })).discardDraft.__typename).toBe('NotFound');
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    for (let round = 0; round < 3; round++) {
      const activity = await newActivity(member);
      const answers = await Promise.all(
        ['Left', 'Right'].map((name) => updateActivity(member.client, activity.id, 1, internalInput({ name }))),
      );
      const kinds = answers.map((a) => a.__typename).sort();
      expect(kinds).toEqual(['Activity', 'VersionConflict']);
      const winner = answers.find((a) => a.__typename === 'Activity')!;
      const loser = answers.find((a) => a.__typename === 'VersionConflict')!;
      expect(winner.version).toBe(2);
      expect(loser.current).toMatchObject({ version: 2, name: winner.name });
      const [row] = await app.orm.em.fork().execute<{ version: number; name: string }[]>('select version, name from activity where id = ?', [activity.id]);
      expect(row).toEqual({ version: 2, name: winner.name });
    }
  });

  it('soft-deletes with the expected version; a stale delete is a conflict kept as a draft', async () => {
    const activity = await newActivity(member, { date: '2025-02-03' });
    await updateActivity(member.client, activity.id, 1, internalInput({ date: '2025-02-03', name: 'Renamed' }));
    const stale = await deleteActivity(member.client, activity.id, 1);
    expect(stale.__typename).toBe('VersionConflict');
    expect(stale.draft).toMatchObject({ operation: 'DELETE', input: null, baseVersion: 1 });

    const deleted = await deleteActivity(member.client, activity.id, 2);
    expect(deleted).toMatchObject({ __typename: 'Activity', version: 3 });
    expect(deleted.deletedAt).toBeTruthy();
    const [row] = await app.orm.em.fork().execute<{ deleted_at: string | null }[]>('select deleted_at from activity where id = ?', [activity.id]);
    expect(row.deleted_at).not.toBeNull();
    expect((await monthOf(member.client, '2025-02')).items.map((i) => i.id)).not.toContain(activity.id);
    expect((await deleteActivity(member.client, activity.id, 3)).__typename).toBe('NotFound');
    // An edit made before the delete: a conflict showing the deleted copy, the edit kept.
    const late = await updateActivity(member.client, activity.id, 2, internalInput({ name: 'Too late' }));
    expect(late.__typename).toBe('VersionConflict');
    expect(late.current?.deletedAt).toBeTruthy();
  });

  describe('who may change what', () => {
    it("refuses a member editing or deleting another member's activity", async () => {
      const other = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.south });
      const theirs = await newActivity(other, { name: 'Theirs' });
      expect((await updateActivity(member.client, theirs.id, 1, internalInput({ name: 'Hijacked' }))).__typename).toBe('Forbidden');
      expect((await deleteActivity(member.client, theirs.id, 1)).__typename).toBe('Forbidden');
      const [row] = await app.orm.em.fork().execute<{ version: number; name: string; deleted_at: null }[]>('select version, name, deleted_at from activity where id = ?', [theirs.id]);
      expect(row).toEqual({ version: 1, name: 'Theirs', deleted_at: null });
    });

    it('lets a manager change activities logged in their regions and not elsewhere', async () => {
      const manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [domain.regions.south, domain.regions.sea], defaultRegionId: domain.regions.south });
      const inSea = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.sea });
      const inMena = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.mena });
      const seaActivity = await newActivity(inSea);
      const menaActivity = await newActivity(inMena);
      expect(await updateActivity(manager.client, seaActivity.id, 1, internalInput({ name: 'Fixed by manager' }))).toMatchObject({ __typename: 'Activity', owner: { id: inSea.id } });
      expect((await updateActivity(manager.client, menaActivity.id, 1, internalInput({ name: 'Nope' }))).__typename).toBe('Forbidden');
      expect((await deleteActivity(manager.client, menaActivity.id, 1)).__typename).toBe('Forbidden');
      expect((await deleteActivity(manager.client, seaActivity.id, 2)).__typename).toBe('Activity');
    });

    it('lets an admin change any activity, and a leader none', async () => {
      const admin = await signedInUser(app, { role: Role.ADMIN });
      const leader = await signedInUser(app, { role: Role.LEADER, regionIds: [domain.regions.south] });
      const activity = await newActivity(member);
      expect((await updateActivity(leader.client, activity.id, 1, internalInput({ name: 'Leader' }))).__typename).toBe('Forbidden');
      expect((await deleteActivity(leader.client, activity.id, 1)).__typename).toBe('Forbidden');
      expect((await updateActivity(admin.client, activity.id, 1, internalInput({ name: 'Admin' }))).__typename).toBe('Activity');
    });
  });
});
