import { describe, expect, it } from 'vitest';
import { monthDays } from './activity-rules.js';

describe('monthDays', () => {
  it('gives the first and the last day of the month, both inclusive', () => {
    expect(monthDays('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(monthDays('2026-04')).toEqual({ first: '2026-04-01', last: '2026-04-30' });
  });

  it('refuses what is not a month', () => {
    expect(() => monthDays('2026-13')).toThrow(RangeError);
  });
});
