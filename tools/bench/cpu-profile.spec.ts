import { describe, expect, it } from 'vitest';
import { packageOf, summariseProfile } from './cpu-profile.js';

describe('cpu profile summary', () => {
  it('groups frames by package, workspace folder, node module or V8 pseudo frame', () => {
    expect(packageOf('file:///work/main/node_modules/@apollo/server/dist/esm/runHttpQuery.js', 'x')).toBe('@apollo/server');
    expect(packageOf('file:///work/main/node_modules/pg-protocol/dist/parser.js', 'x')).toBe('pg-protocol');
    expect(packageOf('file:///work/main/libs/server/activities/src/list/activity-read-model.ts', 'x')).toBe('pams: libs/server/activities');
    expect(packageOf('node:internal/streams/readable', 'x')).toBe('node:internal/streams');
    expect(packageOf('', '(garbage collector)')).toBe('GC');
    expect(packageOf('', 'writev')).toBe('native: writev');
  });

  it('adds self time per frame and inclusive time once per stack', () => {
    // root → a → b (b recursive: b → b); samples land on a, b and the inner b.
    const frame = (id: number, functionName: string, children: number[] = []) => ({
      id,
      callFrame: { functionName, url: functionName === '(root)' ? '' : `file:///work/main/tools/bench/${functionName}.ts`, lineNumber: 0 },
      children,
    });
    const profile = {
      nodes: [frame(1, '(root)', [2]), frame(2, 'a', [3]), frame(3, 'b', [4]), frame(4, 'b')],
      samples: [2, 3, 4, 4],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const summary = summariseProfile(profile, '/work/main');
    expect(summary.busyMs).toBe(4);
    expect(summary.selfByFunction.find((e) => e.name.startsWith('b '))?.ms).toBe(3);
    // b's inclusive time counts the recursive frames once each sample: 3 ms, not 5.
    expect(summary.totalByFunction.find((e) => e.name.startsWith('b '))?.ms).toBe(3);
    expect(summary.totalByFunction.find((e) => e.name.startsWith('a '))?.ms).toBe(4);
  });
});
