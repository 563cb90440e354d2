import fs from 'node:fs/promises';
import path from 'node:path';

const STALE_MS = 10 * 60_000;

/**
 * One front-end build at a time on this checkout: `npm start`, the browser tests and tools/deploy may run
 * together (CI runs test projects in parallel) and must not build the same app into the same folder at
 * once. A lock folder holds the owner's pid; a dead owner's or a very old lock is taken over.
 */
export async function withBuildLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, 'node_modules', '.cache', 'pams-front-end-build.lock');
  await fs.mkdir(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      await fs.mkdir(lock);
      await fs.writeFile(path.join(lock, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lock)) await fs.rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  const stat = await fs.stat(lock).catch(() => undefined);
  if (!stat) return false;
  if (Date.now() - stat.mtimeMs > STALE_MS) return true;
  const owner = Number(await fs.readFile(path.join(lock, 'owner'), 'utf8').catch(() => ''));
  // No owner file yet: it is being written; give it a moment.
  if (!owner) return Date.now() - stat.mtimeMs > 5_000;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
