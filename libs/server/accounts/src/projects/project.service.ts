import type { Collection, EntityClass } from '@mikro-orm/core';
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
import { mayCreate, mayEditProject, regionOfAccount } from '../shared/access.js';
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

interface ProjectValues {
  name: string;
  primaryUseCase: UseCase | null;
}

const ids = <T extends { id: string }>(items: Iterable<T>) => [...items].map((item) => item.id);
const useCaseActive = (u: UseCase) => u.active;
const productActive = (p: Product) => p.active;
const userActive = (u: User) => u.status === UserStatus.ACTIVE;

/** Name and primary use case after applying `input` to `current` (null for a new project). */
async function validate(
  em: EntityManager,
  account: Account,
  input: Pick<UpdateProjectInput, 'name' | 'primaryUseCaseId'>,
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
  const primaryUseCase =
    input.primaryUseCaseId !== undefined
      ? await checkRef(em, UseCase, input.primaryUseCaseId, 'primaryUseCaseId', fields, {
          current: current?.primaryUseCase?.id,
          isActive: useCaseActive,
        })
      : (current!.primaryUseCase ?? null);
  return { name, primaryUseCase };
}

interface ListChange<T> {
  add: T[];
  remove: T[];
}

/**
 * One list's add/remove pair against the project's `current` items. Only ids not yet linked are
 * loaded and must exist and be active (retired ones already linked simply stay); removing an id
 * that is not linked is nothing to do. An id in both lists is refused on the add field.
 */
async function checkListChange<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  current: Iterable<T>,
  add: readonly string[] | null | undefined,
  remove: readonly string[] | null | undefined,
  field: string,
  fields: FieldError[],
  isActive: (record: T) => boolean,
): Promise<ListChange<T> | null> {
  // Ids are compared as text below: the canonical lower-case form, as PostgreSQL prints a uuid.
  const removing = new Set((remove ?? []).map((id) => id.toLowerCase()));
  const adding = [...new Set((add ?? []).map((id) => id.toLowerCase()))];
  if (adding.some((id) => removing.has(id))) {
    fields.push(fieldError(field, 'ADDED_AND_REMOVED', 'The same item is both added and removed: choose one.'));
    return null;
  }
  const linked = [...current];
  const linkedIds = new Set(ids(linked));
  const added = await checkRefs(em, entity, adding.filter((id) => !linkedIds.has(id)), field, fields, { isActive });
  if (!added) return null;
  return { add: added, remove: linked.filter((item) => removing.has(item.id)) };
}

function apply<T extends object>(collection: Collection<T>, change: ListChange<T> | null): boolean {
  if (!change || (change.add.length === 0 && change.remove.length === 0)) return false;
  if (change.remove.length > 0) collection.remove(change.remove);
  if (change.add.length > 0) collection.add(change.add);
  return true;
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
      const values = await validate(tx, account, { name: input.name ?? '', primaryUseCaseId: input.primaryUseCaseId ?? null }, null, fields);
      const secondaryUseCases = await checkRefs(tx, UseCase, input.secondaryUseCaseIds ?? [], 'secondaryUseCaseIds', fields, { isActive: useCaseActive });
      const products = await checkRefs(tx, Product, input.productIds ?? [], 'productIds', fields, { isActive: productActive });
      const owners = await checkRefs(tx, User, ownerIds, 'ownerIds', fields, { isActive: userActive });
      const crmLink = checkUrl(input.crmLink ?? null, 'crmLink', fields);
      if (fields.length > 0) return validationFailed(fields);
      const project = tx.create(Project, {
        account,
        name: values.name,
        status: ProjectStatus.ACTIVE,
        primaryUseCase: values.primaryUseCase,
        crmLink,
      });
      project.secondaryUseCases.set(secondaryUseCases ?? []);
      project.products.set(products ?? []);
      project.owners.set(owners ?? []);
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
 * Applies a patch to a project read at `expectedVersion`; lists change only by the ids added and
 * removed. Setting it back to ACTIVE drops its outcome in the same transaction (PRODUCT.md,
 * Outcome); WON and LOST come from recordOutcome.
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
      const secondaryUseCases = await checkListChange(tx, UseCase, project.secondaryUseCases, input.addSecondaryUseCaseIds, input.removeSecondaryUseCaseIds, 'addSecondaryUseCaseIds', fields, useCaseActive);
      const products = await checkListChange(tx, Product, project.products, input.addProductIds, input.removeProductIds, 'addProductIds', fields, productActive);
      const owners = await checkListChange(tx, User, project.owners, input.addOwnerIds, input.removeOwnerIds, 'addOwnerIds', fields, userActive);
      const crmLink = input.crmLink !== undefined ? checkUrl(input.crmLink, 'crmLink', fields) : (project.crmLink ?? null);
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
      project.crmLink = crmLink;
      // Each list changes only by the ids named; evaluate all three (no short-circuit).
      const listsChanged = [
        apply(project.secondaryUseCases, secondaryUseCases),
        apply(project.products, products),
        apply(project.owners, owners),
      ].includes(true);
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
