import { loadRemote, registerRemotes } from '@module-federation/runtime';
import type { InMemoryCache, PortalRemoteModule } from '@pams/client-graphql';
import { DEPLOY_LAYOUT, parseRemoteManifest, REMOTE_EXPOSE, type RemoteManifest } from '@pams/shared-remote-contract';

/** Why a remote is not available; shown in its error panel. */
export class RemoteUnavailable extends Error {
  override name = 'RemoteUnavailable';
}

/**
 * The remotes this page may load, from /remotes.json (fetched with no-store: a redeployed remote is
 * picked up by the next page load, never by a shell rebuild). Loads each remote's routes module once,
 * shared by the outlet and the intent prefetch; a failed load is forgotten so Retry starts afresh.
 */
export class RemoteRegistry {
  private manifest: Promise<RemoteManifest> | undefined;
  private readonly modules = new Map<string, Promise<PortalRemoteModule>>();
  private readonly withPolicies = new WeakSet<PortalRemoteModule>();
  private readonly ready = new Map<string, PortalRemoteModule>();

  constructor(
    private readonly cache: InMemoryCache,
    private readonly manifestUrl: string = DEPLOY_LAYOUT.manifestUrl,
  ) {}

  /** Starts reading the manifest (the shell calls it at start, alongside the viewer query). */
  warm(): void {
    void this.registered().catch(() => undefined);
  }

  /** The remote's routes module, loaded at most once (until a failure or `retry`). */
  load(name: string): Promise<PortalRemoteModule> {
    let loading = this.modules.get(name);
    if (!loading) {
      loading = this.fetchModule(name);
      this.modules.set(name, loading);
      loading.catch(() => this.modules.delete(name));
    }
    return loading;
  }

  /** The module if it has already loaded, so a page can render it without a loading flash. */
  loaded(name: string): PortalRemoteModule | undefined {
    return this.ready.get(name);
  }

  /** Re-reads the manifest and re-registers every remote, dropping the runtime's cached (failed) entries. */
  async retry(name: string): Promise<PortalRemoteModule> {
    this.modules.delete(name);
    this.ready.delete(name);
    this.manifest = undefined;
    await this.registered(true);
    return this.load(name);
  }

  private registered(force = false): Promise<RemoteManifest> {
    this.manifest ??= this.readManifest(force);
    const reading = this.manifest;
    reading.catch(() => {
      if (this.manifest === reading) this.manifest = undefined;
    });
    return reading;
  }

  private async readManifest(force: boolean): Promise<RemoteManifest> {
    let response: Response;
    try {
      response = await fetch(this.manifestUrl, { cache: 'no-store', credentials: 'same-origin' });
    } catch {
      throw new RemoteUnavailable('The list of modules (remotes.json) could not be fetched.');
    }
    if (!response.ok) throw new RemoteUnavailable(`The list of modules (remotes.json) answered HTTP ${response.status}.`);
    const manifest = parseRemoteManifest(await response.json());
    registerRemotes(
      manifest.remotes.map(({ name, entry }) => ({ name, entry, type: 'module' })),
      { force },
    );
    return manifest;
  }

  private async fetchModule(name: string): Promise<PortalRemoteModule> {
    const manifest = await this.registered();
    if (!manifest.remotes.some((remote) => remote.name === name)) {
      throw new RemoteUnavailable(`The ${name} module is not deployed (it is missing from remotes.json).`);
    }
    let module: unknown;
    try {
      module = await loadRemote<PortalRemoteModule>(`${name}/${REMOTE_EXPOSE.slice(2)}`);
    } catch (error) {
      throw new RemoteUnavailable(`The ${name} module could not be downloaded${error instanceof Error ? `: ${firstLine(error.message)}` : '.'}`);
    }
    if (!isRemoteModule(module)) throw new RemoteUnavailable(`The ${name} module does not offer routes to the portal.`);
    if (!this.withPolicies.has(module)) {
      if (module.typePolicies) this.cache.policies.addTypePolicies(module.typePolicies);
      this.withPolicies.add(module);
    }
    this.ready.set(name, module);
    return module;
  }
}

function isRemoteModule(value: unknown): value is PortalRemoteModule {
  const candidate = value as Partial<PortalRemoteModule> | null;
  return !!candidate && Array.isArray(candidate.routes) && typeof candidate.prefetch === 'function';
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 200);
}
