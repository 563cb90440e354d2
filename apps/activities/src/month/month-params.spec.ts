import { describe, expect, it } from 'vitest';
import { monthHref, monthVariables, readMonthParams, shiftMonth } from './month-params.js';

const NOW = '2025-03';

describe('month params', () => {
  it('defaults to this month and my own activities', () => {
    const params = readMonthParams(new URLSearchParams(), NOW);
    expect(params).toMatchObject({ month: NOW, scope: 'MINE' });
    expect(monthVariables(params)).toEqual({ month: NOW, filter: { scope: 'MINE' } });
    expect(monthHref(params, NOW)).toBe('/activities');
  });

  it('reads every filter and writes the same URL back', () => {
    const href = '/activities?month=2024-12&scope=ALL&category=EXTERNAL&type=POC&region=r1&industry=i1&owner=u1&account=a1&project=p1&q=kick-off';
    const params = readMonthParams(new URL(href, 'http://x').searchParams, NOW);
    expect(monthVariables(params)).toEqual({
      month: '2024-12',
      filter: {
        scope: 'ALL',
        category: 'EXTERNAL',
        types: ['POC'],
        regionIds: ['r1'],
        industryIds: ['i1'],
        ownerIds: ['u1'],
        accountIds: ['a1'],
        projectIds: ['p1'],
        text: 'kick-off',
      },
    });
    expect(monthHref(params, NOW)).toBe(href);
  });

  it('ignores values that are not valid', () => {
    const params = readMonthParams(new URLSearchParams('month=2025-13&scope=EVERYTHING&type=NAP&q=%20'), NOW);
    expect(monthVariables(params)).toEqual({ month: NOW, filter: { scope: 'MINE' } });
  });

  it('moves across years', () => {
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
  });
});
