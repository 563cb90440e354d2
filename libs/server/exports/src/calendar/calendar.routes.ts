import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { inRequestScope, isUuid, refuse, signedInOrRefused, type AppConfig, type Authenticator } from '@pams/server-core';
import { ActivityScope, activityHistoryBatches, findActivity, type ActivityFilter, type ActivityView } from '@pams/server-activities';
import { isValidDate } from '@pams/shared-util';
import { activityCalendar, CALENDAR_MAX_EVENTS } from './activity-calendar.js';

export interface CalendarRoutesDeps {
  orm: MikroORM;
  config: Pick<AppConfig, 'publicUrl'>;
  authenticator: Authenticator;
}

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const BATCH = 1_000;

class BadCalendarInput extends Error {}

function dateParam(req: Request, name: 'from' | 'to'): string {
  const value = req.query[name];
  if (value === undefined) throw new BadCalendarInput(`Give "${name}" as a day, YYYY-MM-DD.`);
  if (typeof value !== 'string') throw new BadCalendarInput(`Give "${name}" once.`);
  if (!isValidDate(value)) throw new BadCalendarInput(`"${name}" must be a day as YYYY-MM-DD, not "${value}".`);
  if (value < '2020-01-01' || value > '2050-12-31') throw new BadCalendarInput(`"${name}" must be between 2020-01-01 and 2050-12-31.`);
  return value;
}

/** The range and whose activities, checked: `from`/`to` (at most a year), `owner` (a user id; default the viewer). */
function rangeOf(req: Request): { from: string; to: string; owner: string | null } {
  const from = dateParam(req, 'from');
  const to = dateParam(req, 'to');
  if (from > to) throw new BadCalendarInput(`"from" (${from}) is after "to" (${to}).`);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_DAYS) throw new BadCalendarInput(`The range is ${days} days; a calendar holds at most ${MAX_DAYS}.`);
  const owner = req.query.owner;
  if (owner !== undefined && (typeof owner !== 'string' || !isUuid(owner))) throw new BadCalendarInput('"owner" must be a user id.');
  return { from, to, owner: owner ?? null };
}

function send(res: Response, body: string, fileName: string): void {
  res.status(200).set({
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.send(body);
}

/**
 * Calendar downloads (P-021), for anyone signed in (cookie or Bearer), as every activity may be read:
 * `GET /calendar/activities.ics?from=YYYY-MM-DD&to=YYYY-MM-DD[&owner=<user id>]` — a person's activities
 * (the viewer's by default) as all-day events, at most a year and 5,000 events; and
 * `GET /calendar/activities/<id>.ics` — one activity, the "add to calendar" of its page.
 * 400 `{ error: { code: 'BAD_USER_INPUT', message } }` on bad input, 404 for an unknown or deleted activity.
 */
export function mountCalendarRoutes(router: Pick<Router, 'get'>, deps: CalendarRoutesDeps): void {
  router.get('/calendar/activities.ics', (req, res, next) => {
    inRequestScope(req, () => serveRange(deps, req, res)).catch(next);
  });
  router.get('/calendar/activities/:file', (req, res, next) => {
    inRequestScope(req, () => serveOne(deps, String(req.params.file), req, res)).catch(next);
  });
}

async function serveRange(deps: CalendarRoutesDeps, req: Request, res: Response): Promise<void> {
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
  if (!viewer) return;
  let range: ReturnType<typeof rangeOf>;
  try {
    range = rangeOf(req);
  } catch (error) {
    if (error instanceof BadCalendarInput) return refuse(res, 400, 'BAD_USER_INPUT', error.message);
    throw error;
  }
  const filter: ActivityFilter = range.owner
    ? { scope: ActivityScope.ALL, ownerIds: [range.owner], dateFrom: range.from, dateTo: range.to }
    : { scope: ActivityScope.MINE, dateFrom: range.from, dateTo: range.to };
  // The batches come from a server-side cursor, which lives in a transaction.
  const activities = await deps.orm.em.fork().transactional(async (tx) => {
    const found: ActivityView[] = [];
    for await (const batch of activityHistoryBatches(tx, viewer, filter, BATCH)) {
      found.push(...batch);
      if (found.length > CALENDAR_MAX_EVENTS) return null;
    }
    return found;
  });
  if (!activities) {
    return refuse(res, 400, 'BAD_USER_INPUT', `More than ${CALENDAR_MAX_EVENTS.toLocaleString('en-US')} activities from ${range.from} to ${range.to}; choose a shorter range.`);
  }
  activities.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const whose = range.owner ? (activities[0]?.owner.name ?? 'No activities') : viewer.name;
  send(res, activityCalendar(activities, deps.config.publicUrl, `PAMS: ${whose}, ${range.from} to ${range.to}`), `pams-activities-${range.from}-to-${range.to}.ics`);
}

async function serveOne(deps: CalendarRoutesDeps, file: string, req: Request, res: Response): Promise<void> {
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
  if (!viewer) return;
  const id = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : null;
  if (!id || !isUuid(id)) return refuse(res, 404, 'NOT_FOUND', 'No such calendar: ask for /calendar/activities/<activity id>.ics.');
  const activity = await findActivity(deps.orm.em.fork(), id);
  if (!activity) return refuse(res, 404, 'NOT_FOUND', 'No such activity (it may have been deleted).');
  send(res, activityCalendar([activity], deps.config.publicUrl, 'PAMS activity'), `pams-activity-${activity.date}-${activity.id.slice(0, 8)}.ics`);
}
