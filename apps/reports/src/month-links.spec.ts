import { describe, expect, it } from 'vitest';
import { monthLinkOf } from './month-links.js';
import { NO_FILTER } from './report-params.js';

const REGION = '0b6f3f4e-8a47-4c1e-9d55-3f1d9c2b7a10';
const OWNER = '2d8b5f60-ac69-4e30-9f77-5b3f9e4d9c32';
const key = (dimension: 'MONTH' | 'OWNER' | 'TYPE' | 'SALES_REP' | 'CALL_TYPE' | 'INDUSTRY', id: string | null, label = 'x') => ({ dimension, id, label });

describe('a report row links to the activities month view', () => {
  it('exactly, when the report spans one month and every key is a month-view filter', () => {
    const link = monthLinkOf({ keys: [key('OWNER', OWNER), key('TYPE', 'POC')] }, { role: 'MANAGER', from: '2025-03', to: '2025-03', filter: { ...NO_FILTER, regionIds: [REGION] } });
    expect(link).toEqual({ href: `/activities?month=2025-03&scope=REGION&type=POC&region=${REGION}&owner=${OWNER}`, exact: true, approximations: [] });
  });

  it("to the row's own month when grouped by month, everyone's for a leader", () => {
    const link = monthLinkOf({ keys: [key('MONTH', '2025-01'), key('TYPE', 'SOW')] }, { role: 'LEADER', from: '2024-12', to: '2025-02', filter: NO_FILTER });
    expect(link).toEqual({ href: '/activities?month=2025-01&scope=ALL&type=SOW', exact: true, approximations: [] });
  });

  it('to the first month with the filters that exist otherwise, saying what is missing', () => {
    const link = monthLinkOf(
      { keys: [key('SALES_REP', OWNER, 'Sam'), key('INDUSTRY', null, 'No industry')] },
      { role: 'MEMBER', from: '2025-01', to: '2025-03', filter: { ...NO_FILTER, categories: ['EXTERNAL'], regionIds: [REGION, OWNER] } },
    );
    expect(link.href).toBe('/activities?month=2025-01&scope=REGION&category=EXTERNAL');
    expect(link.exact).toBe(false);
    expect(link.approximations).toEqual(['only the first month (2025-01)', 'one region at a time', 'no sales rep filter', 'no industry filter for "No industry"']);
  });

  it('turns a call type into customer calls, the nearest filter the month view has', () => {
    const link = monthLinkOf({ keys: [key('CALL_TYPE', 'DEMO')] }, { role: 'ADMIN', from: '2025-03', to: '2025-03', filter: NO_FILTER });
    expect(link.href).toBe('/activities?month=2025-03&scope=ALL&type=CUSTOMER_CALL');
    expect(link.exact).toBe(false);
  });
});
