import { publicError, type Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { ReportDimension } from './report-dimension.js';

/** Conditions on the rollup alias `r` that limit a report to what the viewer may see. */
export interface ReportScope {
  clauses: string[];
  params: unknown[];
  /** The scope reads the owner, which only the detailed rollup holds. */
  needsOwner: boolean;
}

/**
 * Who sees which figures: leaders, admins and analysts everything; managers their regions;
 * members their own activities and their regions' totals — but per-person rows (grouped by owner)
 * only for themselves, since a colleague's numbers are theirs to share.
 */
export function reportScope(viewer: Viewer, groupBy: readonly ReportDimension[], regionFilter: readonly string[] | null): ReportScope {
  switch (viewer.role) {
    case Role.LEADER:
    case Role.ADMIN:
    case Role.ANALYST:
      return { clauses: [], params: [], needsOwner: false };
    case Role.MANAGER: {
      refuseOtherRegions(viewer, regionFilter);
      if (viewer.regionIds.length === 0) return { clauses: ['false'], params: [], needsOwner: false };
      return { clauses: ['r.region_id in (?)'], params: [viewer.regionIds], needsOwner: false };
    }
    case Role.MEMBER: {
      refuseOtherRegions(viewer, regionFilter);
      if (groupBy.includes(ReportDimension.OWNER) || viewer.regionIds.length === 0) {
        return { clauses: ['r.owner_id = ?'], params: [viewer.id], needsOwner: true };
      }
      return { clauses: ['(r.owner_id = ? or r.region_id in (?))'], params: [viewer.id, viewer.regionIds], needsOwner: true };
    }
    default:
      throw publicError('FORBIDDEN', 'Your role may not read reports.');
  }
}

/**
 * The region rule alone, on any region column: members and managers their regions (a filter naming
 * another is refused), leaders, admins and analysts all; the filter narrows further. For reports
 * whose rows have no owner (outcomes by the account's sales rep, funnels by account).
 */
export function regionScope(viewer: Viewer, regionFilter: readonly string[] | null, column: string): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (viewer.role === Role.MANAGER || viewer.role === Role.MEMBER) {
    refuseOtherRegions(viewer, regionFilter);
    if (viewer.regionIds.length === 0) return { clauses: ['false'], params: [] };
    clauses.push(`${column} in (?)`);
    params.push(viewer.regionIds);
  } else if (viewer.role !== Role.LEADER && viewer.role !== Role.ADMIN && viewer.role !== Role.ANALYST) {
    throw publicError('FORBIDDEN', 'Your role may not read reports.');
  }
  if (regionFilter) {
    clauses.push(`${column} in (?)`);
    params.push(regionFilter);
  }
  return { clauses, params };
}

function refuseOtherRegions(viewer: Viewer, regionFilter: readonly string[] | null): void {
  const other = (regionFilter ?? []).filter((id) => !viewer.regionIds.includes(id.toLowerCase()));
  if (other.length > 0) throw publicError('FORBIDDEN', `You may report only on your own regions; not yours: ${other.join(', ')}.`);
}
