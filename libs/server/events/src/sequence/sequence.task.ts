import type { TaskHandler } from '@pams/server-core';
import { pruneStream, sequenceCommittedEvents } from './sequencer.js';

export const SEQUENCE_TASK = 'events:sequence';
export const PRUNE_TASK = 'events:prune';

/** Every minute: a process with open streams sequences on each event; this keeps quiet deployments current. */
export const SEQUENCE_SCHEDULE = `* * * * * ${SEQUENCE_TASK} ?id=events_sequence&max=1&jobKey=events_sequence`;
/** Daily: positions older than the replay window only ever answer RESET. */
export const PRUNE_SCHEDULE = `17 3 * * * ${PRUNE_TASK} ?id=events_prune&max=1&jobKey=events_prune`;

export const sequenceTask: TaskHandler = async (_payload, { em, log }) => {
  const count = await sequenceCommittedEvents(em);
  if (count > 0) log.debug({ count }, 'audit events sequenced');
};

export const pruneTask: TaskHandler = async (_payload, { em, log, config }) => {
  const count = await pruneStream(em, config.liveEvents.replayWindowMs);
  log.info({ count }, 'live stream positions pruned');
};
