import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  createDomainFixture,
  insertActivities,
  internalInput,
  SAVE_ACTIVITIES,
  signedInUser,
  updateActivity,
  type ActivityData,
  type DomainFixture,
  type DraftData,
  type SignedInUser,
} from './support/domain-fixtures.js';

interface RowResult {
  index: number;
  op: string;
  id: string;
  status: 'APPLIED' | 'FAILED' | 'NOT_APPLIED';
  activity: ActivityData | null;
  error: { __typename: string; message: string; fields?: { field: string; code: string }[]; current?: ActivityData; draft?: DraftData } | null;
}
interface BatchAnswer {
  __typename: string;
  message?: string;
  committed?: boolean;
  appliedCount?: number;
  failedCount?: number;
  results?: RowResult[];
  deleteCount?: number;
  threshold?: number;
}

describe('saveActivities: one transaction, per-row results', () => {
  let app: TestApp;
  let domain: DomainFixture;
  let member: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp();
    domain = await createDomainFixture(app.orm);
    member = await signedInUser(app, { role: Role.MEMBER, regionIds: [domain.regions.south], defaultRegionId: domain.regions.south });
  });
  afterAll(() => app?.close());

  async function save(user: SignedInUser, changes: unknown[], options: { partial?: boolean; confirmBulkDelete?: boolean } = {}): Promise<BatchAnswer> {
    return (await user.client.data<{ saveActivities: BatchAnswer }>(SAVE_ACTIVITIES, { changes, ...options })).saveActivities;
  }

  async function rowsOf(ids: string[]): Promise<Map<string, { version: number; name: string | null; deleted: boolean }>> {
    const rows = await app.orm.em.fork().execute<{ id: string; version: number; name: string | null; deleted: boolean }[]>(
      'select id, version, name, deleted_at is not null as deleted from activity where id in (?)',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { version: r.version, name: r.name, deleted: r.deleted }]));
  }

  async function ownActivities(owner: SignedInUser, count: number, regionId: string | null = domain.regions.south): Promise<string[]> {
    return insertActivities(app.orm, Array.from({ length: count }, (_, i) => ({ ownerId: owner.id, regionId, date: '2025-06-10', name: `Row ${i}` })));
  }

  it('applies creates, updates and deletes together, reporting each row', async () => {
    const [toUpdate, toDelete] = await ownActivities(member, 2);
    const newId = randomUUID();
    const answer = await save(member, [
      { op: 'CREATE', id: newId, input: internalInput({ date: '2025-06-11', name: 'Created in batch' }) },
      { op: 'UPDATE', id: toUpdate, expectedVersion: 1, input: internalInput({ date: '2025-06-10', name: 'Updated in batch' }) },
      { op: 'DELETE', id: toDelete, expectedVersion: 1 },
    ]);
    expect(answer).toMatchObject({ __typename: 'ActivityBatchResult', committed: true, appliedCount: 3, failedCount: 0 });
    expect(answer.results!.map((r) => [r.index, r.op, r.status])).toEqual([
      [0, 'CREATE', 'APPLIED'],
      [1, 'UPDATE', 'APPLIED'],
      [2, 'DELETE', 'APPLIED'],
    ]);
    expect(answer.results![0].activity).toMatchObject({ id: newId, name: 'Created in batch', version: 1 });
    expect(answer.results![1].activity).toMatchObject({ name: 'Updated in batch', version: 2 });
    expect(answer.results![2].activity?.deletedAt).toBeTruthy();
    const rows = await rowsOf([newId, toUpdate, toDelete]);
    expect(rows.get(newId)?.name).toBe('Created in batch');
    expect(rows.get(toUpdate)).toEqual({ version: 2, name: 'Updated in batch', deleted: false });
    expect(rows.get(toDelete)?.deleted).toBe(true);
  });

  it('by default applies nothing when any row fails, and says which rows failed and why', async () => {
    const [a, b] = await ownActivities(member, 2);
    await updateActivity(member.client, b, 1, internalInput({ date: '2025-06-10', name: 'Moved on' }));
    const newId = randomUUID();
    const answer = await save(member, [
      { op: 'UPDATE', id: a, expectedVersion: 1, input: internalInput({ date: '2025-06-10', name: 'Fine' }) },
      { op: 'CREATE', id: newId, input: internalInput({ name: '' }) },
      { op: 'UPDATE', id: b, expectedVersion: 1, input: internalInput({ date: '2025-06-10', name: 'Stale' }) },
      { op: 'DELETE', id: randomUUID(), expectedVersion: 1 },
    ]);
    expect(answer).toMatchObject({ committed: false, appliedCount: 0, failedCount: 3 });
    expect(answer.results!.map((r) => [r.status, r.error?.__typename ?? null])).toEqual([
      ['NOT_APPLIED', null],
      ['FAILED', 'ValidationFailed'],
      ['FAILED', 'VersionConflict'],
      ['FAILED', 'NotFound'],
    ]);
    expect(answer.results![1].error?.fields).toEqual([expect.objectContaining({ field: 'name', code: 'REQUIRED' })]);
    // The stale row keeps the user's edit as a draft even though nothing else was written.
    expect(answer.results![2].error?.draft).toMatchObject({ entityId: b, baseVersion: 1, input: expect.objectContaining({ name: 'Stale' }) });
    const rows = await rowsOf([a, b, newId]);
    expect(rows.get(a)).toEqual({ version: 1, name: 'Row 0', deleted: false });
    expect(rows.get(b)?.name).toBe('Moved on');
    expect(rows.has(newId)).toBe(false);
  });

  it('with partial: true applies the rows without problems; each conflict comes back with its draft', async () => {
    const [a, b, c] = await ownActivities(member, 3);
    await updateActivity(member.client, b, 1, internalInput({ date: '2025-06-10', name: 'Someone else' }));
    const answer = await save(
      member,
      [
        { op: 'UPDATE', id: a, expectedVersion: 1, input: internalInput({ date: '2025-06-10', name: 'A applied' }) },
        { op: 'UPDATE', id: b, expectedVersion: 1, input: internalInput({ date: '2025-06-10', name: 'B stale' }) },
        { op: 'DELETE', id: c, expectedVersion: 1 },
      ],
      { partial: true },
    );
    expect(answer).toMatchObject({ committed: true, appliedCount: 2, failedCount: 1 });
    expect(answer.results!.map((r) => r.status)).toEqual(['APPLIED', 'FAILED', 'APPLIED']);
    const conflict = answer.results![1].error!;
    expect(conflict.__typename).toBe('VersionConflict');
    expect(conflict.current).toMatchObject({ id: b, version: 2, name: 'Someone else' });
    expect(conflict.draft).toMatchObject({ entityId: b, reason: 'CONFLICT', input: expect.objectContaining({ name: 'B stale' }) });
    const rows = await rowsOf([a, b, c]);
    expect(rows.get(a)).toEqual({ version: 2, name: 'A applied', deleted: false });
    expect(rows.get(b)).toEqual({ version: 2, name: 'Someone else', deleted: false });
    expect(rows.get(c)?.deleted).toBe(true);
  });

  it('refuses the same activity twice in one batch', async () => {
    const [a] = await ownActivities(member, 1);
    const answer = await save(member, [
      { op: 'UPDATE', id: a, expectedVersion: 1, input: internalInput({ name: 'One' }) },
      { op: 'DELETE', id: a, expectedVersion: 1 },
      { op: 'UPDATE', id: 'not-a-uuid', expectedVersion: 1, input: internalInput() },
      { op: 'DELETE', id: randomUUID() },
    ]);
    expect(answer.committed).toBe(false);
    expect(answer.results!.map((r) => r.error?.fields?.map((f) => `${f.field}:${f.code}`) ?? null)).toEqual([
      null,
      ['id:DUPLICATE'],
      ['id:INVALID'],
      ['expectedVersion:REQUIRED'],
    ]);
  });

  it('keeps a member off other people’s activities in a batch too', async () => {
    const other = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.south });
    const [theirs, alsoTheirs] = await ownActivities(other, 2);
    const [mine] = await ownActivities(member, 1);
    const answer = await save(member, [
      { op: 'UPDATE', id: mine, expectedVersion: 1, input: internalInput({ name: 'Mine, fine' }) },
      { op: 'UPDATE', id: theirs, expectedVersion: 1, input: internalInput({ name: 'Hijacked' }) },
      { op: 'DELETE', id: alsoTheirs, expectedVersion: 1 },
      { op: 'CREATE', id: randomUUID(), input: internalInput({ ownerId: other.id }) },
    ]);
    expect(answer.committed).toBe(false);
    expect(answer.results!.map((r) => r.error?.__typename ?? r.status)).toEqual(['NOT_APPLIED', 'Forbidden', 'Forbidden', 'Forbidden']);
    const partial = await save(member, [{ op: 'DELETE', id: theirs, expectedVersion: 1 }], { partial: true });
    expect(partial.results![0].error?.__typename).toBe('Forbidden');
    const rows = await rowsOf([theirs, alsoTheirs, mine]);
    expect(rows.get(theirs)).toEqual({ version: 1, name: 'Row 0', deleted: false });
    expect(rows.get(alsoTheirs)?.deleted).toBe(false);
    expect(rows.get(mine)?.version).toBe(1);
  });

  it('refuses any batch from a leader or an analyst', async () => {
    const leader = await signedInUser(app, { role: Role.LEADER, regionIds: [domain.regions.south] });
    const [mine] = await ownActivities(member, 1);
    const answer = await save(leader, [{ op: 'DELETE', id: mine, expectedVersion: 1 }]);
    expect(answer.__typename).toBe('Forbidden');
    expect((await rowsOf([mine])).get(mine)?.deleted).toBe(false);
  });

  describe('bulk deletes', () => {
    it('needs confirmation above 50 deletes, and deletes nothing without it', async () => {
      const ids = await ownActivities(member, 51);
      const deletes = ids.map((id) => ({ op: 'DELETE', id, expectedVersion: 1 }));
      const refused = await save(member, deletes);
      expect(refused).toMatchObject({ __typename: 'BulkDeleteNeedsConfirmation', deleteCount: 51, threshold: 50 });
      expect([...(await rowsOf(ids)).values()].filter((r) => r.deleted)).toHaveLength(0);

      const confirmed = await save(member, deletes, { confirmBulkDelete: true });
      expect(confirmed).toMatchObject({ __typename: 'ActivityBatchResult', committed: true, appliedCount: 51 });
      expect([...(await rowsOf(ids)).values()].filter((r) => r.deleted)).toHaveLength(51);
      const events = await app.orm.em.fork().execute<{ actor_id: string; changes: unknown }[]>(
        `select actor_id, changes from audit_event where action = 'activity.bulkDelete.confirmed'`,
      );
      expect(events).toEqual([{ actor_id: member.id, changes: { count: { before: null, after: 51 } } }]);
    });

    it('takes 50 deletes without confirmation, and audits each delete', async () => {
      const ids = await ownActivities(member, 50);
      const answer = await save(member, ids.map((id) => ({ op: 'DELETE', id, expectedVersion: 1 })));
      expect(answer).toMatchObject({ committed: true, appliedCount: 50 });
      const [row] = await app.orm.em.fork().execute<{ n: string }[]>(
        `select count(*) as n from audit_event where action = 'Activity.updated' and entity_id in (?) and changes -> 'deletedAt' ->> 'after' is not null`,
        [ids],
      );
      expect(Number(row.n)).toBe(50);
    });
  });
});
