import { describe, expect, it } from 'vitest';
import { InvalidRemoteManifest, parseRemoteManifest } from './remote-manifest.js';

describe('parseRemoteManifest', () => {
  it('keeps the known fields of each remote', () => {
    const manifest = parseRemoteManifest({
      remotes: [{ name: 'activities', entry: '/remotes/activities/abc/mf-manifest.json', slot: 'abc', extra: 1 }],
    });
    expect(manifest).toEqual({ remotes: [{ name: 'activities', entry: '/remotes/activities/abc/mf-manifest.json', slot: 'abc' }] });
  });

  it.each([
    [null, /expected/],
    [{ remotes: {} }, /expected/],
    [{ remotes: [{ name: 'Bad-Name', entry: '/x' }] }, /name/],
    [{ remotes: [{ name: 'a', entry: 'relative/x.js' }] }, /entry/],
    [{ remotes: [{ name: 'a', entry: '/x' }, { name: 'a', entry: '/y' }] }, /twice/],
  ])('refuses %j', (value, message) => {
    expect(() => parseRemoteManifest(value)).toThrow(InvalidRemoteManifest);
    expect(() => parseRemoteManifest(value)).toThrow(message);
  });
});
