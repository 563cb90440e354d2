import type { TaskHandler } from '@pams/server-core';
import { compactActivityRollups } from './activity-report.service.js';

export const COMPACT_ROLLUPS_TASK = 'reports.compact-rollups';

/** Every minute: reports stay exact without it (rollup + delta), only slower as the delta grows. */
export const COMPACT_ROLLUPS_SCHEDULE = `* * * * * ${COMPACT_ROLLUPS_TASK} ?max=1&jobKey=${COMPACT_ROLLUPS_TASK}`;

export const compactRollupsTask: TaskHandler = async (_payload, { em, log }) => {
  const moved = await compactActivityRollups(em);
  if (moved > 0) log.info({ moved }, 'report rollup deltas folded in');
};
