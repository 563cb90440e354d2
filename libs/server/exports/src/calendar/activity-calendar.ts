import { createEvents, type EventAttributes } from 'ics';
import type { ActivityView } from '@pams/server-activities';
import { ACTIVITY_TYPE_LABELS } from '@pams/shared-util';

/** Text longer than this is cut in the event's description (a calendar shows a preview, the portal the rest). */
const TEXT_MAX = 2_000;
/** The most events one calendar file holds: a year of one person's activities, many times over. */
export const CALENDAR_MAX_EVENTS = 5_000;

const clip = (text: string) => (text.length > TEXT_MAX ? `${text.slice(0, TEXT_MAX)}…` : text);

function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function nextDay(date: string): [number, number, number] {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}

function effortText(a: ActivityView): string | null {
  if (a.effortDays !== null) return `${a.effortDays} day${a.effortDays === 1 ? '' : 's'}`;
  if (a.effortHours !== null) return `${a.effortHours} hour${a.effortHours === 1 ? '' : 's'}`;
  return null;
}

/** "Customer call · Acme" / "Training · Onboarding week": what the day's entry says at a glance. */
export function activityTitle(a: ActivityView): string {
  const label = ACTIVITY_TYPE_LABELS[a.type];
  const what = a.account?.name ?? a.name ?? a.topic;
  return what ? `${label} · ${what}` : label;
}

/**
 * One activity as an all-day calendar event on its date (activities have a day, not a time). The UID is the
 * activity's id, and SEQUENCE its version, so importing again updates the entry instead of adding one.
 */
export function activityEvent(a: ActivityView, publicUrl: string): EventAttributes {
  const lines = [
    `${ACTIVITY_TYPE_LABELS[a.type]} by ${a.owner.name}`,
    a.account ? `Account: ${a.account.name}` : null,
    a.project ? `Project: ${a.project.name}` : null,
    effortText(a) ? `Effort: ${effortText(a)}` : null,
    a.topic ? `Topic: ${a.topic}` : null,
    a.description ? `\n${clip(a.description)}` : null,
    a.minutesOfMeeting ? `\nMinutes of meeting:\n${clip(a.minutesOfMeeting)}` : null,
    // In the text, not as URL: the ics library's URL check refuses localhost and private addresses, where
    // PAMS often runs; calendars make a link of it either way.
    `\nOpen in PAMS: ${publicUrl}/activities/${a.id}/edit`,
  ].filter((line): line is string => line !== null);
  return {
    uid: `${a.id}@pams`,
    sequence: a.version,
    start: dateParts(a.date),
    startInputType: 'utc',
    end: nextDay(a.date),
    title: activityTitle(a),
    description: lines.join('\n'),
    categories: [ACTIVITY_TYPE_LABELS[a.type], a.category === 'EXTERNAL' ? 'External' : 'Internal'],
    status: 'CONFIRMED',
    // A logged activity is a record of work, not a meeting that blocks the day.
    busyStatus: 'FREE',
    transp: 'TRANSPARENT',
    created: a.createdAt.getTime(),
    lastModified: a.updatedAt.getTime(),
  };
}

/** An iCalendar file (RFC 5545) of the activities, written by the `ics` library (escaping, folding, CRLF). */
export function activityCalendar(activities: readonly ActivityView[], publicUrl: string, name: string): string {
  const { error, value } = createEvents(
    activities.map((a) => activityEvent(a, publicUrl)),
    { productId: '-//PAMS//Activities//EN', method: 'PUBLISH', calName: name },
  );
  if (error || !value) throw error ?? new Error('the calendar could not be written');
  return value;
}
