import type { ProjectListPageQueryVariables, ProjectStatus } from '@pams/client-activities-data-access';

/**
 * The projects list's state lives in the URL (`/projects?q=acme&status=WON`): links can be shared and
 * bookmarked, back and forward work, and the intent prefetch computes from a link's href exactly the
 * variables the page asks for.
 */
export interface ProjectListParams {
  /** Part of a project's or its account's name. */
  q: string;
  status: ProjectStatus | null;
}

/** Keep in step with the prefetch in routes.ts (it reads this). */
export const PROJECT_PAGE_SIZE = 50;

export const PROJECT_STATUSES: readonly ProjectStatus[] = ['ACTIVE', 'WON', 'LOST'];

export const STATUS_LABEL: Record<ProjectStatus, string> = { ACTIVE: 'Active', WON: 'Won', LOST: 'Lost' };

/** Reads the params of a URL's search; a value that is not valid reads as no filter. */
export function readProjectListParams(search: URLSearchParams): ProjectListParams {
  const status = search.get('status');
  return {
    q: search.get('q')?.trim() ?? '',
    status: PROJECT_STATUSES.find((s) => s === status) ?? null,
  };
}

export function projectListHref(params: ProjectListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.status) search.set('status', params.status);
  const query = search.toString();
  return query ? `/projects?${query}` : '/projects';
}

/** The variables of the list's first page (the page adds `after` for the next ones). */
export function projectListVariables(params: ProjectListParams): ProjectListPageQueryVariables {
  return { search: params.q || null, status: params.status, first: PROJECT_PAGE_SIZE, after: null };
}
