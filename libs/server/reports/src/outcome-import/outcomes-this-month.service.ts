import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { outcomeReport } from '../outcomes/outcome-report.service.js';
import type { OutcomesThisMonth } from './outcome-import.types.js';

/** This month's (UTC) wins, losses and MRR won, through outcomeReport: the same scope and figures as the Wins & losses page. */
export async function outcomesThisMonth(em: EntityManager, viewer: Viewer, now = new Date()): Promise<OutcomesThisMonth> {
  const month = now.toISOString().slice(0, 7);
  const report = await outcomeReport(em, viewer, { from: month, to: month, groupBy: [] });
  return { month, won: report.totals.won, lost: report.totals.lost, wonMrr: report.totals.wonMrr, asOf: report.asOf };
}
