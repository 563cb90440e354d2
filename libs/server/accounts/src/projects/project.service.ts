import type { EntityManager } from '@mikro-orm/postgresql';
import {
  fieldError,
  forbidden,
  notFound,
  validationFailed,
  type FieldError,
  type Forbidden,
  type NotFound,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { isUuid, User, UserStatus } from '@pams/server-identity';
import { Product, UseCase } from '@pams/server-reference';
import { ProjectStatus, Role } from '@pams/shared-util';
import { Account } from '../entities/account.entity.js';
import { Outcome } from '../entities/outcome.entity.js';
import { Project } from '../entities/project.entity.js';
import { mayCreate, mayEditProject } from '../shared/access.js';
import { inTransaction, violatedUnique } from '../shared/transaction.js';
import { checkName, checkRef, checkRefs, checkUrl } from '../shared/validation.js';
import type { CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import { findProject } from './project.read-model.js';
import { asProject, projectConflict, type ProjectVersionConflict } from './project.results.js';
import type { ProjectType } from './project.type.js';

const NAME_UNIQUE = 'project_account_lower_name_unique';

function duplicateName(): FieldError {
  return fieldError('name', 'DUPLICATE', 'This account already has a project with this name.');
}

/** The region of a project's account (its sales rep's), for the access rules. */
export function regionOfAccount(account: Account): string | null {
  return account.salesRep?.region.id ?? null;
}

interface ProjectValues {
  name: string;
  primaryUseCase: UseCase | null;
  secondaryUseCases: UseCase[] | undefined;
  products: Product[] | undefined;
  owners: User[] | undefined;
  crmLink: string | null;
}

const ids = <T extends { id: string }>(items: Iterable<T>) => [...items].map((item) => item.id);

function changes<T extends { id: string }>(current: Iterable<T>, next: readonly T[] | undefined): boolean {
  if (!next) return false;
  const before = ids(current).sort();
  const after = [...new Set(ids(next))].sort();
  return before.length !== after.length || before.some((id, i) => id !== after[i]);
}

/** The fields after applying `input` to `current` (null for a new project); lists stay undefined when not given. */
async function validate(
  em: EntityManager,
  account: Account,
  input: UpdateProjectInput,
  current: Project | null,
  fields: FieldError[],
): Promise<ProjectValues> {
  const name = input.name !== undefined ? checkName(input.name, 'name', fields) : current!.name;
  if (input.name !== undefined && fields.length === 0) {
    const clash = await em.execute<{ id: string }[]>(
      'select id from project where account_id = ? and lower(name) = lower(?) and id <> ?',
      [account.id, name, current?.id ?? '00000000-0000-0000-0000-000000000000'],
    );
    if (clash.length > 0) fields.push(duplicateName());
  }
  const useCaseActive = (u: UseCase) => u.active;
  const primaryUseCase =
    input.primaryUseCaseId !== undefined
      ? await checkRef(em, UseCase, input.primaryUseCaseId, 'primaryUseCaseId', fields, {
          current: current?.primaryUseCase?.id,
          isActive: useCaseActive,
        })
      : (current!.primaryUseCase ?? null);
  const secondaryUseCases =
    input.secondaryUseCaseIds != null
      ? ((await checkRefs(em, UseCase, input.secondaryUseCaseIds, 'secondaryUseCaseIds', fields, {
          current: current ? ids(current.secondaryUseCases) : [],
          isActive: useCaseActive,
        })) ?? undefined)
      : input.secondaryUseCaseIds === null
        ? []
        : undefined;
  const products =
    input.productIds != null
      ? ((await checkRefs(em, Product, input.productIds, 'productIds', fields, {
          current: current ? ids(current.products) : [],
          isActive: (p) => p.active,
        })) ?? undefined)
      : input.productIds === null
        ? []
        : undefined;
  const owners =
    input.ownerIds != null
      ? ((await checkRefs(em, User, input.ownerIds, 'ownerIds', fields, {
          current: current ? ids(current.owners) : [],
          isActive: (u) => u.status === UserStatus.ACTIVE,
        })) ?? undefined)
      : input.ownerIds === null
        ? []
        : undefined;
  const crmLink = input.crmLink !== undefined ? checkUrl(input.crmLink, 'crmLink', fields) : (current!.crmLink ?? null);
  return { name, primaryUseCase, secondaryUseCases, products, owners, crmLink };
}

/** A new ACTIVE project of an account. */
export async function createProject(
  em: EntityManager,
  viewer: Viewer,
  input: CreateProjectInput,
): Promise<ProjectType | ValidationFailed | Forbidden> {
  if (!mayCreate(viewer)) return forbidden('Your role cannot create projects.');
  try {
    const created = await inTransaction(em, async (tx) => {
      const account = isUuid(input.accountId) ? await tx.findOne(Account, input.accountId) : null;
      if (!account) return validationFailed([fieldError('accountId', 'NOT_FOUND', 'No such account.')]);
      const fields: FieldError[] = [];
      // Presales create projects as they meet customers: by default they own what they create.
      const ownerIds = input.ownerIds ?? (viewer.role === Role.MEMBER ? [viewer.id] : []);
      // A new project has every field: an omitted one is empty, not "unchanged".
      const all = {
        name: input.name ?? '',
        primaryUseCaseId: input.primaryUseCaseId ?? null,
        secondaryUseCaseIds: input.secondaryUseCaseIds ?? [],
        productIds: input.productIds ?? [],
        ownerIds,
        crmLink: input.crmLink ?? null,
      };
      const values = await validate(tx, account, all, null, fields);
      if (fields.length > 0) return validationFailed(fields);
      const project = tx.create(Project, {
        account,
        name: values.name,
        status: ProjectStatus.ACTIVE,
        primaryUseCase: values.primaryUseCase,
        crmLink: values.crmLink,
      });
      project.secondaryUseCases.set(values.secondaryUseCases ?? []);
      project.products.set(values.products ?? []);
      project.owners.set(values.owners ?? []);
      return project.id;
    });
    if (typeof created !== 'string') return created;
    return asProject((await findProject(em, created))!);
  } catch (error) {
    if (violatedUnique(error) === NAME_UNIQUE) return validationFailed([duplicateName()]);
    throw error;
  }
}

/**
 * Applies a patch to a project read at `expectedVersion`. Setting it back to ACTIVE drops its
 * outcome in the same transaction (PRODUCT.md, Outcome); WON and LOST come from recordOutcome.
 */
export async function updateProject(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
  input: UpdateProjectInput,
): Promise<ProjectType | ValidationFailed | ProjectVersionConflict | Forbidden | NotFound> {
  if (!mayCreate(viewer)) return forbidden('Your role cannot change projects.');
  if (!isUuid(id)) return notFound('No such project.');
  try {
    const outcome = await inTransaction(em, async (tx) => {
      const project = await tx.findOne(Project, id, { populate: ['account.salesRep', 'owners', 'secondaryUseCases', 'products'] });
      if (!project) return notFound('No such project.');
      if (!mayEditProject(viewer, regionOfAccount(project.account), ids(project.owners))) {
        return forbidden('Only its owners, admins and people of the account\'s region can change this project.');
      }
      if (project.version !== expectedVersion) return 'conflict' as const;
      const fields: FieldError[] = [];
      const values = await validate(tx, project.account, input, project, fields);
      const status = input.status ?? project.status;
      if (status !== project.status && status !== ProjectStatus.ACTIVE) {
        fields.push(fieldError('status', 'OUTCOME_REQUIRED', 'Record the win or loss with the outcome form.'));
      }
      if (fields.length > 0) return validationFailed(fields);

      if (status !== project.status) {
        const dropped = await tx.findOne(Outcome, { project });
        if (dropped) tx.remove(dropped);
        project.status = status;
      }
      project.name = values.name;
      project.primaryUseCase = values.primaryUseCase;
      project.crmLink = values.crmLink;
      const listsChanged =
        changes(project.secondaryUseCases, values.secondaryUseCases) ||
        changes(project.products, values.products) ||
        changes(project.owners, values.owners);
      if (values.secondaryUseCases) project.secondaryUseCases.set(values.secondaryUseCases);
      if (values.products) project.products.set(values.products);
      if (values.owners) project.owners.set(values.owners);
      // Lists live in pivot tables: a change of lists alone must still bump the version,
      // or a stale edit of them would pass.
      if (listsChanged) project.updatedAt = new Date();
      return 'saved' as const;
    });
    if (outcome === 'conflict') return projectConflict((await findProject(em, id))!);
    if (outcome === 'saved') return asProject((await findProject(em, id))!);
    return outcome;
  } catch (error) {
    if (violatedUnique(error) === NAME_UNIQUE) return validationFailed([duplicateName()]);
    throw error;
  }
}
