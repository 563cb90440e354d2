import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCurrencyRates } from '@pams/server-reference';
import { Role } from '@pams/shared-util';
import { createDomainFixture, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ERRORS = `... on UserError { message } ... on ValidationFailed { fields { field code } }`;
const conflict = (type: string, fields: string) => `... on ${type}VersionConflict { current { ${fields} } }`;

const INDUSTRY = 'id name active version';
const CREATE_INDUSTRY = `mutation ($input: IndustryInput!) { createIndustry(input: $input) { __typename ... on Industry { ${INDUSTRY} } ${ERRORS} } }`;
const UPDATE_INDUSTRY = `mutation ($id: ID!, $v: Int!, $input: IndustryInput!) {
  updateIndustry(id: $id, expectedVersion: $v, input: $input) { __typename ... on Industry { ${INDUSTRY} } ${conflict('Industry', INDUSTRY)} ${ERRORS} }
}`;
const DEACTIVATE_INDUSTRY = `mutation ($id: ID!, $v: Int!) { deactivateIndustry(id: $id, expectedVersion: $v) { __typename ... on Industry { ${INDUSTRY} } ${ERRORS} } }`;

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;
let manager: SignedInUser;

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  await asSystem(() => ensureCurrencyRates(app.orm.em.fork()));
  admin = await signedInUser(app, { role: Role.ADMIN });
  manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south] });
});
afterAll(() => app?.close());

describe('admin edits of reference data', () => {
  it('refuses every role but ADMIN', async () => {
    const attempts = [
      [CREATE_INDUSTRY, { input: { name: 'Telecom' } }],
      [UPDATE_INDUSTRY, { id: f.industries.retail, v: 1, input: { name: 'Shops' } }],
      [DEACTIVATE_INDUSTRY, { id: f.industries.retail, v: 1 }],
      ['mutation { createRegion(input: { name: "LATAM" }) { __typename } }', {}],
      ['mutation { updateCurrencyRate(currency: INR, expectedVersion: 1, input: { rateToReporting: 0.02 }) { __typename } }', {}],
    ] as const;
    for (const [query, variables] of attempts) {
      const result = await manager.client.query(query, variables);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const [{ n }] = await sql<{ n: number }>(`select count(*)::int as n from industry where name = 'Telecom'`);
    expect(n).toBe(0);
  });

  it('creates, renames, refuses duplicates and stale versions, deactivates — each audited', async () => {
    const created = (await admin.client.data(CREATE_INDUSTRY, { input: { name: '  Telecom ' } })).createIndustry;
    expect(created).toMatchObject({ __typename: 'Industry', name: 'Telecom', active: true, version: 1 });

    const blank = (await admin.client.data(CREATE_INDUSTRY, { input: { name: ' ' } })).createIndustry;
    expect(blank).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'name', code: 'REQUIRED' }] });
    const dup = (await admin.client.data(CREATE_INDUSTRY, { input: { name: 'retail' } })).createIndustry;
    expect(dup).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'name', code: 'DUPLICATE' }] });

    const renamed = (await admin.client.data(UPDATE_INDUSTRY, { id: created.id, v: 1, input: { name: 'Telecoms' } })).updateIndustry;
    expect(renamed).toMatchObject({ __typename: 'Industry', name: 'Telecoms', version: 2 });
    const stale = (await admin.client.data(UPDATE_INDUSTRY, { id: created.id, v: 1, input: { name: 'Telco' } })).updateIndustry;
    expect(stale).toMatchObject({ __typename: 'IndustryVersionConflict', current: { name: 'Telecoms', version: 2 } });
    const unknown = (await admin.client.data(UPDATE_INDUSTRY, { id: '00000000-0000-4000-8000-000000000000', v: 1, input: { name: 'X' } })).updateIndustry;
    expect(unknown.__typename).toBe('NotFound');

    const retired = (await admin.client.data(DEACTIVATE_INDUSTRY, { id: created.id, v: 2 })).deactivateIndustry;
    expect(retired).toMatchObject({ __typename: 'Industry', active: false, version: 3 });
    const lists = await admin.client.data('{ active: industries { id } all: industries(includeInactive: true) { id } }');
    expect(lists.active.map((i: { id: string }) => i.id)).not.toContain(created.id);
    expect(lists.all.map((i: { id: string }) => i.id)).toContain(created.id);

    const events = await sql<{ action: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      `select action, changes from audit_event where entity_id = ? order by id`,
      [created.id],
    );
    expect(events.map((e) => e.action)).toEqual(['Industry.created', 'Industry.updated', 'Industry.updated']);
    expect(events[1].changes.name).toEqual({ before: 'Telecom', after: 'Telecoms' });
    expect(events[2].changes.active).toEqual({ before: true, after: false });
  });

  it('edits regions, products, use cases and sales reps with their own rules', async () => {
    const region = (await admin.client.data(`mutation { createRegion(input: { name: "LATAM" }) { __typename ... on Region { id name active version } ${ERRORS} } }`)).createRegion;
    expect(region).toMatchObject({ __typename: 'Region', name: 'LATAM', active: true });

    const product = (await admin.client.data(`mutation { createProduct(input: { name: "agent assist" }) { __typename ${ERRORS} } }`)).createProduct;
    expect(product).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'name', code: 'DUPLICATE' }] });

    const useCase = (
      await admin.client.data(`mutation ($industryId: ID) { createUseCase(input: { name: "Loan status", bucket: SUPPORT, industryId: $industryId }) {
        __typename ... on UseCase { id name bucket industryId version } ${ERRORS} } }`, { industryId: f.industries.banking })
    ).createUseCase;
    expect(useCase).toMatchObject({ __typename: 'UseCase', name: 'Loan status', bucket: 'SUPPORT', industryId: f.industries.banking });
    const noBucket = (await admin.client.data(`mutation { createUseCase(input: { name: "Something" }) { __typename ${ERRORS} } }`)).createUseCase;
    expect(noBucket.fields).toContainEqual({ field: 'bucket', code: 'REQUIRED' });
    const sameInIndustry = (
      await admin.client.data(`mutation ($industryId: ID) { createUseCase(input: { name: "card ACTIVATION", bucket: OTHER, industryId: $industryId }) { __typename ${ERRORS} } }`, {
        industryId: f.industries.banking,
      })
    ).createUseCase;
    expect(sameInIndustry.fields).toContainEqual({ field: 'name', code: 'DUPLICATE' });
    const moved = (
      await admin.client.data(`mutation ($id: ID!, $v: Int!) { updateUseCase(id: $id, expectedVersion: $v, input: { industryId: null, bucket: COMMERCE }) {
        __typename ... on UseCase { industryId bucket version } ${ERRORS} } }`, { id: useCase.id, v: useCase.version })
    ).updateUseCase;
    expect(moved).toMatchObject({ __typename: 'UseCase', industryId: null, bucket: 'COMMERCE', version: useCase.version + 1 });

    const REP = `mutation ($input: SalesRepInput!) { createSalesRep(input: $input) { __typename ... on SalesRep { id name email currency region { id } version } ${ERRORS} } }`;
    const rep = (await admin.client.data(REP, { input: { name: 'Lucia', email: 'lucia@test.pams', regionId: region.id, currency: 'BRL' } })).createSalesRep;
    expect(rep).toMatchObject({ __typename: 'SalesRep', email: 'lucia@test.pams', currency: 'BRL', region: { id: region.id } });
    const badRep = (await admin.client.data(REP, { input: { name: 'X', email: 'not-an-email', regionId: '00000000-0000-4000-8000-000000000000' } })).createSalesRep;
    expect(badRep.fields).toEqual(
      expect.arrayContaining([
        { field: 'email', code: 'INVALID' },
        { field: 'regionId', code: 'NOT_FOUND' },
        { field: 'currency', code: 'REQUIRED' },
      ]),
    );
    const dupEmail = (await admin.client.data(REP, { input: { name: 'Y', email: 'REP.ONE@test.pams', regionId: region.id, currency: 'USD' } })).createSalesRep;
    expect(dupEmail.fields).toContainEqual({ field: 'email', code: 'DUPLICATE' });

    const retired = (
      await admin.client.data(`mutation ($id: ID!, $v: Int!) { deactivateRegion(id: $id, expectedVersion: $v) { __typename ... on Region { active } } }`, { id: region.id, v: region.version })
    ).deactivateRegion;
    expect(retired).toEqual({ __typename: 'Region', active: false });
    const inRetired = (await admin.client.data(REP, { input: { name: 'Z', email: 'z@test.pams', regionId: region.id, currency: 'USD' } })).createSalesRep;
    expect(inRetired.fields).toContainEqual({ field: 'regionId', code: 'INACTIVE' });
    const regions = await admin.client.data('{ active: regions { id } all: regions(includeInactive: true) { id active } }');
    expect(regions.active.map((r: { id: string }) => r.id)).not.toContain(region.id);
    expect(regions.all).toContainEqual({ id: region.id, active: false });
  });

  it('sets a currency rate at the version read', async () => {
    const { currencyRates } = await admin.client.data('{ currencyRates { currency version rateToReporting } }');
    const inr = currencyRates.find((r: { currency: string }) => r.currency === 'INR');
    const SET = `mutation ($v: Int!, $rate: Float!) { updateCurrencyRate(currency: INR, expectedVersion: $v, input: { rateToReporting: $rate }) {
      __typename ... on CurrencyRate { rateToReporting version } ... on CurrencyRateVersionConflict { current { version } } ${ERRORS} } }`;
    const saved = (await admin.client.data(SET, { v: inr.version, rate: 0.0119 })).updateCurrencyRate;
    expect(saved).toEqual({ __typename: 'CurrencyRate', rateToReporting: 0.0119, version: inr.version + 1 });
    const stale = (await admin.client.data(SET, { v: inr.version, rate: 0.5 })).updateCurrencyRate;
    expect(stale).toMatchObject({ __typename: 'CurrencyRateVersionConflict', current: { version: inr.version + 1 } });
    const zero = (await admin.client.data(SET, { v: inr.version + 1, rate: 0 })).updateCurrencyRate;
    expect(zero).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'rateToReporting', code: 'INVALID' }] });
  });
});
