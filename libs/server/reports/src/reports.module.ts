import type { ServerModule } from '@pams/server-core';
import { ReportPreset } from './entities/report-preset.entity.js';
import { MonthlyReportOverride } from './monthly/monthly-report-override.entity.js';
import { MonthlyReportResolver } from './monthly/monthly-report.resolver.js';
import { FunnelResolver } from './funnel/funnel.resolver.js';
import { OutcomeReportResolver } from './outcomes/outcome-report.resolver.js';
import { OutcomeImport, OutcomeImportRow } from './outcome-import/outcome-import.entity.js';
import { OutcomeImportResolver } from './outcome-import/outcome-import.resolver.js';
import { ReportPresetResolver } from './presets/report-preset.resolver.js';
import { ActivityReportResolver } from './rollup/activity-report.resolver.js';
import { COMPACT_ROLLUPS_SCHEDULE, COMPACT_ROLLUPS_TASK, compactRollupsTask } from './rollup/compact-rollups.task.js';

export const reportsModule: ServerModule = {
  name: 'reports',
  entities: [ReportPreset, MonthlyReportOverride, OutcomeImport, OutcomeImportRow],
  resolvers: [ActivityReportResolver, OutcomeReportResolver, FunnelResolver, ReportPresetResolver, MonthlyReportResolver, OutcomeImportResolver],
  tasks: { [COMPACT_ROLLUPS_TASK]: compactRollupsTask },
  schedules: [COMPACT_ROLLUPS_SCHEDULE],
};
