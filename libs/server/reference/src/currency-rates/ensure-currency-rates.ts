import type { EntityManager } from '@mikro-orm/core';
import { Currency } from '@pams/shared-util';
import { CurrencyRate } from '../entities/currency-rate.entity.js';

/** Starting rates to the reporting currency (USD); admins keep them current as data. */
export const DEFAULT_CURRENCY_RATES: Readonly<Record<Currency, string>> = {
  [Currency.USD]: '1',
  [Currency.INR]: '0.012',
  [Currency.AED]: '0.2723',
  [Currency.EUR]: '1.08',
  [Currency.GBP]: '1.27',
  [Currency.BRL]: '0.2',
};

/**
 * Creates the missing currency_rate rows (one per Currency) with the defaults; rows that exist are
 * left alone, so running it again never undoes an admin's rate. Audited like any write. Returns
 * every rate (one per Currency) and the currencies it added. Outcomes need a rate at save time,
 * so the seed calls this.
 */
export async function ensureAllCurrencyRates(em: EntityManager): Promise<{ rates: CurrencyRate[]; added: Currency[] }> {
  const existing = await em.find(CurrencyRate, {});
  const have = new Set(existing.map((rate) => rate.currency));
  const added = Object.values(Currency).filter((currency) => !have.has(currency));
  const created = added.map((currency) => em.create(CurrencyRate, { currency, rateToReporting: DEFAULT_CURRENCY_RATES[currency] }));
  if (added.length > 0) await em.flush();
  return { rates: [...existing, ...created], added };
}

/** ensureAllCurrencyRates, answering only the currencies it added. */
export async function ensureCurrencyRates(em: EntityManager): Promise<Currency[]> {
  return (await ensureAllCurrencyRates(em)).added;
}
