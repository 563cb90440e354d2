import { ProjectListPageDocument, type ProjectListPageQuery, type ProjectStatus } from '@pams/client-activities-data-access';
import { Link, navigate, useLocation } from '@pams/client-ui';
import { PagedTable, usePagedList } from '../shared/paged-list.js';
import { SearchField } from '../shared/search-field.js';
import {
  PROJECT_STATUSES,
  projectListHref,
  projectListVariables,
  readProjectListParams,
  STATUS_LABEL,
  type ProjectListParams,
} from './project-list-params.js';

const ROW_HEIGHT = 40;

type Node = ProjectListPageQuery['projectList']['nodes'][number];
const projectsOf = (data: ProjectListPageQuery) => data.projectList;
// Constant style objects: rows re-render while scrolling, their styles need not be rebuilt.
const COL = {
  name: { flex: '1 1 16rem', minWidth: 0 },
  account: { flex: '1 1 12rem', minWidth: 0 },
  status: { flex: '0 0 5rem' },
  owners: { flex: '1 1 12rem', minWidth: 0 },
};

/**
 * `/projects`: the projects of every account by name, found by part of their or their account's name and
 * kept to one status (both in the URL), loaded a page at a time as the list scrolls.
 */
export function ProjectsPage() {
  const location = useLocation();
  const params = readProjectListParams(location.search);
  // Typing replaces the history entry (one per pause, not per key); choosing a status adds one.
  const go = (patch: Partial<ProjectListParams>, replace: boolean) => navigate(projectListHref({ ...params, ...patch }), { replace });

  return (
    <section data-testid="projects-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div className="pams-page-head">
        <h1>Projects</h1>
        <Link href="/accounts">Accounts</Link>
      </div>
      <div className="pams-toolbar" role="search" aria-label="Find projects">
        <SearchField label="Search projects" value={params.q} placeholder="Project or account name" onChange={(q) => go({ q }, true)} />
        <label className="pams-field">
          Status
          <select className="pams-select" value={params.status ?? ''} onChange={(e) => go({ status: (e.target.value || null) as ProjectStatus | null }, false)}>
            <option value="">All</option>
            {PROJECT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABEL[status]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* A new search or status starts over from its first page, scrolled to the top. */}
      <ProjectList key={projectListHref(params)} params={params} />
    </section>
  );
}

function ProjectList({ params }: { params: ProjectListParams }) {
  const list = usePagedList(ProjectListPageDocument, projectListVariables(params), projectsOf);
  return (
    <PagedTable
      list={list}
      what="projects"
      label="Projects"
      rowHeight={ROW_HEIGHT}
      getKey={(node) => node.id}
      header={
        <>
          <span role="columnheader" style={COL.name}>Project</span>
          <span role="columnheader" style={COL.account}>Account</span>
          <span role="columnheader" style={COL.status}>Status</span>
          <span role="columnheader" style={COL.owners}>Owners</span>
        </>
      }
      renderRow={(node) => <ProjectRow node={node} />}
    />
  );
}

function ProjectRow({ node }: { node: Node }) {
  const owners = node.owners.map((owner) => owner.name).join(', ');
  return (
    <>
      <span role="cell" style={COL.name} data-testid="project-list-item">
        <Link href={`/projects/${node.id}`}>{node.name}</Link>
      </span>
      <span role="cell" style={COL.account}>
        <Link href={`/accounts/${node.account.id}`}>{node.account.name}</Link>
      </span>
      <span role="cell" className="pams-muted" style={COL.status}>
        {STATUS_LABEL[node.status]}
      </span>
      <span role="cell" className="pams-muted" style={COL.owners} title={owners || undefined}>
        {owners || '—'}
      </span>
    </>
  );
}
