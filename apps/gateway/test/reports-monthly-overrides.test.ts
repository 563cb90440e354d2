import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createMonthlyWorld, MONTH, MONTHLY_REPORT, OVERRIDE_FIELDS, SAVE_OVERRIDE, type MonthlyWorld } from './support/monthly-fixtures.js';
import type { SignedInUser } from './support/domain-fixtures.js';

let app: TestApp;
let w: MonthlyWorld;

const READ = `query($month: String!) { monthlyReportOverride(month: $month) { ${OVERRIDE_FIELDS} } }`;

async function save(user: SignedInUser, v: number, input: Record<string, unknown>, month = MONTH) {
  return (await user.client.data(SAVE_OVERRIDE, { month, v, input })).saveMonthlyReportOverride;
}

async function read(user: SignedInUser, month = MONTH) {
  return (await user.client.data(READ, { month })).monthlyReportOverride;
}

async function report(user: SignedInUser, from = MONTH, to?: string) {
  return (await user.client.data(MONTHLY_REPORT, { from, to })).monthlyReport;
}

/** The whole input of a month, from what was read (a save replaces the month's record). */
function inputOf(current: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const { highlights, featuredUseCaseIds, excludedOutcomeIds, includedOutcomeIds, manualWins, winOfTheMonthOutcomeId, winOfTheMonthStory } = current;
  return { highlights, featuredUseCaseIds, excludedOutcomeIds, includedOutcomeIds, manualWins, winOfTheMonthOutcomeId, winOfTheMonthStory, ...change };
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createMonthlyWorld(app);
});

afterAll(async () => {
  await app?.close();
});

describe('monthly report overrides', () => {
  it('round-trips a month, refuses a stale version with the server copy, and audits each save', async () => {
    const empty = await read(w.memberSouth);
    expect(empty).toMatchObject({ id: null, version: 0, highlights: '', manualWins: [], editable: false });
    const created = await save(w.managerSouth, 0, {
      highlights: '  A record month for India South.  ',
      featuredUseCaseIds: [w.f.useCaseIds[0].toUpperCase()],
      manualWins: [{ title: 'Pilot signed', accountName: 'Offline Co', mrrReporting: 1234.567, story: 'Signed on paper.' }],
    });
    expect(created).toMatchObject({
      __typename: 'MonthlyReportOverride',
      month: MONTH,
      version: 1,
      highlights: 'A record month for India South.',
      featuredUseCaseIds: [w.f.useCaseIds[0]],
      manualWins: [{ title: 'Pilot signed', accountName: 'Offline Co', mrrReporting: 1234.57, story: 'Signed on paper.' }],
      editable: true,
    });
    expect(await read(w.leader)).toMatchObject({ id: created.id, version: 1, editable: false, highlights: 'A record month for India South.' });

    const changed = await save(w.admin, 1, inputOf(created, { highlights: 'Edited by the admin.' }));
    expect(changed).toMatchObject({ __typename: 'MonthlyReportOverride', version: 2, highlights: 'Edited by the admin.' });
    const stale = await save(w.managerSouth, 1, inputOf(created, { highlights: 'Would overwrite the admin.' }));
    expect(stale).toMatchObject({ __typename: 'MonthlyReportOverrideConflict', current: { version: 2, highlights: 'Edited by the admin.' } });
    // A second "first save" of the month is a conflict too, not a duplicate.
    expect((await save(w.managerSouth, 0, { highlights: 'Again' })).__typename).toBe('MonthlyReportOverrideConflict');
    expect((await read(w.memberSea)).highlights).toBe('Edited by the admin.');
    // A field left out keeps its value: no list is emptied because a client did not send it.
    const partial = await save(w.admin, 2, { highlights: 'Only the text changed.' });
    expect(partial).toMatchObject({ version: 3, highlights: 'Only the text changed.', featuredUseCaseIds: [w.f.useCaseIds[0]], manualWins: [{ title: 'Pilot signed' }] });

    const events = (await app.orm.em.fork().getConnection().execute(
      `select action, actor_id, changes from audit_event where entity_type = 'MonthlyReportOverride' and entity_id = ? order by id`,
      [created.id],
    )) as { action: string; actor_id: string; changes: Record<string, unknown> }[];
    expect(events.map((e) => e.action)).toEqual(['MonthlyReportOverride.created', 'MonthlyReportOverride.updated', 'MonthlyReportOverride.updated']);
    expect(events.map((e) => e.actor_id)).toEqual([w.managerSouth.id, w.admin.id, w.admin.id]);
    expect(events[1].changes.highlights).toEqual({ before: 'A record month for India South.', after: 'Edited by the admin.' });
    expect(Object.keys(events[2].changes)).toEqual(['highlights']);
  });

  it('lets only managers and admins save, and names every field that is wrong', async () => {
    for (const user of [w.memberSouth, w.leader]) {
      expect((await save(user, 0, { highlights: 'x' }, '2026-05')).__typename).toBe('Forbidden');
    }
    const bad = await save(w.managerSouth, 0, {
      highlights: 'x'.repeat(5_001),
      featuredUseCaseIds: ['not-an-id'],
      excludedOutcomeIds: [w.lossId, w.wins[0].id],
      includedOutcomeIds: [w.wins[0].id, w.earlierWinId],
      manualWins: [{ title: ' ', accountName: 'A', mrrReporting: -1 }],
      winOfTheMonthOutcomeId: w.wins[0].id,
    }, '2026-05');
    expect(bad.__typename).toBe('ValidationFailed');
    expect(bad.fields.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'featuredUseCaseIds:INVALID',
      'highlights:TOO_LONG',
      'includedOutcomeIds:CONFLICT',
      'manualWins.0.mrrReporting:INVALID',
      'manualWins.0.title:REQUIRED',
      'winOfTheMonthOutcomeId:CONFLICT',
    ]);
    // References are checked once the shape is right: a loss, or a win of another month, is not a win of this one.
    const refs = await save(w.managerSouth, 0, { excludedOutcomeIds: [w.lossId], includedOutcomeIds: [w.earlierWinId] }, MONTH.replace('03', '06'));
    expect(refs.fields.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'excludedOutcomeIds:NOT_A_WIN_OF_THE_MONTH',
      'includedOutcomeIds:NOT_A_WIN_OF_THE_MONTH',
    ]);
    expect((await save(w.managerSouth, 0, {}, '2026-13')).fields[0]).toMatchObject({ field: 'month', code: 'INVALID' });
    const readBad = await w.leader.client.query(READ, { month: '2026-3' });
    expect(readBad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('changes the win cards: excluded wins leave, included ones join, manual wins follow', async () => {
    const month = '2026-03';
    const before = await report(w.leader, month);
    const ids = (r: { winCards: { outcomeId: string | null }[] }) => r.winCards.filter((c) => c.outcomeId).map((c) => c.outcomeId);
    // The six largest of the eight wins, largest first; the manual win saved above comes after them.
    expect(ids(before)).toEqual(w.wins.slice(0, 6).map((x) => x.id));
    expect(before.winCards.filter((c: { manual: boolean }) => c.manual).map((c: { title: string }) => c.title)).toEqual(['Pilot signed']);

    const current = await read(w.admin, month);
    const saved = await save(w.admin, current.version, inputOf(current, {
      excludedOutcomeIds: [w.wins[0].id],
      includedOutcomeIds: [w.wins[7].id],
      manualWins: [{ title: 'Handshake deal', accountName: 'Corner Shop', mrrReporting: null, story: 'Verbal yes.' }, { title: 'Renewal', accountName: 'Old Friend', mrrReporting: 10, story: '' }],
    }));
    expect(saved.__typename).toBe('MonthlyReportOverride');
    const after = await report(w.leader, month);
    expect(ids(after)).toEqual([...w.wins.slice(1, 7), w.wins[7]].map((x) => x.id));
    expect(after.winCards.find((c: { outcomeId: string }) => c.outcomeId === w.wins[7].id)).toMatchObject({ included: true, mrrReporting: 2000, title: 'Deal 8' });
    expect(after.winCards.filter((c: { manual: boolean }) => c.manual).map((c: { title: string; mrrReporting: number | null }) => [c.title, c.mrrReporting])).toEqual([
      ['Handshake deal', null],
      ['Renewal', 10],
    ]);
    // The table and counts are the record: exclusions curate the cards, not the figures.
    expect(after.summary.wins).toBe(8);
    expect(after.winsAndLosses).toHaveLength(9);
  });

  it('takes the win of the month as picked by a manager, else the largest won MRR', async () => {
    const month = '2026-03';
    const current = await read(w.admin, month);
    // The largest is excluded (previous test): the next largest stands in.
    const largest = await report(w.leader, month);
    expect(largest.winOfTheMonth).toMatchObject({ source: 'LARGEST', outcome: { id: w.wins[1].id, mrrReporting: 8000 }, story: 'Reason of Deal 2' });

    const picked = await save(w.managerSouth, current.version, inputOf(current, { winOfTheMonthOutcomeId: w.wins[4].id, winOfTheMonthStory: 'Three months of POC paid off.' }));
    expect(picked.winOfTheMonthOutcomeId).toBe(w.wins[4].id);
    const r = await report(w.leader, month);
    expect(r.winOfTheMonth).toMatchObject({ source: 'PICKED', outcome: { id: w.wins[4].id, projectName: 'Deal 5' }, story: 'Three months of POC paid off.' });
    // A range ending in March keeps March's pick; February alone falls back to its largest win.
    expect((await report(w.leader, '2026-02', '2026-03')).winOfTheMonth.outcome.id).toBe(w.wins[4].id);
    expect((await report(w.leader, '2026-02')).winOfTheMonth).toMatchObject({ source: 'LARGEST', outcome: { id: w.earlierWinId } });

    // A pick in a SEA account is not the India South manager's to see: their report falls back to their largest.
    const seaPick = await save(w.admin, picked.version, inputOf(picked, { winOfTheMonthOutcomeId: w.wins[3].id }));
    expect(seaPick.__typename).toBe('MonthlyReportOverride');
    expect((await report(w.leader, month)).winOfTheMonth.outcome.id).toBe(w.wins[3].id);
    const south = await report(w.managerSouth, month);
    expect(south.winOfTheMonth).toMatchObject({ source: 'LARGEST', outcome: { id: w.wins[1].id } });

    // An explicit null clears the pick (and its story); the largest stands in again.
    const cleared = await save(w.admin, seaPick.version, { winOfTheMonthOutcomeId: null, winOfTheMonthStory: null });
    expect(cleared).toMatchObject({ winOfTheMonthOutcomeId: null, winOfTheMonthStory: null, excludedOutcomeIds: [w.wins[0].id] });
    expect((await report(w.leader, month)).winOfTheMonth).toMatchObject({ source: 'LARGEST', outcome: { id: w.wins[1].id } });
  });
});
