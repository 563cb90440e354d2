import { describe, expect, it } from 'vitest';
import type { Role } from '@pams/client-shell-data-access';
import { currentNavItem, landingFor, mayOpenRemote, navFor, remoteFor } from './portal-routes.js';

describe('portal routes', () => {
  it.each<[Role, string]>([
    ['MEMBER', '/activities'],
    ['MANAGER', '/reports'],
    ['LEADER', '/reports'],
    ['ADMIN', '/admin'],
    ['ANALYST', '/analyst'],
  ])('lands %s on %s, a link of its sidebar', (role, landing) => {
    expect(landingFor(role)).toBe(landing);
    expect(navFor(role).map((item) => item.href)).toContain(landing);
  });

  it.each<Role>(['MEMBER', 'MANAGER', 'LEADER', 'ADMIN', 'ANALYST'])('gives %s "Projects" right after "Accounts" when it has accounts', (role) => {
    const labels = navFor(role).map((item) => item.label);
    if (role === 'ANALYST') {
      expect(labels).not.toContain('Accounts');
      expect(labels).not.toContain('Projects');
      return;
    }
    expect(labels.indexOf('Projects')).toBe(labels.indexOf('Accounts') + 1);
    expect(navFor(role).find((item) => item.label === 'Projects')).toEqual({ href: '/projects', label: 'Projects', remote: 'activities' });
  });

  it.each<[Role, number]>([
    ['MANAGER', 0],
    ['LEADER', 0],
    ['ADMIN', 1],
    // Members: after their own activity links (My activities, Drafts).
    ['MEMBER', 2],
  ])('gives %s "Reports" (the reports remote) at position %i of the sidebar', (role, index) => {
    expect(navFor(role)[index]).toEqual({ href: '/reports', label: 'Reports', remote: 'reports' });
  });

  it('gives analysts no report link (they query the API instead)', () => {
    expect(navFor('ANALYST').map((item) => item.href)).not.toContain('/reports');
  });

  it('maps paths to the remote that serves them', () => {
    expect(remoteFor('/reports')).toBe('reports');
    expect(remoteFor('/reports/outcomes')).toBe('reports');
    expect(remoteFor('/reportsx')).toBeUndefined();
    expect(remoteFor('/activities')).toBe('activities');
    expect(remoteFor('/activities/drafts')).toBe('activities');
    expect(remoteFor('/accounts/42')).toBe('activities');
    expect(remoteFor('/projects')).toBe('activities');
    expect(remoteFor('/projects/42')).toBe('activities');
    expect(remoteFor('/activitiesx')).toBeUndefined();
    expect(remoteFor('/admin')).toBe('admin');
    expect(remoteFor('/admin/users/42')).toBe('admin');
    expect(remoteFor('/administrator')).toBeUndefined();
    expect(remoteFor('/analyst')).toBeUndefined();
  });

  it('gives only admins the admin remote (its link, its pages)', () => {
    expect(navFor('ADMIN')[0]).toEqual({ href: '/admin', label: 'Admin', remote: 'admin' });
    for (const role of ['MEMBER', 'MANAGER', 'LEADER', 'ANALYST'] as const) {
      expect(navFor(role).map((item) => item.href)).not.toContain('/admin');
      expect(mayOpenRemote('admin', role)).toBe(false);
    }
    expect(mayOpenRemote('admin', 'ADMIN')).toBe(true);
    expect(mayOpenRemote('reports', 'MEMBER')).toBe(true);
  });

  it('marks the exact link current, else the one with the same path', () => {
    const items = navFor('MANAGER');
    expect(currentNavItem(items, '/activities', new URLSearchParams('scope=REGION'))?.label).toBe('Region activities');
    expect(currentNavItem(items, '/activities', new URLSearchParams())?.label).toBe('My activities');
    expect(currentNavItem(items, '/activities', new URLSearchParams('month=2025-01'))?.label).toBe('My activities');
    expect(currentNavItem(items, '/activities', new URLSearchParams('month=2025-01&scope=REGION'))?.label).toBe('Region activities');
    expect(currentNavItem(items, '/admin', new URLSearchParams())).toBeUndefined();
    // A deeper path beats query parameters: the drafts page highlights Drafts, not My activities.
    expect(currentNavItem(items, '/activities/drafts', new URLSearchParams())?.label).toBe('Drafts');
    // The projects list with its filters, and a project's page, highlight Projects.
    expect(currentNavItem(items, '/projects', new URLSearchParams('q=acme&status=WON'))?.label).toBe('Projects');
    expect(currentNavItem(items, '/projects/42', new URLSearchParams())?.label).toBe('Projects');
    // Any report, with its parameters, and the wins & losses page highlight Reports.
    expect(currentNavItem(items, '/reports', new URLSearchParams('last=3&by=OWNER'))?.label).toBe('Reports');
    expect(currentNavItem(items, '/reports/outcomes', new URLSearchParams())?.label).toBe('Reports');
  });
});
