import type { TaskHandler } from '@pams/server-core';
import { compactActivityRollups } from './activity-report.service.js';

// A colon, not a dot: graphile-worker's crontab accepts [_a-zA-Z][_a-zA-Z0-9:_-]* as task names.
export const COMPACT_ROLLUPS_TASK = 'reports:compact-rollups';

/** Every minute: reports stay exact without it (rollup + delta), only slower as the delta grows. */
export const COMPACT_ROLLUPS_SCHEDULE = `* * * * * ${COMPACT_ROLLUPS_TASK} ?id=reports_compact_rollups&max=1&jobKey=reports_compact_rollups`;

export const compactRollupsTask: TaskHandler = async (_payload, { em, log }) => {
  const moved = await compactActivityRollups(em);
  if (moved > 0) log.info({ moved }, 'report rollup deltas folded in');
};
