import { describe, expect, it } from 'vitest';
import { auditFilter, auditHref, readAuditParams } from './audit-params.js';

describe('audit history parameters', () => {
  it('reads the URL and writes it back the same', () => {
    const href = '/admin/audit?actor=u1&action=User.updated&entityType=User&entityId=42&from=2026-12-01&to=2026-12-05';
    const params = readAuditParams(new URL(href, 'http://portal').searchParams);
    expect(auditHref(params)).toBe(href);
  });

  it('drops days that are not days', () => {
    expect(readAuditParams(new URLSearchParams('from=yesterday&to=2026-13-45'))).toMatchObject({ from: '', to: '' });
  });

  it('asks the API for whole UTC days, the last one included', () => {
    const params = readAuditParams(new URLSearchParams('from=2026-12-01&to=2026-12-05&action=User.updated'));
    expect(auditFilter(params)).toEqual({ action: 'User.updated', from: '2026-12-01T00:00:00.000Z', to: '2026-12-06T00:00:00.000Z' });
    expect(auditFilter(readAuditParams(new URLSearchParams()))).toEqual({});
  });
});
