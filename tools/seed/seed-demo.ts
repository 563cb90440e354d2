import type { MikroORM } from '@mikro-orm/postgresql';
import { runInScope, type AppConfig, type Logger } from '@pams/server-core';
import { Region, User, UserStatus, hashPassword } from '@pams/server-identity';
import { DEMO_PEOPLE, DEMO_REGIONS } from './demo-organisation.js';

/** Thrown instead of writing demo users (with a known password) into a production database. */
export class DemoSeedRefused extends Error {
  constructor() {
    super('Refusing to seed demo users: NODE_ENV=production. Demo users share a known password and must never exist in production.');
    this.name = 'DemoSeedRefused';
  }
}

export function assertSeedAllowed(config: Pick<AppConfig, 'production'>): void {
  if (config.production) throw new DemoSeedRefused();
}

export interface SeedResult {
  seeded: boolean;
  regions: number;
  users: number;
}

/**
 * Creates the demo organisation — the nine regions and users in every role — when the database has
 * no users. Writes through the unit of work in the system's scope, so every row is audited.
 */
export async function seedDemoIfEmpty(orm: MikroORM, log: Logger, config: Pick<AppConfig, 'production' | 'demoPassword'>): Promise<SeedResult> {
  assertSeedAllowed(config);
  return runInScope({ requestId: 'seed', actorId: null, actorKind: 'system' }, async () => {
    const em = orm.em.fork();
    const existing = await em.count(User);
    if (existing > 0) {
      log.info({ users: existing }, 'database has users: demo seed skipped');
      return { seeded: false, regions: 0, users: 0 };
    }

    // Regions are admin data: reuse any that exist, create the rest.
    const found = await em.find(Region, { name: { $in: [...DEMO_REGIONS] } });
    const regions = new Map(found.map((r) => [r.name, r]));
    let createdRegions = 0;
    for (const name of DEMO_REGIONS) {
      if (!regions.has(name)) {
        regions.set(name, em.create(Region, { name }));
        createdRegions += 1;
      }
    }

    // argon2id costs ~50 ms a hash by design: hash the shared demo password once.
    const passwordHash = await hashPassword(config.demoPassword);
    for (const person of DEMO_PEOPLE) {
      const own = person.regions.map((name) => regions.get(name)!);
      em.create(User, {
        email: person.email,
        name: person.name,
        role: person.role,
        passwordHash,
        regions: own,
        defaultRegion: own[0],
        status: person.disabled ? UserStatus.DISABLED : UserStatus.ACTIVE,
      });
    }
    await em.flush();
    log.info({ regions: createdRegions, users: DEMO_PEOPLE.length }, 'demo organisation seeded');
    return { seeded: true, regions: createdRegions, users: DEMO_PEOPLE.length };
  });
}
