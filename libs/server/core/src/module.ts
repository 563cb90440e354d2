import type { EntityClass, EventSubscriber } from '@mikro-orm/core';
import type { NonEmptyArray } from 'type-graphql';
import type { TaskMap } from './task.js';

/** What a domain library contributes to the gateway; apps/gateway/src/modules.ts lists them. */
export interface ServerModule {
  name: string;
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  subscribers?: EventSubscriber[];
  /** Background tasks of the domain, run by the job queue (libs/server/jobs). */
  tasks?: TaskMap;
  /** Recurring jobs of the domain as graphile-worker crontab lines (`<cron> <task> [?opts]`), e.g. `* * * * * reports:compact-rollups`. */
  schedules?: string[];
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function collectResolvers(modules: ServerModule[]): NonEmptyArray<Function> {
  const resolvers = modules.flatMap((m) => m.resolvers);
  if (resolvers.length === 0) throw new Error('no resolvers registered');
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  return resolvers as NonEmptyArray<Function>;
}

/** Every module's tasks in one map; a name claimed twice is a wiring mistake. */
export function collectTasks(modules: ServerModule[]): TaskMap {
  const tasks: TaskMap = {};
  for (const module of modules) {
    for (const [name, handler] of Object.entries(module.tasks ?? {})) {
      if (tasks[name]) throw new Error(`task "${name}" is registered twice (module ${module.name})`);
      tasks[name] = handler;
    }
  }
  return tasks;
}

/** Every module's crontab lines, as one crontab; a line naming a task nobody registered is a wiring mistake. */
export function collectSchedules(modules: ServerModule[], tasks: TaskMap): string {
  const lines = modules.flatMap((m) => m.schedules ?? []);
  for (const line of lines) {
    const task = line.trim().split(/\s+/)[5];
    if (!task || !tasks[task]) throw new Error(`schedule "${line}" names no registered task`);
  }
  return lines.join('\n');
}
