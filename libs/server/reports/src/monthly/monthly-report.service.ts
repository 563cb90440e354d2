import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { ActivityCategory, ActivityType, Role } from '@pams/shared-util';
import { outcomeReport } from '../outcomes/outcome-report.service.js';
import { OutcomeDimension, type OutcomeItem } from '../outcomes/outcome-report.types.js';
import { activityReport, MAX_REPORT_LIMIT } from '../rollup/activity-report.service.js';
import type { ActivityReport } from '../rollup/activity-report.type.js';
import { ReportDimension, ReportOrder } from '../rollup/report-dimension.js';
import { monthSpan } from '../rollup/report-range.js';
import { missingCrmLinks } from './missing-crm-links.service.js';
import type { MonthlyReportOverride } from './monthly-report-override.entity.js';
import { overridesInRange } from './monthly-report-override.service.js';
import {
  WinOfTheMonthSource,
  type FeaturedUseCase,
  type MonthlyBreakdownRow,
  type MonthlyRegionRow,
  type MonthlyReport,
  type WinCard,
  type WinOfTheMonth,
} from './monthly-report.types.js';

/** How many of the largest wins get a card (included wins come on top of these). */
export const LARGEST_WIN_CARDS = 6;

const ALL_REGIONS: readonly Role[] = [Role.LEADER, Role.ADMIN, Role.ANALYST];

/**
 * The monthly report over one month or a range (P-015, P-020): the figures come from activityReport,
 * outcomeReport and the missing-CRM-link read, all in one read-only repeatable-read transaction so
 * every table adds up with the summary; the overrides of the range's months decide the featured use
 * cases, the win cards and the win of the month. Role scopes are those of activityReport.
 */
export async function monthlyReport(em: EntityManager, viewer: Viewer, from: string, to: string = from): Promise<MonthlyReport> {
  monthSpan(from, to);
  return em.transactional(
    async (tx) => {
      const overrides = await overridesInRange(tx, from, to);
      const range = { from, to };
      const categories = await activityReport(tx, viewer, { ...range, groupBy: [ReportDimension.CATEGORY], countAccounts: true });
      const byType = await activityReport(tx, viewer, { ...range, groupBy: [ReportDimension.TYPE], limit: MAX_REPORT_LIMIT });
      const calls = await activityReport(tx, viewer, {
        ...range,
        groupBy: [ReportDimension.CALL_TYPE],
        filter: { types: [ActivityType.CUSTOMER_CALL] },
        limit: MAX_REPORT_LIMIT,
      });
      const regions = await activityReport(tx, viewer, {
        ...range,
        groupBy: [ReportDimension.REGION, ReportDimension.CATEGORY],
        orderBy: ReportOrder.KEY,
        limit: MAX_REPORT_LIMIT,
      });
      const people = await activityReport(tx, viewer, { ...range, groupBy: [ReportDimension.OWNER], limit: MAX_REPORT_LIMIT });
      const missing = await missingCrmLinks(tx, viewer, from, to);
      const featuredIds = [...new Set([...overrides.values()].flatMap((o) => o.featuredUseCaseIds))];
      const featuredUseCases = await featured(tx, viewer, from, to, featuredIds);
      // Last: outcomeReport sets a local statement timeout that holds for the rest of the transaction.
      const outcomes = await outcomeReport(tx, viewer, { ...range, groupBy: [] });
      const scope = await scopeOf(tx, viewer);

      const count = (category: ActivityCategory) => categories.rows.find((r) => r.keys[0].id === category)?.activityCount ?? 0;
      const { winCards, winOfTheMonth } = wins(outcomes.outcomes, overrides);
      return {
        from,
        to,
        scope,
        summary: {
          activities: categories.totals.activityCount,
          external: count(ActivityCategory.EXTERNAL),
          internal: count(ActivityCategory.INTERNAL),
          effortDays: categories.totals.effortDays,
          effortHours: categories.totals.effortHours,
          accountsTouched: categories.totals.accountCount ?? 0,
          wins: outcomes.totals.won,
          losses: outcomes.totals.lost,
          wonMrr: outcomes.totals.wonMrr,
          winRate: outcomes.totals.winRate,
        },
        highlights: [...overrides.entries()].filter(([, o]) => o.highlights.trim() !== '').map(([month, o]) => ({ month, text: o.highlights })),
        featuredUseCases,
        winCards,
        winsAndLosses: outcomes.outcomes,
        activityByType: breakdown(byType),
        callTypes: breakdown(calls),
        regionActivity: regionRows(regions),
        missingCrmLinksByRegion: missing.byRegion,
        missingCrmLinksBySalesRep: missing.bySalesRep,
        activityByPresalesUser: breakdown(people),
        winOfTheMonth,
        asOf: categories.asOf,
      };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}

function breakdown(report: ActivityReport): MonthlyBreakdownRow[] {
  return report.rows.map((row) => ({
    id: row.keys[0].id,
    label: row.keys[0].label,
    activityCount: row.activityCount,
    effortDays: row.effortDays,
    effortHours: row.effortHours,
  }));
}

function regionRows(report: ActivityReport): MonthlyRegionRow[] {
  const rows = new Map<string, MonthlyRegionRow>();
  for (const row of report.rows) {
    const [region, category] = row.keys;
    const key = region.id ?? '';
    const entry = rows.get(key) ?? { id: region.id, label: region.label, activityCount: 0, external: 0, internal: 0 };
    entry.activityCount += row.activityCount;
    if (category.id === ActivityCategory.EXTERNAL) entry.external += row.activityCount;
    else entry.internal += row.activityCount;
    rows.set(key, entry);
  }
  return [...rows.values()].sort((a, b) => b.activityCount - a.activityCount || a.label.localeCompare(b.label));
}

async function featured(em: EntityManager, viewer: Viewer, from: string, to: string, ids: string[]): Promise<FeaturedUseCase[]> {
  if (ids.length === 0) return [];
  const useCases = await em.execute<{ id: string; name: string; bucket: string }[]>(
    'select id, name, bucket from use_case where id = any(?::uuid[]) order by name, id',
    [`{${ids.join(',')}}`],
  );
  const activity = await activityReport(em, viewer, { from, to, groupBy: [ReportDimension.USE_CASE], filter: { useCaseIds: ids }, limit: MAX_REPORT_LIMIT });
  const won = await outcomeReport(em, viewer, { from, to, groupBy: [OutcomeDimension.USE_CASE] });
  return useCases.map((uc) => {
    const wins = won.rows.find((r) => r.keys[0].id === uc.id);
    return {
      id: uc.id,
      name: uc.name,
      bucket: uc.bucket,
      activities: activity.rows.find((r) => r.keys[0].id === uc.id)?.activityCount ?? 0,
      wins: wins?.won ?? 0,
      wonMrr: wins?.wonMrr ?? 0,
    };
  });
}

async function scopeOf(em: EntityManager, viewer: Viewer): Promise<MonthlyReport['scope']> {
  if (ALL_REGIONS.includes(viewer.role)) return { allRegions: true, regionNames: [] };
  if (viewer.regionIds.length === 0) return { allRegions: false, regionNames: [] };
  const rows = await em.execute<{ name: string }[]>('select name from region where id = any(?::uuid[]) order by name', [`{${viewer.regionIds.join(',')}}`]);
  return { allRegions: false, regionNames: rows.map((r) => r.name) };
}

/**
 * Win cards and the win of the month from the range's outcomes (already in the viewer's scope, largest
 * MRR first) and the overrides: excluded wins never show, included ones always do, manual wins follow.
 */
export function wins(outcomes: readonly OutcomeItem[], overrides: ReadonlyMap<string, MonthlyReportOverride>): { winCards: WinCard[]; winOfTheMonth: WinOfTheMonth | null } {
  const list = [...overrides.values()];
  const excluded = new Set(list.flatMap((o) => o.excludedOutcomeIds));
  const included = new Set(list.flatMap((o) => o.includedOutcomeIds));
  const candidates = outcomes.filter((o) => o.result === 'WON' && !excluded.has(o.id));
  const largest = new Set(candidates.slice(0, LARGEST_WIN_CARDS).map((o) => o.id));
  const cards: WinCard[] = candidates
    .filter((o) => largest.has(o.id) || included.has(o.id))
    .map((o) => ({
      outcomeId: o.id,
      manual: false,
      included: !largest.has(o.id),
      title: o.projectName,
      accountName: o.accountName,
      mrrReporting: o.mrrReporting,
      month: o.month,
      regionName: o.regionName,
      industryName: o.industryName,
      useCaseName: o.useCaseName,
      wonByName: o.wonByName,
      story: o.reason,
    }));
  for (const [month, override] of overrides) {
    for (const win of override.manualWins) {
      cards.push({
        outcomeId: null,
        manual: true,
        included: false,
        title: win.title,
        accountName: win.accountName,
        mrrReporting: win.mrrReporting,
        month,
        regionName: null,
        industryName: null,
        useCaseName: null,
        wonByName: null,
        story: win.story,
      });
    }
  }
  return { winCards: cards, winOfTheMonth: winOfTheMonth(candidates, overrides) };
}

/** The latest month's pick that the viewer can see; else the largest won MRR (with that month's story if nobody picked). */
function winOfTheMonth(candidates: readonly OutcomeItem[], overrides: ReadonlyMap<string, MonthlyReportOverride>): WinOfTheMonth | null {
  const latestFirst = [...overrides.values()].reverse();
  for (const override of latestFirst) {
    const picked = override.winOfTheMonthOutcomeId ? candidates.find((o) => o.id === override.winOfTheMonthOutcomeId) : undefined;
    if (picked) return { source: WinOfTheMonthSource.PICKED, outcome: picked, story: override.winOfTheMonthStory || picked.reason };
  }
  const largest = candidates[0];
  if (!largest) return null;
  const own = overrides.get(largest.month);
  const story = own && !own.winOfTheMonthOutcomeId && own.winOfTheMonthStory ? own.winOfTheMonthStory : largest.reason;
  return { source: WinOfTheMonthSource.LARGEST, outcome: largest, story };
}
