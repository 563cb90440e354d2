import { createRequire } from 'node:module';
import path from 'node:path';
import { SHARED_SINGLETONS } from '../src/remote-module.js';

export interface SharedSingleton {
  singleton: true;
  version: string;
  requiredVersion: string;
  strictVersion?: boolean;
}

/**
 * The `shared` option of @module-federation/vite for an app in `appDir`: every SHARED_SINGLETONS entry at
 * the version installed for it. Our own libs are strict (`^version`): a remote that needs an export a
 * newer @pams/client-graphql added refuses to load on an older shell (an error panel) instead of crashing.
 */
export function federationShared(appDir: string, names: readonly string[] = SHARED_SINGLETONS): Record<string, SharedSingleton> {
  const unknown = names.filter((name) => !(SHARED_SINGLETONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`not shared singletons of the portal: ${unknown.join(', ')}`);
  const require = createRequire(path.join(appDir, 'package.json'));
  return Object.fromEntries(
    names.map((name) => {
      const { version } = require(`${name}/package.json`) as { version: string };
      const own = name.startsWith('@pams/');
      const config: SharedSingleton = own
        ? { singleton: true, version, requiredVersion: `^${version}`, strictVersion: true }
        : { singleton: true, version, requiredVersion: version };
      return [name, config];
    }),
  );
}
