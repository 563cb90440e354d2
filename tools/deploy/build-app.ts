import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface BuildAppOptions {
  /** Write the build here instead of `apps/<app>/dist`. */
  outDir?: string;
  /** Shown by the app (`VITE_PAMS_BUILD_LABEL`), to tell deployed builds apart. */
  label?: string;
  /** Where the build's output goes; it is quiet unless it fails. */
  stdio?: 'inherit' | 'pipe';
}

// vite's package exports do not include its bin; find it next to its package.json.
const viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

/**
 * The environment of a production build, whoever runs it. Under a test runner NODE_ENV is `test` (Vite then
 * builds for it) and VITEST is set, which makes @module-federation/vite step aside and emit no remoteEntry.
 */
export function buildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ...extra };
  delete env.VITEST;
  delete env.JEST_WORKER_ID;
  return env;
}

/** The arguments of node for `vite build` of `apps/<app>` (run from the repository root), into `outDir` when given. */
export function viteBuildArgs(app: string, outDir?: string): [string, ...string[]] {
  const args: [string, ...string[]] = [viteBin, 'build', path.join('apps', app), '--configLoader', 'runner', '--logLevel', 'warn'];
  if (outDir) args.push('--outDir', outDir, '--emptyOutDir');
  return args;
}

/** `vite build` of `apps/<app>`; rejects with the build's output when it fails. */
export function buildApp(root: string, app: string, options: BuildAppOptions = {}): Promise<void> {
  const args = viteBuildArgs(app, options.outDir);
  const env = buildEnv(options.label ? { VITE_PAMS_BUILD_LABEL: options.label } : {});
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`vite build of apps/${app} failed (${signal ?? `exit ${code}`})\n${output}`)),
    );
  });
}
