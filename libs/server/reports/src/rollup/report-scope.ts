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

function refuseOtherRegions(viewer: Viewer, regionFilter: readonly string[] | null): void {
  const other = (regionFilter ?? []).filter((id) => !viewer.regionIds.includes(id.toLowerCase()));
  if (other.length > 0) throw publicError('FORBIDDEN', `You may report only on your own regions; not yours: ${other.join(', ')}.`);
}
