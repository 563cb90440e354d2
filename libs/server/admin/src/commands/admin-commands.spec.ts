import { describe, expect, it } from 'vitest';
import { AdminCommandKind } from './admin-command-kind.js';
import { COMMANDS } from './admin-commands.js';

const REGION_A = '00000000-0000-4000-8000-00000000000a';
const REGION_B = '00000000-0000-4000-8000-00000000000b';

function fieldsOf(kind: AdminCommandKind, args: Record<string, unknown>): [string, string][] {
  const parsed = COMMANDS[kind].parse(args);
  return 'fields' in parsed ? parsed.fields.map((f) => [f.field, f.code]) : [];
}

describe('admin command arguments', () => {
  it('notify: subject 3–160 and message 3–5,000 characters, trimmed', () => {
    expect(fieldsOf(AdminCommandKind.NOTIFY, { subject: '  ab  ', message: 'abc' })).toEqual([['subject', 'TOO_SHORT']]);
    expect(fieldsOf(AdminCommandKind.NOTIFY, { subject: 'a'.repeat(160), message: 'm'.repeat(5_000) })).toEqual([]);
    expect(fieldsOf(AdminCommandKind.NOTIFY, { subject: 'a'.repeat(161), message: 'm'.repeat(5_001) })).toEqual([
      ['subject', 'TOO_LONG'],
      ['message', 'TOO_LONG'],
    ]);
    expect(fieldsOf(AdminCommandKind.NOTIFY, {})).toEqual([
      ['subject', 'REQUIRED'],
      ['message', 'REQUIRED'],
    ]);
    expect(COMMANDS[AdminCommandKind.NOTIFY].parse({ subject: ' Hi there ', message: ' Body ' })).toEqual({ payload: { subject: 'Hi there', message: 'Body' } });
  });

  it('review: title, a real date, priority 1–5, description at most 5,000', () => {
    expect(fieldsOf(AdminCommandKind.SCHEDULE_REVIEW, { title: 'Review', dueDate: '2030-02-29', priority: 0, description: 'd'.repeat(5_001) })).toEqual([
      ['description', 'TOO_LONG'],
      ['dueDate', 'INVALID'],
      ['priority', 'OUT_OF_RANGE'],
    ]);
    expect(fieldsOf(AdminCommandKind.SCHEDULE_REVIEW, { title: 'Review', dueDate: '2032-02-29', priority: 5 })).toEqual([]);
    expect(fieldsOf(AdminCommandKind.SCHEDULE_REVIEW, { title: 'Review', dueDate: '2032-02-29', priority: 2.5 })).toEqual([['priority', 'OUT_OF_RANGE']]);
  });

  it('regions: ids, de-duplicated, the default among them; role: a known role', () => {
    expect(COMMANDS[AdminCommandKind.CHANGE_REGIONS].parse({ regionIds: [REGION_B, REGION_A, REGION_B], defaultRegionId: REGION_A })).toEqual({
      payload: { regionIds: [REGION_A, REGION_B], defaultRegionId: REGION_A },
    });
    expect(fieldsOf(AdminCommandKind.CHANGE_REGIONS, { regionIds: ['nope'], defaultRegionId: REGION_B })).toEqual([
      ['regionIds', 'INVALID'],
      ['defaultRegionId', 'NOT_IN_REGIONS'],
    ]);
    expect(fieldsOf(AdminCommandKind.CHANGE_REGIONS, { regionIds: [] })).toEqual([]);
    expect(fieldsOf(AdminCommandKind.CHANGE_ROLE, { role: 'ROOT' })).toEqual([['role', 'INVALID']]);
  });
});
