import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Region, Session, User, hashSecret, newSecret } from '@pams/server-identity';
import { ensureCurrencyRates, Industry, Product, SalesRep, UseCase } from '@pams/server-reference';
import { Currency, Role, UseCaseBucket } from '@pams/shared-util';
import type { GraphqlClient } from './graphql-client.js';
import { asSystem } from './identity-fixtures.js';
import type { TestApp } from './test-app.js';

/** Reference data for the accounts tests, written through the ORM as the seed would (audited as system work). */
export interface ReferenceFixture {
  regions: { south: string; sea: string };
  industries: { retail: string; banking: string; retired: string };
  salesReps: { south: string; sea: string; retired: string };
  useCases: { general: string; banking: string; retired: string };
  products: { assist: string; voice: string; retired: string };
}

export async function createReferenceFixture(orm: MikroORM): Promise<ReferenceFixture> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const south = em.create(Region, { name: 'India South' });
    const sea = em.create(Region, { name: 'SEA' });
    const retail = em.create(Industry, { name: 'Retail' });
    const banking = em.create(Industry, { name: 'banking' });
    const retiredIndustry = em.create(Industry, { name: 'Old industry', active: false });
    const southRep = em.create(SalesRep, { name: 'Ravi South', email: 'ravi@test.pams', region: south, currency: Currency.INR });
    const seaRep = em.create(SalesRep, { name: 'Siti Sea', email: 'siti@test.pams', region: sea, currency: Currency.USD });
    const retiredRep = em.create(SalesRep, { name: 'Gone Rep', email: 'gone@test.pams', region: south, currency: Currency.INR, active: false });
    const general = em.create(UseCase, { name: 'Order tracking', bucket: UseCaseBucket.SUPPORT });
    const bankingCase = em.create(UseCase, { name: 'Card activation', bucket: UseCaseBucket.SUPPORT, industry: banking });
    const retiredCase = em.create(UseCase, { name: 'Fax support', bucket: UseCaseBucket.OTHER, active: false });
    const assist = em.create(Product, { name: 'Agent Assist' });
    const voice = em.create(Product, { name: 'Voice Bot' });
    const retiredProduct = em.create(Product, { name: 'Pager', active: false });
    await em.flush();
    await ensureCurrencyRates(em);
    return {
      regions: { south: south.id, sea: sea.id },
      industries: { retail: retail.id, banking: banking.id, retired: retiredIndustry.id },
      salesReps: { south: southRep.id, sea: seaRep.id, retired: retiredRep.id },
      useCases: { general: general.id, banking: bankingCase.id, retired: retiredCase.id },
      products: { assist: assist.id, voice: voice.id, retired: retiredProduct.id },
    };
  });
}

export interface SignedIn {
  id: string;
  name: string;
  client: GraphqlClient;
}

/** A user with a live session inserted directly (no password round trip), as the identity tests do. */
export async function signInAs(app: TestApp, role: Role, regionIds: string[] = [], name?: string): Promise<SignedIn> {
  return asSystem(async () => {
    const em = app.orm.em.fork();
    const user = em.create(User, {
      email: `${role.toLowerCase()}-${randomUUID()}@test.pams`,
      name: name ?? `Test ${role.toLowerCase()}`,
      role,
      passwordHash: 'not-a-password-hash',
    });
    user.regions.set(regionIds.map((id) => em.getReference(Region, id)));
    const secret = newSecret();
    em.create(Session, { id: hashSecret(secret), handle: randomUUID(), user, expiresAt: new Date(Date.now() + 3_600_000) });
    await em.flush();
    const client = app.client();
    client.cookies.set('pams_session', secret);
    return { id: user.id, name: user.name, client };
  });
}

/** Audit events of one record, oldest first. */
export async function auditOf(orm: MikroORM, entityType: string, entityId: string): Promise<{ action: string; actorId: string | null; changes: Record<string, { before: unknown; after: unknown }> | null }[]> {
  return orm.em.fork().getConnection().execute(
    'select action, actor_id as "actorId", changes from audit_event where entity_type = ? and entity_id = ? order by id',
    [entityType, entityId],
  );
}

export const ACCOUNT_FIELDS = `id version name crmLink projectCount
  industry { id name active } salesRep { id name currency region { id name } } region { id name }`;

export const PROJECT_FIELDS = `id version accountId name status crmLink
  account { id name }
  primaryUseCase { id name } secondaryUseCases { id name } products { id name } owners { id name }
  outcome { id version result month mrrAmount currency rate mrrReporting }`;

export const ERROR_FIELDS = `... on UserError { message } ... on ValidationFailed { fields { field code } }`;
