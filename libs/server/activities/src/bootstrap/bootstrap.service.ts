import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { WRITER_ROLES } from '@pams/shared-util';
import { ActivityScope } from '../activity-enums.js';
import type { ActivityPreset, Bootstrap, ReferenceOption, UseCaseOption } from './bootstrap.type.js';

interface BootstrapRow {
  me: { defaultRegionId: string | null; lastLoggedDate: string | null } | null;
  regions: ReferenceOption[];
  industries: ReferenceOption[];
  use_cases: UseCaseOption[];
  products: ReferenceOption[];
}

const list = (select: string, from: string) => `(select coalesce(json_agg(${select} order by x.name), '[]'::json) from ${from})`;

/** One statement: the viewer's own row and every reference list, as JSON built by PostgreSQL. */
const BOOTSTRAP_SQL = `select
  (select json_build_object('defaultRegionId', u.default_region_id, 'lastLoggedDate', u.last_logged_date) from app_user u where u.id = ?) as me,
  ${list(`json_build_object('id', x.id, 'name', x.name)`, 'region x')} as regions,
  ${list(`json_build_object('id', x.id, 'name', x.name)`, 'industry x where x.active')} as industries,
  ${list(`json_build_object('id', x.id, 'name', x.name, 'bucket', x.bucket, 'industryId', x.industry_id)`, 'use_case x where x.active')} as use_cases,
  ${list(`json_build_object('id', x.id, 'name', x.name)`, 'product x where x.active')} as products`;

export async function loadBootstrap(em: EntityManager, viewer: Viewer, now = new Date()): Promise<Bootstrap> {
  const [row] = await em.execute<BootstrapRow[]>(BOOTSTRAP_SQL, [viewer.id], 'all');
  const today = now.toISOString().slice(0, 10);
  const lastLoggedDate = row.me?.lastLoggedDate ?? null;
  const presets: ActivityPreset[] = [
    { id: 'mine', label: 'My activities', scope: ActivityScope.MINE },
    ...(viewer.regionIds.length > 0 ? [{ id: 'region', label: 'My regions', scope: ActivityScope.REGION }] : []),
    { id: 'all', label: 'Everyone', scope: ActivityScope.ALL },
  ];
  return {
    viewer: {
      id: viewer.id,
      email: viewer.email,
      name: viewer.name,
      role: viewer.role,
      regionIds: viewer.regionIds,
      defaultRegionId: row.me?.defaultRegionId ?? null,
    },
    today,
    lastLoggedDate,
    defaultActivityDate: lastLoggedDate ?? today,
    regions: row.regions,
    industries: row.industries,
    useCases: row.use_cases,
    products: row.products,
    presets,
    // Roles that log their own work open on "mine"; read-only roles have none, so they open on all.
    defaultPresetId: WRITER_ROLES.includes(viewer.role) ? 'mine' : 'all',
  };
}
