import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@pams/gateway';
import { DEPLOY_LAYOUT, parseRemoteManifest, REMOTE_ENTRY_FILE } from '@pams/shared-remote-contract';
import { openPage, openSignedIn, signIn } from './support/browser.js';
import { deployCli } from './support/deploy.js';
import { createActivities, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/** The remotes are found at run time through /remotes.json: they fail alone and redeploy alone. */
describe('remotes loaded at run time', () => {
  const e2e = usePortalWithBrowser();

  beforeAll(async () => {
    await createActivities(e2e.portal.orm, e2e.people.region, [{ owner: e2e.people.member, date: `${thisMonth()}-01`, name: 'Kick-off prep' }]);
  });

  async function currentSlotDir(): Promise<string> {
    const manifest = parseRemoteManifest(JSON.parse(await fs.readFile(path.join(e2e.portal.deployDir, DEPLOY_LAYOUT.manifestFile), 'utf8')));
    const activities = manifest.remotes.find((remote) => remote.name === 'activities');
    return path.join(e2e.portal.deployDir, DEPLOY_LAYOUT.remotesDir, 'activities', activities!.slot!);
  }

  it('shows a failing remote as an error panel with Retry while the sidebar keeps working', async () => {
    const entry = path.join(await currentSlotDir(), REMOTE_ENTRY_FILE);
    await fs.rename(entry, `${entry}.off`);
    const { page, errors, close } = await openPage(e2e.browser);
    try {
      await page.goto(`${e2e.portal.url}/`);
      await signIn(page, e2e.people.admin.email);
      await page.getByRole('heading', { name: 'Admin' }).waitFor();

      await page.getByRole('link', { name: 'Activities' }).click();
      const panel = page.getByTestId('error-panel');
      await panel.waitFor();
      expect(await panel.getByRole('heading').innerText()).toBe('The activities module is not available');

      // The rest of the portal is unaffected.
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('heading', { name: 'Admin' }).waitFor();

      // Retry after the file is back loads the remote, without a page reload.
      await page.getByRole('link', { name: 'Activities' }).click();
      await panel.waitFor();
      await fs.rename(`${entry}.off`, entry);
      await panel.getByRole('button', { name: 'Retry' }).click();
      await page.getByTestId('month-view').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await fs.rename(`${entry}.off`, entry).catch(() => undefined);
      await close();
    }
  });

  it('picks up a rebuilt and redeployed remote on the next page load, the shell untouched', async () => {
    const shellBefore = await hashTree(path.join(e2e.portal.deployDir, DEPLOY_LAYOUT.shellDir));
    const slotBefore = await currentSlotDir();
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, e2e.people.member.email);
    const build = page.getByTestId('activities-build');
    await build.waitFor();
    const label = `e2e-${randomBytes(3).toString('hex')}`;
    expect(await build.innerText()).not.toContain(label);

    await deployCli(['remote', 'activities', '--label', label, '--deploy-dir', e2e.portal.deployDir]);
    const slotAfter = await currentSlotDir();
    expect(slotAfter).not.toBe(slotBefore);
    // The old build stays for pages still open on it.
    await fs.access(path.join(slotBefore, REMOTE_ENTRY_FILE));

    await page.reload();
    await expect.poll(() => build.innerText(), { timeout: 10_000 }).toBe(`build ${label}`);
    expect(await page.getByRole('table', { name: /^Activities of/ }).innerText()).toContain('Kick-off prep');
    expect(await hashTree(path.join(e2e.portal.deployDir, DEPLOY_LAYOUT.shellDir))).toBe(shellBefore);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('admin remote deployed on its own', () => {
  const e2e = usePortalWithBrowser();

  it('refuses a rebuilt admin remote whose operation no longer validates — admins keep the old build — then publishes and rolls back', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin/mail`, e2e.people.admin.email);
    const build = page.getByTestId('admin-build');
    await page.getByTestId('mail-log-page').waitFor();
    const before = await build.innerText();

    // The gateway's schema as it would be without the mail log: the admin remote's MailLog query is then invalid.
    const schema = await fs.readFile(path.join(repoRoot, 'schema.graphql'), 'utf8');
    const withoutMailLog = schema
      .split('\n')
      .filter((line) => !line.startsWith('  mailLog(') && !line.startsWith('  """Outbox mail, newest first'))
      .join('\n');
    expect(withoutMailLog).not.toContain('mailLog(');
    const schemaFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'pams-schema-')), 'schema.graphql');
    await fs.writeFile(schemaFile, withoutMailLog);
    const refusedLabel = `refused-${randomBytes(3).toString('hex')}`;
    const refused = await deployCli(['remote', 'admin', '--label', refusedLabel, '--schema', schemaFile, '--deploy-dir', e2e.portal.deployDir]).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(String(refused)).toContain('admin: not published');
    expect(String(refused)).toContain('Cannot query field "mailLog" on type "Query".');

    // In the browser nothing changed: the same build, and the page still works.
    await page.reload();
    await page.getByTestId('mail-log-page').waitFor();
    expect(await build.innerText()).toBe(before);

    // Against the real schema it publishes; the next load runs it; rollback brings the previous one back.
    const label = `e2e-${randomBytes(3).toString('hex')}`;
    await deployCli(['remote', 'admin', '--label', label, '--deploy-dir', e2e.portal.deployDir]);
    await page.reload();
    await expect.poll(() => build.innerText(), { timeout: 10_000 }).toBe(`build ${label}`);
    await page.getByTestId('mail-log-page').waitFor();
    await deployCli(['rollback', 'admin', '--deploy-dir', e2e.portal.deployDir]);
    await page.reload();
    await expect.poll(() => build.innerText(), { timeout: 10_000 }).toBe(before);
    expect(errors).toEqual([]);
    await close();
  });
});

async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await fs.readdir(dir, { recursive: true })).sort()) {
    const full = path.join(dir, file);
    if ((await fs.stat(full)).isFile()) hash.update(file).update(await fs.readFile(full));
  }
  return hash.digest('hex');
}
