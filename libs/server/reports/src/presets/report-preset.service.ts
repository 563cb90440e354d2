import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import {
  done,
  fieldError,
  forbidden,
  isUuid,
  notFound,
  validationFailed,
  type Done,
  type FieldError,
  type Forbidden,
  type NotFound,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { Region, User } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import { PresetVisibility, ReportPreset } from '../entities/report-preset.entity.js';
import { MAX_REPORT_LIMIT } from '../rollup/activity-report.service.js';
import { filterIds, monthSpan } from '../rollup/report-range.js';
import {
  PresetVersionConflict,
  ReportChart,
  ReportPresetType,
  type ReportDefinition,
  type ReportDefinitionInput,
  type SaveReportPresetInput,
} from './report-preset.types.js';

const MAX_NAME = 120;
const MAX_LAST_MONTHS = 120;

/** Who may share a preset with a region: managers with their own regions, admins and leaders with any. */
function mayShareWith(viewer: Viewer, regionId: string): boolean {
  if (viewer.role === Role.ADMIN || viewer.role === Role.LEADER) return true;
  return viewer.role === Role.MANAGER && viewer.regionIds.includes(regionId);
}

function mayEdit(viewer: Viewer, preset: { ownerId: string }): boolean {
  return preset.ownerId === viewer.id || viewer.role === Role.ADMIN;
}

interface PresetRow {
  id: string;
  version: number;
  name: string;
  visibility: PresetVisibility;
  region_id: string | null;
  region_name: string | null;
  owner_id: string;
  owner_name: string;
  definition: ReportDefinition;
}

const SELECT = `select p.id, p.version, p.name, p.visibility, p.region_id, g.name as region_name, p.owner_id, u.name as owner_name, p.definition
  from report_preset p join app_user u on u.id = p.owner_id left join region g on g.id = p.region_id`;

function toType(viewer: Viewer, row: PresetRow): ReportPresetType {
  return Object.assign(new ReportPresetType(), {
    id: row.id,
    version: row.version,
    name: row.name,
    visibility: row.visibility,
    regionId: row.region_id,
    regionName: row.region_name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    editable: mayEdit(viewer, { ownerId: row.owner_id }),
    definition: row.definition,
  });
}

/** The viewer's own presets and those shared with one of their regions (leaders and admins: every shared one). */
export async function listReportPresets(em: EntityManager, viewer: Viewer): Promise<ReportPresetType[]> {
  const seesAllShared = viewer.role === Role.LEADER || viewer.role === Role.ADMIN;
  const rows = await em.execute<PresetRow[]>(
    `${SELECT} where p.owner_id = ? or (p.visibility = 'REGION' and (? or p.region_id = any(?::uuid[]))) order by lower(p.name), p.id`,
    [viewer.id, seesAllShared, `{${viewer.regionIds.join(',')}}`],
  );
  return rows.map((row) => toType(viewer, row));
}

async function presetById(em: EntityManager, viewer: Viewer, id: string): Promise<ReportPresetType | null> {
  const [row] = await em.execute<PresetRow[]>(`${SELECT} where p.id = ?`, [id]);
  return row ? toType(viewer, row) : null;
}

/** A checked definition, or the reasons it is not one (as field errors under `definition.`). */
export function checkDefinition(input: ReportDefinitionInput, fields: FieldError[]): ReportDefinition {
  const at = (field: string, code: string, message: string) => fields.push(fieldError(`definition.${field}`, code, message));
  const typed = (field: string, check: () => void) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      at(field, 'INVALID', error.message);
    }
  };
  const fixed = input.from != null || input.to != null;
  if (fixed && input.lastMonths != null) at('lastMonths', 'INVALID', 'Give either from/to or lastMonths, not both.');
  if (fixed) {
    if (input.from == null || input.to == null) at(input.from == null ? 'from' : 'to', 'REQUIRED', 'A fixed range needs both "from" and "to".');
    else typed('from', () => monthSpan(input.from!, input.to!));
  } else if (input.lastMonths == null) {
    at('lastMonths', 'REQUIRED', 'Give a range: from/to, or lastMonths.');
  } else if (!Number.isInteger(input.lastMonths) || input.lastMonths < 1 || input.lastMonths > MAX_LAST_MONTHS) {
    at('lastMonths', 'INVALID', `"lastMonths" must be between 1 and ${MAX_LAST_MONTHS}.`);
  }
  if (input.limit != null && (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_REPORT_LIMIT)) {
    at('limit', 'INVALID', `"limit" must be between 1 and ${MAX_REPORT_LIMIT.toLocaleString('en')}.`);
  }
  if (input.groupBy.length > 3) at('groupBy', 'TOO_MANY', 'At most three dimensions.');
  if (new Set(input.groupBy).size !== input.groupBy.length) at('groupBy', 'DUPLICATE', 'A dimension is named twice.');
  const f = input.filter ?? null;
  const filter = f && {
    regionIds: null as string[] | null,
    ownerIds: null as string[] | null,
    accountIds: null as string[] | null,
    industryIds: null as string[] | null,
    useCaseIds: null as string[] | null,
    salesRepIds: null as string[] | null,
    categories: f.categories ?? null,
    types: f.types ?? null,
    callTypes: f.callTypes ?? null,
  };
  if (f && filter) {
    for (const key of ['regionIds', 'ownerIds', 'accountIds', 'industryIds', 'useCaseIds', 'salesRepIds'] as const) {
      typed(`filter.${key}`, () => {
        filter[key] = filterIds(`filter.${key}`, f[key]);
      });
    }
  }
  return {
    from: fixed ? (input.from ?? null) : null,
    to: fixed ? (input.to ?? null) : null,
    lastMonths: fixed ? null : (input.lastMonths ?? null),
    groupBy: [...input.groupBy],
    filter,
    orderBy: input.orderBy ?? null,
    countAccounts: Boolean(input.countAccounts),
    chart: input.chart ?? ReportChart.TABLE,
    limit: input.limit ?? null,
  };
}

function conflict(current: ReportPresetType): PresetVersionConflict {
  return Object.assign(new PresetVersionConflict(), {
    message: 'Someone changed this preset since you opened it. Nothing was saved.',
    current,
  });
}

/** Creates or changes a preset (its owner or an admin), with the version it was read at. */
export async function saveReportPreset(
  em: EntityManager,
  viewer: Viewer,
  input: SaveReportPresetInput,
): Promise<ReportPresetType | ValidationFailed | PresetVersionConflict | Forbidden | NotFound> {
  const fields: FieldError[] = [];
  const name = input.name.trim();
  if (name.length === 0) fields.push(fieldError('name', 'REQUIRED', 'Give the preset a name.'));
  else if (name.length > MAX_NAME) fields.push(fieldError('name', 'TOO_LONG', `At most ${MAX_NAME} characters.`));
  let regionId: string | null = null;
  if (input.visibility === PresetVisibility.REGION) {
    if (!input.regionId) fields.push(fieldError('regionId', 'REQUIRED', 'Choose the region to share it with.'));
    else if (!isUuid(input.regionId)) fields.push(fieldError('regionId', 'INVALID', 'Not a region id.'));
    else regionId = input.regionId.toLowerCase();
  }
  const definition = checkDefinition(input.definition, fields);
  if (regionId && fields.length === 0) {
    const [found] = await em.execute<{ id: string }[]>('select id from region where id = ?', [regionId]);
    if (!found) fields.push(fieldError('regionId', 'NOT_FOUND', 'No such region.'));
  }
  if (input.id != null && !isUuid(input.id)) return notFound('No such preset.');
  if (input.id != null && input.expectedVersion == null) fields.push(fieldError('expectedVersion', 'REQUIRED', 'Send the version you read.'));
  if (fields.length > 0) return validationFailed(fields);
  if (regionId && !mayShareWith(viewer, regionId)) return forbidden('You may share presets only with your own regions.');

  return em.transactional(async (tx) => {
    let preset: ReportPreset;
    if (input.id == null) {
      preset = tx.create(ReportPreset, { owner: tx.getReference(User, viewer.id), name, visibility: input.visibility, definition: { ...definition } });
    } else {
      const found = await tx.findOne(ReportPreset, { id: input.id.toLowerCase() });
      const current = found && (await presetById(tx, viewer, found.id));
      if (!found || !current || !(visibleTo(viewer, current))) return notFound('No such preset.');
      if (!mayEdit(viewer, current)) return forbidden('Only its owner may change this preset.');
      if (found.version !== input.expectedVersion) return conflict(current);
      preset = Object.assign(found, { name, visibility: input.visibility, definition: { ...definition } });
    }
    preset.region = regionId ? tx.getReference(Region, regionId) : null;
    await tx.flush();
    return (await presetById(tx, viewer, preset.id))!;
  });
}

/** The same rule as listReportPresets, for one preset. */
function visibleTo(viewer: Viewer, preset: ReportPresetType): boolean {
  if (preset.ownerId === viewer.id || viewer.role === Role.ADMIN) return true;
  if (preset.visibility !== PresetVisibility.REGION) return false;
  return viewer.role === Role.LEADER || (preset.regionId !== null && viewer.regionIds.includes(preset.regionId));
}

/** Deletes a preset (its owner or an admin), with the version it was read at. */
export async function deleteReportPreset(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
): Promise<Done | PresetVersionConflict | Forbidden | NotFound> {
  if (!isUuid(id)) return notFound('No such preset.');
  return em.transactional(async (tx) => {
    const found = await tx.findOne(ReportPreset, { id: id.toLowerCase() });
    const current = found && (await presetById(tx, viewer, found.id));
    if (!found || !current || !(visibleTo(viewer, current))) return notFound('No such preset.');
    if (!mayEdit(viewer, current)) return forbidden('Only its owner may delete this preset.');
    if (found.version !== expectedVersion) return conflict(current);
    tx.remove(found);
    await tx.flush();
    return done(`Preset "${found.name}" deleted.`);
  });
}
