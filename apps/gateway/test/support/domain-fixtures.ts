import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Account, Project } from '@pams/server-accounts';
import { Activity } from '@pams/server-activities';
import { Region, Session, User, hashSecret, newSecret } from '@pams/server-identity';
import { Industry, Product, SalesRep, UseCase } from '@pams/server-reference';
import { ActivityType, categoryOf, Currency, Role, UseCaseBucket } from '@pams/shared-util';
import type { GraphqlClient } from './graphql-client.js';
import { asSystem } from './identity-fixtures.js';
import type { TestApp } from './test-app.js';

/**
 * Reference data, accounts and projects written straight through the ORM (their own APIs belong to
 * other domains): three regions, two industries, and accounts with one, two and no projects.
 */
export interface DomainFixture {
  regions: { south: string; sea: string; mena: string };
  industries: { retail: string; banking: string };
  /** An account with exactly one project (P-004). */
  solo: { accountId: string; projectId: string };
  /** An account with two projects. */
  multi: { accountId: string; projectIds: [string, string] };
  /** An account without projects. */
  bare: { accountId: string };
  productIds: string[];
  useCaseIds: string[];
}

export async function createDomainFixture(orm: MikroORM): Promise<DomainFixture> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const [south, sea, mena] = ['India South', 'SEA', 'MENA'].map((name) => em.create(Region, { name }));
    const retail = em.create(Industry, { name: 'Retail' });
    const banking = em.create(Industry, { name: 'Banking' });
    em.create(Industry, { name: 'Retired industry', active: false });
    const rep = em.create(SalesRep, { name: 'Rep One', email: 'rep.one@test.pams', region: south, currency: Currency.INR });
    const soloAccount = em.create(Account, { name: 'Solo Retail Ltd', industry: retail, salesRep: rep });
    const soloProject = em.create(Project, { account: soloAccount, name: 'Solo rollout' });
    const multiAccount = em.create(Account, { name: 'Multi Bank plc', industry: banking, salesRep: rep });
    const multiProjects = [em.create(Project, { account: multiAccount, name: 'Chatbot' }), em.create(Project, { account: multiAccount, name: 'Voice' })];
    const bareAccount = em.create(Account, { name: 'Bare Corp', industry: retail });
    const products = ['Agent Assist', 'Voice Bot'].map((name) => em.create(Product, { name }));
    em.create(Product, { name: 'Old product', active: false });
    const useCases = [
      em.create(UseCase, { name: 'Order tracking', bucket: UseCaseBucket.SUPPORT }),
      em.create(UseCase, { name: 'Card activation', bucket: UseCaseBucket.SUPPORT, industry: banking }),
    ];
    await em.flush();
    return {
      regions: { south: south.id, sea: sea.id, mena: mena.id },
      industries: { retail: retail.id, banking: banking.id },
      solo: { accountId: soloAccount.id, projectId: soloProject.id },
      multi: { accountId: multiAccount.id, projectIds: [multiProjects[0].id, multiProjects[1].id] },
      bare: { accountId: bareAccount.id },
      productIds: products.map((p) => p.id),
      useCaseIds: useCases.map((u) => u.id),
    };
  });
}

export interface NewSignedInUser {
  role: Role;
  name?: string;
  /** Regions the user belongs to (a manager leads them). */
  regionIds?: string[];
  defaultRegionId?: string | null;
  lastLoggedDate?: string | null;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  client: GraphqlClient;
}

/**
 * A user with a live session inserted directly (no password round trip): the client's cookie
 * carries the secret, the session row its hash — as the identity tests do.
 */
export async function signedInUser(app: TestApp, input: NewSignedInUser): Promise<SignedInUser> {
  return asSystem(async () => {
    const em = app.orm.em.fork();
    const name = input.name ?? `Test ${input.role.toLowerCase()} ${randomUUID().slice(0, 6)}`;
    const user = em.create(User, {
      email: `${input.role.toLowerCase()}-${randomUUID()}@test.pams`,
      name,
      role: input.role,
      // Never used: the session below is how this user signs in.
      passwordHash: 'not-a-password-hash',
      defaultRegion: input.defaultRegionId ? em.getReference(Region, input.defaultRegionId) : null,
      lastLoggedDate: input.lastLoggedDate ?? null,
    });
    if (input.regionIds) user.regions.set(input.regionIds.map((id) => em.getReference(Region, id)));
    const secret = newSecret();
    em.create(Session, { id: hashSecret(secret), handle: randomUUID(), user, expiresAt: new Date(Date.now() + 3_600_000) });
    await em.flush();
    const client = app.client();
    client.cookies.set('pams_session', secret);
    return { id: user.id, email: user.email, name, role: input.role, client };
  });
}

/** A second session of the same user: another browser or device. */
export async function anotherSession(app: TestApp, userId: string): Promise<GraphqlClient> {
  return asSystem(async () => {
    const em = app.orm.em.fork();
    const secret = newSecret();
    em.create(Session, { id: hashSecret(secret), handle: randomUUID(), user: em.getReference(User, userId), expiresAt: new Date(Date.now() + 3_600_000) });
    await em.flush();
    const client = app.client();
    client.cookies.set('pams_session', secret);
    return client;
  });
}

export interface SeedActivity {
  ownerId: string;
  regionId?: string | null;
  date: string;
  type?: ActivityType;
  accountId?: string | null;
  projectId?: string | null;
  effortDays?: number | null;
  effortHalfHours?: number | null;
  name?: string | null;
  description?: string | null;
  createdAt?: Date;
}

/** Activities written straight through the ORM (one flush), for reads that need many rows. */
export async function insertActivities(orm: MikroORM, rows: readonly SeedActivity[]): Promise<string[]> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const created = rows.map((row) => {
      const type = row.type ?? ActivityType.INTERNAL_MEETING;
      return em.create(Activity, {
        owner: em.getReference(User, row.ownerId),
        region: row.regionId ? em.getReference(Region, row.regionId) : null,
        date: row.date,
        category: categoryOf(type),
        type,
        account: row.accountId ? em.getReference(Account, row.accountId) : null,
        project: row.projectId ? em.getReference(Project, row.projectId) : null,
        effortDays: row.effortDays ?? null,
        effortHalfHours: row.effortDays == null ? (row.effortHalfHours ?? 2) : null,
        name: row.name ?? (categoryOf(type) === 'INTERNAL' ? 'Seeded activity' : null),
        description: row.description ?? null,
        ...(row.createdAt ? { createdAt: row.createdAt } : {}),
      });
    });
    await em.flush();
    return created.map((a) => a.id);
  });
}

// ---- The activities API as the tests call it -------------------------------------------------

export const ACTIVITY_FIELDS = `fragment ActivityFields on Activity {
  id version date category type
  owner { id name email } region { id name } account { id name } project { id name }
  effortDays effortHours callType minutesOfMeeting sowLink pocAccessType pocUseCase pocStartDate pocEndDate
  rfxType submissionDeadline name topic description createdAt updatedAt deletedAt
}`;

export const DRAFT_FIELDS = `fragment DraftFields on Draft {
  id version entityType entityId baseVersion reason operation input message createdAt updatedAt
}`;

export const ERROR_FIELDS = `fragment ErrorFields on UserError {
  __typename message
  ... on ValidationFailed { fields { field code message } }
  ... on NeedsAcknowledgement { warnings }
  ... on VersionConflict { current { ...ActivityFields } draft { ...DraftFields } }
}`;

const FRAGMENTS = `${ACTIVITY_FIELDS}\n${DRAFT_FIELDS}\n${ERROR_FIELDS}`;

export const CREATE_ACTIVITY = `mutation Create($input: CreateActivityInput!) {
  createActivity(input: $input) { __typename ...ActivityFields ...ErrorFields }
}\n${FRAGMENTS}`;

export const UPDATE_ACTIVITY = `mutation Update($id: ID!, $expectedVersion: Int!, $input: ActivityInput!, $draftId: ID) {
  updateActivity(id: $id, expectedVersion: $expectedVersion, input: $input, draftId: $draftId) { __typename ...ActivityFields ...ErrorFields }
}\n${FRAGMENTS}`;

export const DELETE_ACTIVITY = `mutation Delete($id: ID!, $expectedVersion: Int!) {
  deleteActivity(id: $id, expectedVersion: $expectedVersion) { __typename ...ActivityFields ...ErrorFields }
}\n${FRAGMENTS}`;

export const SAVE_ACTIVITIES = `mutation Save($changes: [ActivityChangeInput!]!, $partial: Boolean, $confirmBulkDelete: Boolean) {
  saveActivities(changes: $changes, partial: $partial, confirmBulkDelete: $confirmBulkDelete) {
    __typename
    ... on ActivityBatchResult {
      committed appliedCount failedCount
      results {
        index op id status activity { ...ActivityFields }
        error {
          __typename message
          ... on ValidationFailed { fields { field code message } }
          ... on VersionConflict { current { id version name deletedAt } draft { id entityId baseVersion reason operation input } }
        }
      }
    }
    ... on BulkDeleteNeedsConfirmation { message deleteCount threshold }
    ... on UserError { message }
  }
}\n${ACTIVITY_FIELDS}`;

export const ACTIVITIES = `query Month($month: String!, $filter: ActivityFilter) {
  activities(month: $month, filter: $filter) { month items { ...ActivityFields } totals { count days hours } }
}\n${ACTIVITY_FIELDS}`;

export const ACTIVITY_HISTORY = `query History($first: Int, $after: String, $filter: ActivityFilter) {
  activityHistory(first: $first, after: $after, filter: $filter) { nodes { id date createdAt } pageInfo { endCursor hasNextPage } }
}`;

export const DRAFTS = `query Drafts { drafts { ...DraftFields } }\n${DRAFT_FIELDS}`;

export const RESUME_DRAFT = `query Resume($id: ID!) {
  resumeDraft(id: $id) { __typename ... on ResumedDraft { draft { ...DraftFields } current { ...ActivityFields } } ... on UserError { message } }
}\n${ACTIVITY_FIELDS}\n${DRAFT_FIELDS}`;

export const DISCARD_DRAFT = `mutation Discard($id: ID!) { discardDraft(id: $id) { __typename ... on Done { message } ... on UserError { message } } }`;

export interface ActivityData {
  id: string;
  version: number;
  date: string;
  category: string;
  type: string;
  owner: { id: string; name: string; email: string };
  region: { id: string; name: string } | null;
  account: { id: string; name: string } | null;
  project: { id: string; name: string } | null;
  effortDays: number | null;
  effortHours: number | null;
  name: string | null;
  deletedAt: string | null;
  [field: string]: unknown;
}

export interface DraftData {
  id: string;
  version: number;
  entityType: string;
  entityId: string | null;
  baseVersion: number | null;
  reason: string;
  operation: string;
  input: Record<string, unknown> | null;
  message: string | null;
}

/** A mutation answer: the activity, or one of the errors (fields flattened). */
export type ActivityResult = Partial<ActivityData> & {
  __typename: string;
  message?: string;
  fields?: { field: string; code: string; message: string }[];
  warnings?: string[];
  current?: ActivityData;
  draft?: DraftData;
};

export async function createActivity(client: GraphqlClient, input: Record<string, unknown>): Promise<ActivityResult> {
  return (await client.data<{ createActivity: ActivityResult }>(CREATE_ACTIVITY, { input: { id: randomUUID(), ...input } })).createActivity;
}

export async function updateActivity(
  client: GraphqlClient,
  id: string,
  expectedVersion: number,
  input: Record<string, unknown>,
  draftId?: string,
): Promise<ActivityResult> {
  return (await client.data<{ updateActivity: ActivityResult }>(UPDATE_ACTIVITY, { id, expectedVersion, input, draftId })).updateActivity;
}

export async function deleteActivity(client: GraphqlClient, id: string, expectedVersion: number): Promise<ActivityResult> {
  return (await client.data<{ deleteActivity: ActivityResult }>(DELETE_ACTIVITY, { id, expectedVersion })).deleteActivity;
}

export async function monthOf(client: GraphqlClient, month: string, filter?: Record<string, unknown>) {
  type Month = { month: string; items: ActivityData[]; totals: { count: number; days: number; hours: number } };
  return (await client.data<{ activities: Month }>(ACTIVITIES, { month, filter })).activities;
}

/** An INTERNAL activity that passes every rule, to vary one field at a time. */
export function internalInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'INTERNAL_MEETING', name: 'Weekly sync', effortHours: 1.5, ...overrides };
}

/** The field → code pairs of a ValidationFailed answer, for compact assertions. */
export function fieldCodes(result: ActivityResult): Record<string, string> {
  return Object.fromEntries((result.fields ?? []).map((f) => [f.field, f.code]));
}
