import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, notFound, validationFailed, type NotFound, type ValidationFailed } from '@pams/server-core';
import { Currency } from '@pams/shared-util';
import { CurrencyRate } from '../../entities/currency-rate.entity.js';
import { CurrencyRateType } from '../reference.types.js';
import { conflictOf, CurrencyRateVersionConflict } from './reference-edit.results.js';

/** Largest rate the column holds (decimal 18,8). */
const MAX_RATE = 1e10;

async function readRate(em: EntityManager, currency: Currency): Promise<CurrencyRateType | null> {
  const [row] = await em.execute<{ currency: Currency; rateToReporting: number; version: number; updatedAt: Date }[]>(
    `select currency, rate_to_reporting::float8 as "rateToReporting", version, updated_at as "updatedAt" from currency_rate where currency = ?`,
    [currency],
  );
  return row ? Object.assign(new CurrencyRateType(), { ...row, updatedAt: new Date(row.updatedAt) }) : null;
}

/**
 * Sets a currency's rate to the reporting currency, at the version read (audited like any write).
 * Currencies themselves are a fixed list in code (deals, reps and exports switch on them), so there is
 * no create: each has a rate row from the start (ensureCurrencyRates).
 */
export async function updateCurrencyRate(
  em: EntityManager,
  currency: Currency,
  expectedVersion: number,
  rateToReporting: number,
): Promise<CurrencyRateType | ValidationFailed | CurrencyRateVersionConflict | NotFound> {
  const rate = rateToReporting.toFixed(8);
  if (!Number.isFinite(rateToReporting) || rateToReporting <= 0 || Number(rate) === 0 || rateToReporting >= MAX_RATE) {
    return validationFailed([fieldError('rateToReporting', 'INVALID', 'Enter a rate above 0 (at most 8 decimals) and below 10,000,000,000.')]);
  }
  let outcome: 'saved' | 'conflict' | NotFound;
  try {
    outcome = await em.transactional(
      async (tx) => {
        const found = await tx.findOne(CurrencyRate, { currency });
        if (!found) return notFound('This currency has no rate yet.');
        if (found.version !== expectedVersion) return 'conflict' as const;
        found.rateToReporting = rate;
        await tx.flush();
        return 'saved' as const;
      },
      { clear: true },
    );
  } catch (error) {
    if (!(error instanceof OptimisticLockError)) throw error;
    outcome = 'conflict';
  }
  if (typeof outcome !== 'string') return outcome;
  const current = (await readRate(em, currency))!;
  return outcome === 'saved' ? current : conflictOf(CurrencyRateVersionConflict, current, CurrencyRateType);
}
