import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '@pams/server-core';
import { hashSecret } from './secrets.js';

/** Seconds to wait, when an attempt was refused. */
export type Refusal = { retryAfterSeconds: number };

type Limits = Pick<AppConfig, 'rateLimit'>;

/** Expired rows are deleted at most this often, by whichever request comes first (no timers). */
const CLEAR_EVERY_MS = 5 * 60_000;

/**
 * Sign-in and password-reset limits in the `rate_limit` table (created by a migration), so they hold
 * across gateway replicas. The limiters borrow connections from the ORM's own pool (knex) for one
 * statement each, outside any request transaction: a refused or failed sign-in still counts.
 */
export class RateLimits {
  private readonly signInAccount: RateLimiterPostgres;
  private readonly signInIp: RateLimiterPostgres;
  private readonly resetAccount: RateLimiterPostgres;
  private readonly resetIp: RateLimiterPostgres;
  private lastCleared = Date.now();

  constructor(config: Limits, storeClient: unknown) {
    const { windowSeconds } = config.rateLimit;
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPostgres({
        storeClient,
        storeType: 'knex',
        tableName: 'rate_limit',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration: windowSeconds,
      });
    this.signInAccount = limiter('signin_account', config.rateLimit.signInPerAccount);
    this.signInIp = limiter('signin_ip', config.rateLimit.signInPerIp);
    this.resetAccount = limiter('reset_account', config.rateLimit.resetPerAccount);
    this.resetIp = limiter('reset_ip', config.rateLimit.resetPerIp);
  }

  /**
   * Counts a sign-in attempt before the password is checked (atomic, so concurrent guesses cannot
   * slip past the limit); `signInSucceeded` gives the point back. Null when the attempt may go on.
   */
  async signInAttempt(email: string, ip: string): Promise<Refusal | null> {
    this.clearExpiredNow();
    return (await take(this.signInIp, ip)) ?? (await take(this.signInAccount, accountKey(email)));
  }

  /** A correct password resets the account's counter and does not count against the address. */
  async signInSucceeded(email: string, ip: string): Promise<void> {
    await this.signInAccount.delete(accountKey(email));
    await this.signInIp.reward(ip, 1);
  }

  /** Counts a failed password check made outside sign-in (change password) against the account. */
  async passwordCheck(email: string): Promise<Refusal | null> {
    return take(this.signInAccount, accountKey(email));
  }

  async passwordCheckSucceeded(email: string): Promise<void> {
    await this.signInAccount.delete(accountKey(email));
  }

  /**
   * A reset request: refused per address (the caller sees it), and counted per account, where the
   * refusal must stay silent so that it does not reveal whether the account exists.
   */
  async resetAttempt(email: string, ip: string): Promise<{ ip: Refusal | null; account: Refusal | null }> {
    this.clearExpiredNow();
    const byIp = await take(this.resetIp, ip);
    if (byIp) return { ip: byIp, account: null };
    return { ip: null, account: await take(this.resetAccount, accountKey(email)) };
  }

  private clearExpiredNow(): void {
    if (Date.now() - this.lastCleared < CLEAR_EVERY_MS) return;
    this.lastCleared = Date.now();
    // Every limiter shares the table; rows expired an hour ago are of no use to any of them.
    void (this.signInIp as unknown as { clearExpired(before: number): Promise<void> }).clearExpired(Date.now() - 3_600_000);
  }
}

/** Emails are hashed: keys stay short (varchar 255) and the table holds no addresses. */
function accountKey(email: string): string {
  return hashSecret(email);
}

async function take(limiter: RateLimiterPostgres, key: string): Promise<Refusal | null> {
  try {
    await limiter.consume(key, 1);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}

const perOrm = new WeakMap<object, RateLimits>();

/**
 * The limits of the gateway that owns `em`: made once per ORM (one per gateway process), on the
 * ORM's connection pool, so nothing has to be opened or closed besides the ORM itself.
 */
export function rateLimitsFor(em: EntityManager, config: Limits): RateLimits {
  const knex = em.getConnection().getKnex();
  let limits = perOrm.get(knex);
  if (!limits) {
    limits = new RateLimits(config, knex);
    perOrm.set(knex, limits);
  }
  return limits;
}
