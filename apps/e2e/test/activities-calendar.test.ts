import { beforeAll, describe, expect, it } from 'vitest';
import { downloadOf, openSignedIn } from './support/browser.js';
import { createActivities } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Issue 10, P-021: a member adds their month, or one activity, to their calendar from the activities pages. */
describe('calendar from the activities remote', () => {
  const e2e = usePortalWithBrowser();
  let ids: string[];

  beforeAll(async () => {
    const { member, colleague } = e2e.people;
    ids = await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: member, date: '2025-02-03', name: 'Kickoff', external: { account: 'Calendar Foods', project: 'Rollout' } },
      { owner: member, date: '2025-02-28', name: 'Month end' },
      { owner: member, date: '2025-03-01', name: 'Next month' },
      { owner: colleague, date: '2025-02-10', name: 'Not mine' },
    ]);
  });

  it('downloads the shown month as .ics with the member\'s own activities, and one activity from its page', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities?month=2025-02`, e2e.people.member.email);
    await page.getByTestId('month-view').waitFor();
    const month = await downloadOf(page, page.getByTestId('month-calendar'));
    expect(month.name).toBe('pams-activities-2025-02-01-to-2025-02-28.ics');
    const text = month.body.toString('utf8');
    const uids = [...text.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]);
    expect(uids).toEqual([`${ids[0]}@pams`, `${ids[1]}@pams`]);
    expect(text).toContain('SUMMARY:Customer call · Calendar Foods\r\n');
    expect(text.replace(/\r\n[ \t]/g, '')).toMatch(new RegExp(`Open in PAMS: http://[^/]+/activities/${ids[0]}/edit`));

    await page.goto(`${e2e.portal.url}/activities/${ids[1]}/edit`);
    await page.getByTestId('activity-form').waitFor();
    const one = await downloadOf(page, page.getByTestId('activity-calendar'));
    expect(one.name).toBe(`pams-activity-2025-02-28-${ids[1].slice(0, 8)}.ics`);
    expect([...one.body.toString('utf8').matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1])).toEqual([`${ids[1]}@pams`]);
    expect(errors).toEqual([]);
    await close();
  });
});
