import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Local disk now; an S3-compatible store implements the same four calls.
 * Keys are ours (uuids), never a user's file name.
 */
export interface AttachmentStorage {
  /** Moves a finished, checked upload (a local temporary file) under `key`. */
  put(key: string, file: string): Promise<void>;
  get(key: string): Readable;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** `<dir>/<first two characters of the key>/<key>`: no folder grows past a few thousand files. */
export class LocalDiskStorage implements AttachmentStorage {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    if (!/^[a-z0-9-]{8,80}$/.test(key)) throw new Error(`not a storage key: ${key}`);
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, file: string): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.rename(file, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error;
      await fsp.copyFile(file, target);
      await fsp.rm(file, { force: true });
    });
  }

  get(key: string): Readable {
    return fs.createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    return fsp.stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}

/**
 * Streams a request body into `file`, hashing it. Past `maxBytes` it stops writing, removes the file and
 * reads on without keeping anything (up to four times the limit, then the body is cut), so the client that
 * sent no length still reads the refusal; answers null: too large.
 */
export async function receiveUpload(body: Readable, file: string, maxBytes: number): Promise<{ bytes: number; sha256: string } | null> {
  const hash = createHash('sha256');
  const out = fs.createWriteStream(file, { flags: 'wx' });
  let bytes = 0;
  let over = false;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (over) {
        if (bytes > maxBytes * 4) {
          body.destroy();
          break;
        }
        continue;
      }
      if (bytes > maxBytes) {
        over = true;
        out.destroy();
        await fsp.rm(file, { force: true });
        continue;
      }
      hash.update(buffer);
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    if (over) return null;
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { bytes, sha256: hash.digest('hex') };
  } catch (error) {
    out.destroy();
    await fsp.rm(file, { force: true });
    throw error;
  }
}
