import { describe, expect, it } from 'vitest';
import { projectListHref, projectListVariables, readProjectListParams } from './project-list-params.js';

describe('projects list params', () => {
  it('reads the search and status of a shared link, and writes them back the same', () => {
    const params = readProjectListParams(new URLSearchParams('q=+50%25+off+&status=WON'));
    expect(params).toEqual({ q: '50% off', status: 'WON' });
    expect(projectListHref(params)).toBe('/projects?q=50%25+off&status=WON');
    expect(readProjectListParams(new URL(`http://portal${projectListHref(params)}`).searchParams)).toEqual(params);
  });

  it('reads a status it does not know, or none, as every status', () => {
    expect(readProjectListParams(new URLSearchParams('status=won'))).toEqual({ q: '', status: null });
    expect(readProjectListParams(new URLSearchParams())).toEqual({ q: '', status: null });
    expect(projectListHref({ q: '', status: null })).toBe('/projects');
  });

  it('asks for the first page with no search when the box is empty', () => {
    expect(projectListVariables({ q: '', status: 'LOST' })).toEqual({ search: null, status: 'LOST', first: 50, after: null });
    expect(projectListVariables({ q: 'acme', status: null })).toEqual({ search: 'acme', status: null, first: 50, after: null });
  });
});
