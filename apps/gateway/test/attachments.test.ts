import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeAttachments } from '@pams/server-attachments';
import { Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Attachments on activities and accounts (issue 10, P-022): limits, access, the scan hook, retention. */

let app: TestApp;
let f: DomainFixture;
let dir: string;
let owner: SignedInUser;
let otherMember: SignedInUser;
let manager: SignedInUser;
let otherManager: SignedInUser;
let leader: SignedInUser;
let analyst: SignedInUser;
let activityId: string;

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2_000, 'a'), Buffer.from('\n%%EOF\n')]);
const LIST = `query($t: AttachmentOwnerType!, $id: ID!) { attachments(ownerType: $t, ownerId: $id) { id fileName contentType byteSize uploadedById downloadUrl } }`;

function cookie(user: SignedInUser): string {
  return [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function upload(user: SignedInUser | null, query: Record<string, string>, body: Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/attachments?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/pdf', 'x-pams-upload': '1', ...(user ? { cookie: cookie(user) } : {}), ...headers },
    body,
  });
  return { status: response.status, json: (await response.json()) as any };
}

async function download(user: SignedInUser | null, id: string) {
  const response = await fetch(`${app.url}/attachments/${id}`, { headers: user ? { cookie: cookie(user) } : {} });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

const onActivity = (fileName = 'Statement of work.pdf') => ({ ownerType: 'ACTIVITY', ownerId: activityId, fileName });

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

async function storedFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await fsp.readdir(dir).catch(() => [] as string[])) for (const name of await fsp.readdir(path.join(dir, sub))) out.push(name);
  return out.sort();
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-attachments-'));
  // A scan hook that refuses any file containing the EICAR-like marker below.
  const scanner = path.join(dir, '..', `pams-scan-${process.pid}.sh`);
  await fsp.writeFile(scanner, '#!/bin/sh\nif grep -q PAMS-TEST-VIRUS "$1"; then echo "Test.Virus found"; exit 1; fi\nif grep -q PAMS-SCAN-BROKEN "$1"; then exit 2; fi\nexit 0\n', { mode: 0o755 });
  app = await startTestApp({ ATTACHMENT_DIR: dir, ATTACHMENT_MAX_MB: '1', ATTACHMENT_RETENTION_DAYS: '30', ATTACHMENT_SCAN_COMMAND: scanner });
  f = await createDomainFixture(app.orm);
  owner = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  otherMember = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south] });
  otherManager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.sea] });
  leader = await signedInUser(app, { role: Role.LEADER });
  analyst = await signedInUser(app, { role: Role.ANALYST });
  [activityId] = await insertActivities(app.orm, [{ ownerId: owner.id, regionId: f.regions.south, date: '2026-03-02' }]);
});

afterAll(async () => {
  await app?.close();
  if (dir) {
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.rm(path.join(dir, '..', `pams-scan-${process.pid}.sh`), { force: true });
  }
});

describe('attachments', () => {
  it('stores an upload, lists it, serves it back byte for byte to who may read it, and audits it', async () => {
    const created = await upload(owner, onActivity(), PDF);
    expect(created.status).toBe(201);
    expect(created.json.attachment).toMatchObject({ fileName: 'Statement of work.pdf', contentType: 'application/pdf', byteSize: PDF.length, uploadedById: owner.id });
    const id = created.json.attachment.id;

    const { attachments } = await owner.client.data(LIST, { t: 'ACTIVITY', id: activityId });
    expect(attachments.map((a: { id: string }) => a.id)).toEqual([id]);
    for (const reader of [owner, manager, leader]) {
      const got = await download(reader, id);
      expect(got.status).toBe(200);
      expect(got.body.equals(PDF)).toBe(true);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Statement of work.pdf"; filename*=UTF-8''Statement%20of%20work.pdf`);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const [row] = await sql<{ sha256: string }>('select sha256 from attachment where id = ?', [id]);
    expect(row.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const events = await sql<{ action: string; actor_id: string }>(`select action, actor_id from audit_event where entity_type = 'Attachment' and entity_id = ?`, [id]);
    expect(events).toEqual([{ action: 'Attachment.created', actor_id: owner.id }]);
  });

  it('refuses other users: to attach, to list, to download', async () => {
    const [{ id }] = await sql<{ id: string }>('select id from attachment order by created_at limit 1');
    const before = await storedFiles();
    for (const who of [otherMember, otherManager, leader, analyst]) {
      const refused = await upload(who, onActivity('x.pdf'), PDF);
      expect(refused.status).toBe(403);
      expect(refused.json.error).toEqual({ code: 'FORBIDDEN', message: 'You may not attach files to this activity.' });
    }
    for (const who of [otherMember, otherManager, analyst]) {
      expect((await download(who, id)).status).toBe(403);
      expect((await who.client.query(LIST, { t: 'ACTIVITY', id: activityId })).errors?.[0]).toMatchObject({ message: 'You may not read the files of this activity.', extensions: { code: 'FORBIDDEN' } });
    }
    expect((await download(null, id)).status).toBe(401);
    expect((await upload(null, onActivity(), PDF)).status).toBe(401);
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses beyond the size limit, bad types and names, and a form posted from another site, storing nothing', async () => {
    const before = await storedFiles();
    const [{ n: rowsBefore }] = await sql<{ n: number }>('select count(*)::int as n from attachment');
    const big = Buffer.alloc(1024 * 1024 + 1, 'b');
    const tooLarge = await upload(owner, onActivity('big.pdf'), big);
    expect(tooLarge).toEqual({ status: 413, json: { error: { code: 'TOO_LARGE', message: 'The file is larger than 1 MB, the most an attachment may be.' } } });
    // Without a Content-Length (chunked), the stream is stopped at the limit all the same.
    const chunked = await fetch(`${app.url}/attachments?${new URLSearchParams(onActivity('big.pdf'))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', 'x-pams-upload': '1', cookie: cookie(owner) },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    const cases: [Record<string, string>, Buffer, Record<string, string>, number, string, string][] = [
      [onActivity('script.exe'), PDF, {}, 415, 'UNSUPPORTED_TYPE', 'Files of this type cannot be attached. Allowed: pdf, png, jpg, jpeg, gif, webp, txt, csv, md, docx, xlsx, pptx, eml.'],
      [onActivity('notes.pdf'), PDF, { 'content-type': 'text/html' }, 415, 'UNSUPPORTED_TYPE', 'A .pdf file is not sent as text/html.'],
      [onActivity('empty.pdf'), Buffer.alloc(0), {}, 400, 'BAD_USER_INPUT', 'The file is empty.'],
      [onActivity('../'), PDF, {}, 400, 'BAD_USER_INPUT', 'Give the file a name.'],
      [{ ownerType: 'PROJECT', ownerId: activityId, fileName: 'a.pdf' }, PDF, {}, 400, 'BAD_USER_INPUT', '"ownerType" must be ACTIVITY or ACCOUNT.'],
      [{ ownerType: 'ACTIVITY', ownerId: '00000000-0000-4000-8000-000000000000', fileName: 'a.pdf' }, PDF, {}, 404, 'NOT_FOUND', 'No such activity.'],
      [onActivity('a.pdf'), PDF, { 'x-pams-upload': '' }, 400, 'BAD_USER_INPUT', 'Send the upload with the header X-PAMS-Upload: 1.'],
    ];
    for (const [query, body, headers, status, code, message] of cases) {
      const response = await upload(owner, query, body, headers);
      expect(response, message).toEqual({ status, json: { error: { code, message } } });
    }
    expect(await storedFiles()).toEqual(before);
    const [{ n: rowsAfter }] = await sql<{ n: number }>('select count(*)::int as n from attachment');
    expect(rowsAfter).toBe(rowsBefore);
  });

  it('runs the virus-scan hook: an infected file is refused, a failed scan says so, nothing is stored', async () => {
    const before = await storedFiles();
    const infected = await upload(owner, onActivity('invoice.pdf'), Buffer.from('%PDF-1.4 PAMS-TEST-VIRUS'));
    expect(infected).toEqual({ status: 422, json: { error: { code: 'INFECTED', message: 'The file was refused by the virus scan: Test.Virus found' } } });
    const broken = await upload(owner, onActivity('invoice.pdf'), Buffer.from('%PDF-1.4 PAMS-SCAN-BROKEN'));
    expect(broken).toEqual({ status: 503, json: { error: { code: 'SCAN_FAILED', message: 'The file could not be scanned for viruses; try again later.' } } });
    expect(await storedFiles()).toEqual(before);
  });

  it('attaches to accounts too: roles that log activities attach and read, analysts do not', async () => {
    const created = await upload(otherMember, { ownerType: 'ACCOUNT', ownerId: f.solo.accountId, fileName: 'org chart.png' }, Buffer.from('\x89PNG....'), { 'content-type': 'image/png' });
    expect(created.status).toBe(201);
    expect((await download(manager, created.json.attachment.id)).status).toBe(200);
    expect((await download(leader, created.json.attachment.id)).status).toBe(200);
    expect((await download(analyst, created.json.attachment.id)).status).toBe(403);
    expect((await upload(leader, { ownerType: 'ACCOUNT', ownerId: f.solo.accountId, fileName: 'x.png' }, Buffer.from('x'), { 'content-type': 'image/png' })).status).toBe(403);
  });

  it('removal is audited and stops downloads at once; retention purges the file later, never the record', async () => {
    const created = await upload(owner, onActivity('minutes.txt'), Buffer.from('Minutes of the call'), { 'content-type': 'text/plain' });
    const id = created.json.attachment.id;
    expect((await otherMember.client.query(`mutation($id: ID!) { removeAttachment(id: $id) { id } }`, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const removed = await manager.client.data(`mutation($id: ID!) { removeAttachment(id: $id) { id fileName } }`, { id });
    expect(removed.removeAttachment.fileName).toBe('minutes.txt');
    expect((await download(owner, id)).status).toBe(404);
    const events = await sql<{ action: string; actor_id: string }>(`select action, actor_id from audit_event where entity_type = 'Attachment' and entity_id = ? order by id`, [id]);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['Attachment.created', owner.id],
      ['Attachment.updated', manager.id],
    ]);

    const [{ storage_key: key }] = await sql<{ storage_key: string }>('select storage_key from attachment where id = ?', [id]);
    expect(await storedFiles()).toContain(key);
    expect(await purgeAttachments(app.orm.em.fork(), app.config)).toBe(0);
    // Thirty-one days on: the removed file goes; so do the files of an activity deleted that long ago.
    const [{ id: survivor }] = await sql<{ id: string }>(`select id from attachment where owner_type = 'ACTIVITY' and deleted_at is null limit 1`);
    await sql(`update activity set deleted_at = now() where id = ?`, [activityId]);
    const purged = await purgeAttachments(app.orm.em.fork(), app.config, new Date(Date.now() + 31 * 86_400_000));
    expect(purged).toBe(2);
    expect(await storedFiles()).not.toContain(key);
    const rows = await sql<{ id: string; purged: boolean }>('select id, purged_at is not null as purged from attachment where id in (?, ?)', [id, survivor]);
    expect(rows.every((r) => r.purged)).toBe(true);
  });
});
