import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurrencyRate, DEFAULT_CURRENCY_RATES, ensureCurrencyRates } from '@pams/server-reference';
import { Currency, Role } from '@pams/shared-util';
import { asSystem } from './support/identity-fixtures.js';
import { createReferenceFixture, signInAs, type ReferenceFixture, type SignedIn } from './support/accounts-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('reference data reads', () => {
  let app: TestApp;
  let ref: ReferenceFixture;
  let leader: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    ref = await createReferenceFixture(app.orm);
    leader = await signInAs(app, Role.LEADER);
  });
  afterAll(() => app?.close());

  it('needs a signed-in user', async () => {
    const result = await app.client().query('{ regions { id } }');
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists regions, and industries by name regardless of case, active ones unless asked', async () => {
    const data = await leader.client.data(`{
      regions { id name }
      active: industries { name active }
      all: industries(includeInactive: true) { name active }
    }`);
    expect(data.regions).toEqual([
      { id: ref.regions.south, name: 'India South' },
      { id: ref.regions.sea, name: 'SEA' },
    ]);
    expect(data.active.map((i: { name: string }) => i.name)).toEqual(['banking', 'Retail']);
    expect(data.all).toContainEqual({ name: 'Old industry', active: false });
  });

  it('lists use cases, all or of one industry', async () => {
    const data = await leader.client.data(
      `query ($industryId: ID) {
        all: useCases { id name bucket industryId }
        banking: useCases(industryId: $industryId) { id }
        withRetired: useCases(includeInactive: true) { id }
      }`,
      { industryId: ref.industries.banking },
    );
    expect(data.all).toEqual([
      { id: ref.useCases.banking, name: 'Card activation', bucket: 'SUPPORT', industryId: ref.industries.banking },
      { id: ref.useCases.general, name: 'Order tracking', bucket: 'SUPPORT', industryId: null },
    ]);
    expect(data.banking).toEqual([{ id: ref.useCases.banking }]);
    expect(data.withRetired.map((u: { id: string }) => u.id)).toContain(ref.useCases.retired);
  });

  it('lists products and sales reps (with their region), optionally of one region', async () => {
    const data = await leader.client.data(
      `query ($regionId: ID) {
        products { name }
        salesReps { name }
        south: salesReps(regionId: $regionId) { id name email currency active region { id name } }
      }`,
      { regionId: ref.regions.south },
    );
    expect(data.products).toEqual([{ name: 'Agent Assist' }, { name: 'Voice Bot' }]);
    expect(data.salesReps).toEqual([{ name: 'Ravi South' }, { name: 'Siti Sea' }]);
    expect(data.south).toEqual([
      { id: ref.salesReps.south, name: 'Ravi South', email: 'ravi@test.pams', currency: 'INR', active: true, region: { id: ref.regions.south, name: 'India South' } },
    ]);
  });

  it('has a rate for every currency, and ensureCurrencyRates never overwrites an edited one', async () => {
    const { currencyRates } = await leader.client.data('{ currencyRates { currency rateToReporting version updatedAt } }');
    expect(currencyRates.map((r: { currency: string }) => r.currency).sort()).toEqual(Object.values(Currency).sort());
    expect(currencyRates.find((r: { currency: string }) => r.currency === 'INR').rateToReporting).toBe(0.012);
    expect(Object.fromEntries(currencyRates.map((r: { currency: Currency; rateToReporting: number }) => [r.currency, r.rateToReporting]))).toEqual(
      Object.fromEntries(Object.entries(DEFAULT_CURRENCY_RATES).map(([c, rate]) => [c, Number(rate)])),
    );

    await asSystem(async () => {
      const em = app.orm.em.fork();
      const inr = await em.findOneOrFail(CurrencyRate, { currency: Currency.INR });
      inr.rateToReporting = '0.0125';
      await em.remove(await em.findOneOrFail(CurrencyRate, { currency: Currency.BRL })).flush();
    });
    const added = await asSystem(() => ensureCurrencyRates(app.orm.em.fork()));
    expect(added).toEqual([Currency.BRL]);
    expect(await asSystem(() => ensureCurrencyRates(app.orm.em.fork()))).toEqual([]);
    const after = await leader.client.data('{ currencyRates { currency rateToReporting } }');
    expect(after.currencyRates).toContainEqual({ currency: 'INR', rateToReporting: 0.0125 });
    expect(after.currencyRates).toContainEqual({ currency: 'BRL', rateToReporting: 0.2 });
  });
});
