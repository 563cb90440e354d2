import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '@pams/gateway';

/** A fresh database cloned from the migrated template; dropped by `drop()`. */
export async function cloneTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const template = inject('templateDatabase');
  const name = `pams_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database "${name}" template "${template}"`);
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () => adminQuery(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
