import type { AccountKind, Currency, OutcomeResult, ProjectStatus } from '@pams/shared-util';
import type { IndustryType, ProductType, RegionType, SalesRepType, UseCaseType } from '@pams/server-reference';

/*
 * Plain shapes of the accounts read models (what the SQL of *.sql.ts builds). GraphQL types
 * implement them and annotate their object fields with them, never with each other's classes:
 * Account, Project and Outcome refer to one another, and class annotations would be evaluated
 * as decorator metadata before the other class exists (an ESM cycle).
 */

export interface PresalesUserNode {
  id: string;
  name: string;
  email: string;
}

export interface AccountNode {
  id: string;
  version: number;
  name: string;
  crmLink: string | null;
  industry: IndustryType | null;
  salesRep: SalesRepType | null;
  region: RegionType | null;
  projectCount: number;
}

export interface ProjectNode {
  id: string;
  version: number;
  accountId: string;
  account: AccountNode;
  name: string;
  status: ProjectStatus;
  crmLink: string | null;
  primaryUseCase: UseCaseType | null;
  secondaryUseCases: UseCaseType[];
  products: ProductType[];
  owners: PresalesUserNode[];
  outcome: OutcomeNode | null;
}

export interface OutcomeNode {
  id: string;
  version: number;
  projectId: string;
  project: ProjectNode;
  account: AccountNode;
  result: OutcomeResult;
  /** YYYY-MM */
  month: string;
  crmLink: string;
  reason: string;
  competitors: string | null;
  mrrAmount: number | null;
  currency: Currency | null;
  rate: number | null;
  mrrReporting: number | null;
  oneTimeValue: number | null;
  oneTimeValueReporting: number | null;
  wonBy: PresalesUserNode | null;
  accountKind: AccountKind | null;
}
