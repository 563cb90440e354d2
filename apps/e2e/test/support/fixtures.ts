import type { MikroORM } from '@mikro-orm/postgresql';
import { Account, Project } from '@pams/server-accounts';
import { Activity } from '@pams/server-activities';
import { runInScope } from '@pams/server-core';
import { hashPassword, Region, User } from '@pams/server-identity';
import { ActivityCategory, ActivityType, Role } from '@pams/shared-util';

export const PASSWORD = 'correct horse battery';

export interface People {
  region: string;
  member: User;
  colleague: User;
  manager: User;
  admin: User;
  analyst: User;
  /** Must change their password before anything else. */
  newcomer: User;
}

/** Work done by fixtures runs as the system, as the seed does, so the audit knows who wrote it. */
export function asSystem<T>(fn: () => Promise<T>): Promise<T> {
  return runInScope({ requestId: 'e2e-fixture', actorId: null, actorKind: 'system' }, fn);
}

/** A region and the people of the tests, all with PASSWORD. */
export function createPeople(orm: MikroORM): Promise<People> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const region = em.create(Region, { name: 'India South' });
    const passwordHash = await hashPassword(PASSWORD);
    const person = (email: string, name: string, role: Role, mustChangePassword = false) => {
      const user = em.create(User, { email, name, role, passwordHash, defaultRegion: region, mustChangePassword });
      user.regions.set([region]);
      return user;
    };
    const people = {
      region: region.id,
      member: person('member@e2e.pams', 'Mira Member', Role.MEMBER),
      colleague: person('colleague@e2e.pams', 'Colin Colleague', Role.MEMBER),
      manager: person('manager@e2e.pams', 'Mona Manager', Role.MANAGER),
      admin: person('admin@e2e.pams', 'Ada Admin', Role.ADMIN),
      analyst: person('analyst@e2e.pams', 'Ana Analyst', Role.ANALYST),
      newcomer: person('newcomer@e2e.pams', 'Ned Newcomer', Role.MEMBER, true),
    };
    await em.flush();
    return people;
  });
}

export interface NewActivity {
  owner: User;
  date: string;
  type?: ActivityType;
  name?: string;
  effortDays?: number;
  effortHalfHours?: number;
  external?: { account: string; project: string };
}

/** Activities written through the ORM (one flush), as the API would store them. */
export function createActivities(orm: MikroORM, regionId: string, activities: NewActivity[]): Promise<string[]> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const region = em.getReference(Region, regionId);
    const accounts = new Map<string, Account>();
    const projects = new Map<string, Project>();
    const created = activities.map((input) => {
      let account: Account | null = null;
      let project: Project | null = null;
      if (input.external) {
        const { account: accountName, project: projectName } = input.external;
        account = accounts.get(accountName) ?? em.create(Account, { name: accountName });
        accounts.set(accountName, account);
        project = projects.get(`${accountName}/${projectName}`) ?? em.create(Project, { account, name: projectName });
        projects.set(`${accountName}/${projectName}`, project);
      }
      const type = input.type ?? (input.external ? ActivityType.CUSTOMER_CALL : ActivityType.TRAINING);
      return em.create(Activity, {
        owner: em.getReference(User, input.owner.id),
        region,
        date: input.date,
        category: input.external ? ActivityCategory.EXTERNAL : ActivityCategory.INTERNAL,
        type,
        name: input.external ? null : (input.name ?? 'Internal work'),
        account,
        project,
        effortDays: input.effortDays ?? null,
        effortHalfHours: input.effortDays === undefined ? (input.effortHalfHours ?? 2) : null,
        minutesOfMeeting: input.external ? 'Notes' : null,
      });
    });
    await em.flush();
    return created.map((activity) => activity.id);
  });
}

/** `YYYY-MM` of today in this machine's time zone, which the browser shares. */
export function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(year, m - 2, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
