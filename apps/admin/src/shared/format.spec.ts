import { describe, expect, it } from 'vitest';
import { changeKind, formatTime, formatValue, humanize } from './format.js';

describe('admin formatting', () => {
  it('writes values readably', () => {
    expect(formatValue(null)).toBe('(none)');
    expect(formatValue('')).toBe('(empty)');
    expect(formatValue('ADMIN')).toBe('ADMIN');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(['a', 'b'])).toBe('["a","b"]');
  });

  it('names what a change did', () => {
    expect(changeKind({ before: null, after: 'x' })).toBe('set');
    expect(changeKind({ before: 'x', after: null })).toBe('cleared');
    expect(changeKind({ before: 'x', after: 'y' })).toBe('changed');
  });

  it('writes times in UTC and enum values in sentence case', () => {
    expect(formatTime('2026-12-05T16:18:11.000Z')).toBe('Dec 5, 2026, 4:18:11 PM UTC');
    expect(formatTime(null)).toBe('—');
    expect(humanize('FORCE_PASSWORD_RESET')).toBe('Force password reset');
  });
});
