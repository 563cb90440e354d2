/**
 * `/remotes.json`, the run-time manifest: which build of each remote the shell loads. tools/deploy writes
 * it, the gateway serves it no-cache, the shell reads it at start, so a remote redeploys without a shell build.
 */
export interface RemoteManifest {
  remotes: RemoteManifestEntry[];
}

export interface RemoteManifestEntry {
  /** The federation name, e.g. `activities`. */
  name: string;
  /** URL of the remote's `mf-manifest.json` (or `remoteEntry.js`), e.g. `/remotes/activities/3f9c…/mf-manifest.json`. */
  entry: string;
  /** The deploy slot (folder) the entry points into. */
  slot?: string;
  /** When tools/deploy switched to this slot (ISO time). */
  deployedAt?: string;
}

/** Federation names become JavaScript identifiers in the runtime: keep them plain. */
export const REMOTE_NAME = /^[a-z][a-z0-9_]*$/;

export class InvalidRemoteManifest extends Error {
  override name = 'InvalidRemoteManifest';
}

/** Checks a parsed `/remotes.json`; throws `InvalidRemoteManifest` naming the first problem. */
export function parseRemoteManifest(value: unknown): RemoteManifest {
  if (!isRecord(value) || !Array.isArray(value.remotes)) throw new InvalidRemoteManifest('expected { "remotes": [...] }');
  const seen = new Set<string>();
  const remotes = value.remotes.map((item, index): RemoteManifestEntry => {
    if (!isRecord(item)) throw new InvalidRemoteManifest(`remotes[${index}] is not an object`);
    const { name, entry, slot, deployedAt } = item;
    if (typeof name !== 'string' || !REMOTE_NAME.test(name)) throw new InvalidRemoteManifest(`remotes[${index}].name is not a valid remote name`);
    if (seen.has(name)) throw new InvalidRemoteManifest(`remote "${name}" is listed twice`);
    seen.add(name);
    if (typeof entry !== 'string' || !/^(\/|https?:\/\/)/.test(entry)) {
      throw new InvalidRemoteManifest(`remotes[${index}].entry must be an absolute path or an http(s) URL`);
    }
    return {
      name,
      entry,
      ...(typeof slot === 'string' ? { slot } : {}),
      ...(typeof deployedAt === 'string' ? { deployedAt } : {}),
    };
  });
  return { remotes };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
