import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outcome, Project } from '@pams/server-accounts';
import { Product } from '@pams/server-reference';
import { Role } from '@pams/shared-util';
import {
  ACCOUNT_FIELDS,
  auditOf,
  createReferenceFixture,
  ERROR_FIELDS,
  PROJECT_FIELDS,
  signInAs,
  type ReferenceFixture,
  type SignedIn,
} from './support/accounts-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) {
  createAccount(input: $input) { __typename ... on Account { ${ACCOUNT_FIELDS} } ${ERROR_FIELDS} }
}`;

const CREATE = `mutation ($input: CreateProjectInput!) {
  createProject(input: $input) { __typename ... on Project { ${PROJECT_FIELDS} } ${ERROR_FIELDS} }
}`;

const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateProjectInput!) {
  updateProject(id: $id, expectedVersion: $version, input: $input) {
    __typename
    ... on Project { ${PROJECT_FIELDS} }
    ... on ProjectVersionConflict { current { id version name status } }
    ${ERROR_FIELDS}
  }
}`;

const RECORD = `mutation ($input: RecordOutcomeInput!) {
  recordOutcome(input: $input) { __typename ... on Outcome { id version projectId result } ${ERROR_FIELDS} }
}`;

describe('projects', () => {
  let app: TestApp;
  let ref: ReferenceFixture;
  let member: SignedIn;
  let otherMember: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    ref = await createReferenceFixture(app.orm);
    member = await signInAs(app, Role.MEMBER, [ref.regions.south], 'Mira Member');
    otherMember = await signInAs(app, Role.MEMBER, [ref.regions.sea], 'Omar Other');
    admin = await signInAs(app, Role.ADMIN);
  });
  afterAll(() => app?.close());

  async function newAccount(name: string, salesRepId: string | null = ref.salesReps.south): Promise<string> {
    const { createAccount } = await admin.client.data(CREATE_ACCOUNT, { input: { name, salesRepId } });
    return createAccount.id;
  }

  async function create(who: SignedIn, input: Record<string, unknown>) {
    return (await who.client.data(CREATE, { input })).createProject;
  }

  it('creates a project of an account, owned by the member who creates it, and audited', async () => {
    const accountId = await newAccount('Acme');
    const project = await create(member, {
      accountId,
      name: 'Support bot',
      primaryUseCaseId: ref.useCases.general,
      secondaryUseCaseIds: [ref.useCases.banking],
      productIds: [ref.products.voice, ref.products.assist, ref.products.voice],
      crmLink: 'https://crm.example.com/opportunities/9',
    });
    expect(project).toMatchObject({
      __typename: 'Project',
      version: 1,
      accountId,
      account: { id: accountId, name: 'Acme' },
      name: 'Support bot',
      status: 'ACTIVE',
      primaryUseCase: { id: ref.useCases.general },
      secondaryUseCases: [{ id: ref.useCases.banking }],
      products: [{ id: ref.products.assist }, { id: ref.products.voice }],
      owners: [{ id: member.id, name: 'Mira Member' }],
      outcome: null,
    });
    const events = await auditOf(app.orm, 'Project', project.id);
    expect(events.map((e) => e.action)).toEqual(['Project.created']);
    expect(events[0].actorId).toBe(member.id);
    expect(events[0].changes?.owners).toEqual({ before: null, after: [member.id] });

    const read = await member.client.data(
      `query ($accountId: ID!) {
        account(id: $accountId) { projectCount projects { id name account { id } } }
        projects(accountId: $accountId) { id }
        active: projects(accountId: $accountId, status: ACTIVE) { id }
        won: projects(accountId: $accountId, status: WON) { id }
      }`,
      { accountId },
    );
    expect(read.account).toEqual({ projectCount: 1, projects: [{ id: project.id, name: 'Support bot', account: { id: accountId } }] });
    expect(read.projects).toEqual([{ id: project.id }]);
    expect(read.active).toEqual([{ id: project.id }]);
    expect(read.won).toEqual([]);
  });

  it('keeps names unique within an account regardless of case, but not across accounts', async () => {
    const first = await newAccount('First Co');
    const second = await newAccount('Second Co');
    await create(member, { accountId: first, name: 'Rollout' });
    const duplicate = await create(member, { accountId: first, name: 'ROLLOUT' });
    expect(duplicate).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'name', code: 'DUPLICATE' }] });
    expect((await create(member, { accountId: second, name: 'Rollout' })).__typename).toBe('Project');

    const invalid = await create(member, {
      accountId: first,
      name: 'Other',
      primaryUseCaseId: ref.useCases.retired,
      productIds: [ref.products.retired],
      ownerIds: ['00000000-0000-4000-8000-000000000000'],
      crmLink: 'ftp://crm.example.com',
    });
    expect(invalid.fields).toEqual([
      { field: 'primaryUseCaseId', code: 'INACTIVE' },
      { field: 'productIds', code: 'INACTIVE' },
      { field: 'ownerIds', code: 'NOT_FOUND' },
      { field: 'crmLink', code: 'INVALID_URL' },
    ]);
    const noAccount = await create(member, { accountId: '00000000-0000-4000-8000-000000000000', name: 'Orphan' });
    expect(noAccount.fields).toEqual([{ field: 'accountId', code: 'NOT_FOUND' }]);
  });

  it('refuses writes by leaders and analysts, and edits by members of other regions who do not own it', async () => {
    const accountId = await newAccount('Guarded');
    for (const role of [Role.LEADER, Role.ANALYST]) {
      const reader = await signInAs(app, role);
      expect((await create(reader, { accountId, name: `By ${role}` })).__typename).toBe('Forbidden');
    }
    const project = await create(member, { accountId, name: 'Mine' });
    const byOther = await otherMember.client.data(UPDATE, { id: project.id, version: 1, input: { name: 'Theirs' } });
    expect(byOther.updateProject.__typename).toBe('Forbidden');
    // Owning it is enough, whatever the account's region.
    const shared = await create(member, { accountId, name: 'Shared', ownerIds: [member.id, otherMember.id] });
    const byOwner = await otherMember.client.data(UPDATE, { id: shared.id, version: 1, input: { crmLink: 'https://crm.example.com/x' } });
    expect(byOwner.updateProject).toMatchObject({ __typename: 'Project', version: 2 });
    expect(await app.orm.em.fork().count(Project, { name: { $like: 'By %' } })).toBe(0);
  });

  it('refuses a stale version without changing anything, and bumps the version on list-only edits', async () => {
    const accountId = await newAccount('Versioned');
    const project = await create(member, { accountId, name: 'V1', productIds: [ref.products.assist] });
    const ownersOnly = await member.client.data(UPDATE, { id: project.id, version: 1, input: { addOwnerIds: [otherMember.id] } });
    expect(ownersOnly.updateProject).toMatchObject({ version: 2, owners: [{ id: member.id }, { id: otherMember.id }] });

    const stale = await member.client.data(UPDATE, {
      id: project.id,
      version: 1,
      input: { name: 'V-stale', removeOwnerIds: [member.id, otherMember.id], addProductIds: [ref.products.voice], removeProductIds: [ref.products.assist] },
    });
    expect(stale.updateProject).toEqual({
      __typename: 'ProjectVersionConflict',
      message: expect.any(String),
      current: { id: project.id, version: 2, name: 'V1', status: 'ACTIVE' },
    });
    const stored = await app.orm.em.fork().findOneOrFail(Project, project.id, { populate: ['owners', 'products'] });
    expect({ name: stored.name, version: stored.version, owners: stored.owners.count(), products: stored.products.getIdentifiers() }).toEqual({
      name: 'V1',
      version: 2,
      owners: 2,
      products: [ref.products.assist],
    });
  });

  it('adds and removes the ids named, leaves the rest of each list, and audits the change', async () => {
    const accountId = await newAccount('Lists');
    const project = await create(member, {
      accountId,
      name: 'Lists',
      secondaryUseCaseIds: [ref.useCases.banking],
      productIds: [ref.products.assist],
    });
    const { updateProject } = await member.client.data(UPDATE, {
      id: project.id,
      version: 1,
      input: {
        addProductIds: [ref.products.voice],
        addSecondaryUseCaseIds: [ref.useCases.general],
        removeSecondaryUseCaseIds: [ref.useCases.banking],
        addOwnerIds: [otherMember.id],
        removeOwnerIds: [member.id],
      },
    });
    expect(updateProject).toMatchObject({
      __typename: 'Project',
      version: 2,
      products: [{ id: ref.products.assist }, { id: ref.products.voice }],
      secondaryUseCases: [{ id: ref.useCases.general }],
      owners: [{ id: otherMember.id }],
    });
    const events = await auditOf(app.orm, 'Project', project.id);
    expect(events.map((e) => e.action)).toEqual(['Project.created', 'Project.updated']);
    expect(events[1].actorId).toBe(member.id);
    const changed = events[1].changes!;
    expect(changed.owners).toEqual({ before: [member.id], after: [otherMember.id] });
    expect([...(changed.products.after as string[])].sort()).toEqual([ref.products.assist, ref.products.voice].sort());

    // Adding what is there and removing what is not changes nothing, not even the version.
    const noOp = await admin.client.data(UPDATE, {
      id: project.id,
      version: 2,
      input: { addProductIds: [ref.products.voice], removeProductIds: [ref.products.retired], removeOwnerIds: [member.id] },
    });
    expect(noOp.updateProject).toMatchObject({ __typename: 'Project', version: 2, products: [{ id: ref.products.assist }, { id: ref.products.voice }] });
    expect((await auditOf(app.orm, 'Project', project.id)).length).toBe(2);
  });

  it('takes ids in any letter case, as uuids are', async () => {
    const accountId = await newAccount('Upper case');
    const project = await create(member, { accountId, name: 'Upper', productIds: [ref.products.assist] });
    const { updateProject } = await member.client.data(UPDATE, {
      id: project.id,
      version: 1,
      input: { addProductIds: [ref.products.voice.toUpperCase()], removeProductIds: [ref.products.assist.toUpperCase()] },
    });
    expect(updateProject).toMatchObject({ __typename: 'Project', version: 2, products: [{ id: ref.products.voice }] });
    // The same id added and removed in different cases is still the same id.
    const both = await member.client.data(UPDATE, {
      id: project.id,
      version: 2,
      input: { addOwnerIds: [otherMember.id.toUpperCase()], removeOwnerIds: [otherMember.id] },
    });
    expect(both.updateProject).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'addOwnerIds', code: 'ADDED_AND_REMOVED' }] });
  });

  it('refuses adding retired or unknown records, but keeps retired ones already on the project', async () => {
    const accountId = await newAccount('Retiring');
    const project = await create(member, { accountId, name: 'Old product', productIds: [ref.products.assist] });
    const { retiring } = await asSystem(async () => {
      const em = app.orm.em.fork();
      const product = em.create(Product, { name: 'Soon retired' });
      await em.flush();
      return { retiring: product.id };
    });
    const added = await member.client.data(UPDATE, { id: project.id, version: 1, input: { addProductIds: [retiring] } });
    expect(added.updateProject).toMatchObject({ version: 2 });
    await asSystem(async () => {
      const em = app.orm.em.fork();
      (await em.findOneOrFail(Product, retiring)).active = false;
      await em.flush();
    });

    const inactive = await member.client.data(UPDATE, { id: project.id, version: 2, input: { addProductIds: [ref.products.retired] } });
    expect(inactive.updateProject.fields).toEqual([{ field: 'addProductIds', code: 'INACTIVE' }]);
    const unknown = await member.client.data(UPDATE, { id: project.id, version: 2, input: { addOwnerIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(unknown.updateProject.fields).toEqual([{ field: 'addOwnerIds', code: 'NOT_FOUND' }]);

    const kept = await member.client.data(UPDATE, {
      id: project.id,
      version: 2,
      input: { addProductIds: [ref.products.voice, retiring], removeProductIds: [ref.products.assist] },
    });
    expect(kept.updateProject).toMatchObject({ __typename: 'Project', version: 3 });
    expect(kept.updateProject.products.map((p: { id: string }) => p.id).sort()).toEqual([retiring, ref.products.voice].sort());
  });

  it('refuses an id both added and removed, changing nothing', async () => {
    const accountId = await newAccount('Contradiction');
    const project = await create(member, { accountId, name: 'Both', productIds: [ref.products.assist], secondaryUseCaseIds: [ref.useCases.banking] });
    const both = await member.client.data(UPDATE, {
      id: project.id,
      version: 1,
      input: {
        name: 'Renamed',
        addProductIds: [ref.products.voice],
        removeProductIds: [ref.products.voice, ref.products.assist],
        addSecondaryUseCaseIds: [ref.useCases.general],
        addOwnerIds: [otherMember.id],
        removeOwnerIds: [otherMember.id],
      },
    });
    expect(both.updateProject).toMatchObject({
      __typename: 'ValidationFailed',
      fields: [
        { field: 'addProductIds', code: 'ADDED_AND_REMOVED' },
        { field: 'addOwnerIds', code: 'ADDED_AND_REMOVED' },
      ],
    });
    const stored = await app.orm.em.fork().findOneOrFail(Project, project.id, { populate: ['owners', 'products', 'secondaryUseCases'] });
    expect({
      name: stored.name,
      version: stored.version,
      products: stored.products.getIdentifiers(),
      secondary: stored.secondaryUseCases.getIdentifiers(),
      owners: stored.owners.getIdentifiers(),
    }).toEqual({ name: 'Both', version: 1, products: [ref.products.assist], secondary: [ref.useCases.banking], owners: [member.id] });
    expect((await auditOf(app.orm, 'Project', project.id)).length).toBe(1);
  });

  it('WON and LOST come from an outcome; setting a project back to ACTIVE drops its outcome, audited', async () => {
    const accountId = await newAccount('Reopened');
    const project = await create(member, { accountId, name: 'Deal' });
    const direct = await member.client.data(UPDATE, { id: project.id, version: 1, input: { status: 'WON' } });
    expect(direct.updateProject.fields).toEqual([{ field: 'status', code: 'OUTCOME_REQUIRED' }]);

    const { recordOutcome } = await member.client.data(RECORD, {
      input: { accountId, result: 'WON', month: '2026-10', crmLink: 'https://crm.example.com/won', reason: 'Best fit' },
    });
    expect(recordOutcome).toMatchObject({ __typename: 'Outcome', projectId: project.id, result: 'WON' });
    const won = (await member.client.data(`query ($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`, { id: project.id })).project;
    expect(won).toMatchObject({ status: 'WON', version: 2, outcome: { id: recordOutcome.id, result: 'WON', month: '2026-10' } });

    const reopened = await member.client.data(UPDATE, { id: project.id, version: won.version, input: { status: 'ACTIVE' } });
    expect(reopened.updateProject).toMatchObject({ __typename: 'Project', status: 'ACTIVE', outcome: null, version: 3 });
    expect(await app.orm.em.fork().count(Outcome, { project: project.id })).toBe(0);
    const outcomeEvents = await auditOf(app.orm, 'Outcome', recordOutcome.id);
    expect(outcomeEvents.map((e) => e.action)).toEqual(['Outcome.created', 'Outcome.deleted']);
    expect(outcomeEvents[1].actorId).toBe(member.id);
    const projectEvents = await auditOf(app.orm, 'Project', project.id);
    expect(projectEvents.at(-1)?.changes?.status).toEqual({ before: 'WON', after: 'ACTIVE' });
  });

  it('answers NotFound for an unknown project and null when reading one', async () => {
    const missing = await member.client.data(UPDATE, { id: '00000000-0000-4000-8000-000000000000', version: 1, input: {} });
    expect(missing.updateProject.__typename).toBe('NotFound');
    const read = await member.client.data(`{ project(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(read.project).toBeNull();
  });
});
