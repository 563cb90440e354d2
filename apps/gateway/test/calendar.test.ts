import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityType, Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { getFile } from './support/export-files.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Calendar (issue 10, P-021): a person's activities for a range as an .ics file, and one activity's "add to calendar". */

type Ics = Record<string, string>[];

/**
 * The VEVENTs of an iCalendar text (RFC 5545 read back by hand: lines unfolded, each property's value
 * unescaped; parameters kept in the key, e.g. "DTSTART;VALUE=DATE").
 */
function parseIcs(text: string): { calendar: Record<string, string>; events: Ics } {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const calendar: Record<string, string> = {};
  const events: Ics = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else {
      const colon = line.indexOf(':');
      const key = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
      (current ?? calendar)[key] = value;
    }
  }
  return { calendar, events };
}

let app: TestApp;
let f: DomainFixture;
let member: SignedInUser;
let colleague: SignedInUser;
let manager: SignedInUser;
let ids: string[];
let accountName: string;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_URL: 'https://pams.example.test' });
  f = await createDomainFixture(app.orm);
  member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Mira Member' });
  colleague = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south] });
  [{ name: accountName }] = await sql<{ name: string }>('select name from account where id = ?', [f.solo.accountId]);
  ids = await insertActivities(app.orm, [
    { ownerId: member.id, regionId: f.regions.south, date: '2026-03-02', type: ActivityType.CUSTOMER_CALL, accountId: f.solo.accountId, projectId: f.solo.projectId, effortHalfHours: 3, description: 'Pricing, scope; next steps\nsecond line' },
    { ownerId: member.id, regionId: f.regions.south, date: '2026-03-31', type: ActivityType.TRAINING, name: 'Onboarding week', effortDays: 2 },
    { ownerId: member.id, regionId: f.regions.south, date: '2026-04-01', type: ActivityType.INTERNAL_MEETING },
    { ownerId: member.id, regionId: f.regions.south, date: '2026-03-15', type: ActivityType.INTERNAL_MEETING },
    { ownerId: colleague.id, regionId: f.regions.south, date: '2026-03-10', type: ActivityType.WEBINAR },
  ]);
  // The fourth is deleted: gone from every read, calendars included.
  await sql('update activity set deleted_at = now() where id = ?', [ids[3]]);
});

afterAll(async () => {
  await app?.close();
});

describe('calendar downloads', () => {
  it('serves the viewer\'s own activities of the range as all-day events that import again as updates', async () => {
    const response = await getFile(app, '/calendar/activities.ics?from=2026-03-01&to=2026-03-31', member);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-activities-2026-03-01-to-2026-03-31.ics"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { calendar, events } = parseIcs(response.body.toString('utf8'));
    expect(calendar['X-WR-CALNAME']).toBe('PAMS: Mira Member, 2026-03-01 to 2026-03-31');
    expect(calendar.METHOD).toBe('PUBLISH');
    expect(events.map((e) => e.UID)).toEqual([`${ids[0]}@pams`, `${ids[1]}@pams`]);

    const [call, training] = events;
    expect(call).toMatchObject({
      'DTSTART;VALUE=DATE': '20260302',
      'DTEND;VALUE=DATE': '20260303',
      SUMMARY: `Customer call · ${accountName}`,
      SEQUENCE: '1',
      TRANSP: 'TRANSPARENT',
      STATUS: 'CONFIRMED',
    });
    expect(call.DESCRIPTION).toContain(`Account: ${accountName}`);
    expect(call.DESCRIPTION).toContain('Effort: 1.5 hours');
    expect(call.DESCRIPTION).toContain(`Open in PAMS: https://pams.example.test/activities/${ids[0]}/edit`);
    expect(call.DESCRIPTION).toContain('Pricing, scope; next steps\nsecond line');
    // The last day of the range is in it; the event ends the next day (DTEND is exclusive).
    expect(training).toMatchObject({ 'DTSTART;VALUE=DATE': '20260331', 'DTEND;VALUE=DATE': '20260401', SUMMARY: 'Training · Onboarding week' });
    expect(training.DESCRIPTION).toContain('Effort: 2 days');

    // Edited, the same UID comes with a higher SEQUENCE: a calendar updates the entry.
    await sql('update activity set version = version + 1 where id = ?', [ids[0]]);
    const again = parseIcs((await getFile(app, '/calendar/activities.ics?from=2026-03-01&to=2026-03-31', member)).body.toString('utf8'));
    expect(again.events[0]).toMatchObject({ UID: `${ids[0]}@pams`, SEQUENCE: '2' });
  });

  it('serves another person\'s calendar with owner=, and an empty range as an empty calendar', async () => {
    const { events } = parseIcs((await getFile(app, `/calendar/activities.ics?from=2026-03-01&to=2026-04-30&owner=${member.id}`, manager)).body.toString('utf8'));
    expect(events.map((e) => e.UID)).toEqual([ids[0], ids[1], ids[2]].map((id) => `${id}@pams`));
    const mine = parseIcs((await getFile(app, '/calendar/activities.ics?from=2026-03-01&to=2026-04-30', colleague)).body.toString('utf8'));
    expect(mine.events.map((e) => e.UID)).toEqual([`${ids[4]}@pams`]);
    const empty = parseIcs((await getFile(app, '/calendar/activities.ics?from=2025-01-01&to=2025-01-31', member)).body.toString('utf8'));
    expect(empty.events).toEqual([]);
  });

  it('serves one activity for "add to calendar"; unknown and deleted ones are 404', async () => {
    const response = await getFile(app, `/calendar/activities/${ids[1]}.ics`, colleague);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="pams-activity-2026-03-31-${ids[1].slice(0, 8)}.ics"`);
    expect(parseIcs(response.body.toString('utf8')).events.map((e) => e.UID)).toEqual([`${ids[1]}@pams`]);
    for (const path of [`/calendar/activities/${ids[3]}.ics`, '/calendar/activities/00000000-0000-4000-8000-000000000000.ics', '/calendar/activities/nope.ics']) {
      const missing = await getFile(app, path, member);
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body.toString()).error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 401 without credentials and 400 with a message for each bad parameter', async () => {
    expect((await getFile(app, '/calendar/activities.ics?from=2026-03-01&to=2026-03-31')).status).toBe(401);
    expect((await getFile(app, `/calendar/activities/${ids[0]}.ics`)).status).toBe(401);
    const cases: [string, string][] = [
      ['to=2026-03-31', 'Give "from" as a day, YYYY-MM-DD.'],
      ['from=2026-03-01', 'Give "to" as a day, YYYY-MM-DD.'],
      ['from=2026-02-30&to=2026-03-31', '"from" must be a day as YYYY-MM-DD, not "2026-02-30".'],
      ['from=2026-03-01&from=2026-03-02&to=2026-03-31', 'Give "from" once.'],
      ['from=2019-12-31&to=2020-01-31', '"from" must be between 2020-01-01 and 2050-12-31.'],
      ['from=2026-04-01&to=2026-03-31', '"from" (2026-04-01) is after "to" (2026-03-31).'],
      ['from=2026-01-01&to=2027-01-02', 'The range is 367 days; a calendar holds at most 366.'],
      ['from=2026-03-01&to=2026-03-31&owner=bob', '"owner" must be a user id.'],
    ];
    for (const [query, message] of cases) {
      const response = await getFile(app, `/calendar/activities.ics?${query}`, member);
      expect(response.status, query).toBe(400);
      expect(JSON.parse(response.body.toString())).toEqual({ error: { code: 'BAD_USER_INPUT', message } });
    }
    // More events than a calendar holds: refused with what to do, rather than a file no calendar opens.
    await insertActivities(app.orm, Array.from({ length: 5_001 }, (_, i) => ({ ownerId: colleague.id, regionId: f.regions.south, date: `2027-01-${String((i % 28) + 1).padStart(2, '0')}` })));
    const tooMany = await getFile(app, '/calendar/activities.ics?from=2027-01-01&to=2027-01-31', colleague);
    expect(tooMany.status).toBe(400);
    expect(JSON.parse(tooMany.body.toString()).error.message).toBe('More than 5,000 activities from 2027-01-01 to 2027-01-31; choose a shorter range.');
  });
});
