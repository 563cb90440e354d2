import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ viewr { id } }';

describe('schema discovery outside production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('answers introspection and suggests field names', async () => {
    const client = app.client();
    expect(await client.data(INTROSPECTION)).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await client.query(TYPO);
    expect(typo.status).toBe(400);
    expect(typo.errors?.[0].message).toMatch(/Did you mean "viewer"\?/);
  });
});

describe('schema discovery and database limits in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', STATEMENT_TIMEOUT_MS: '200' });
  });
  afterAll(() => app?.close());

  it('refuses introspection', async () => {
    const result = await app.client().query(INTROSPECTION);
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].message).toMatch(/introspection is not allowed/i);
  });

  it('names no field in error messages', async () => {
    const typo = await app.client().query(TYPO);
    expect(typo.status).toBe(400);
    expect(typo.errors?.[0].message).toMatch(/Cannot query field "viewr"/);
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean|viewer/);
  });

  it('still answers ordinary queries', async () => {
    expect(await app.client().data('{ viewer { id } }')).toEqual({ viewer: null });
  });

  it('bounds every statement on every pooled connection with statement_timeout', async () => {
    // Four open transactions hold four distinct connections of the pool: each one has the setting.
    let arrived = 0;
    let release!: () => void;
    const allArrived = new Promise<void>((resolve) => (release = resolve));
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        app.orm.em.fork().transactional(async (em) => {
          const rows = await em.getConnection().execute<{ value: string; pid: number }[]>(
            `select current_setting('statement_timeout') as value, pg_backend_pid() as pid`,
            [],
            'all',
            em.getTransactionContext(),
          );
          if (++arrived === 4) release();
          await allArrived;
          return rows;
        }),
      ),
    );
    expect(new Set(settings.map((rows) => rows[0].pid)).size).toBe(4);
    expect(settings.map((rows) => rows[0].value)).toEqual(['200ms', '200ms', '200ms', '200ms']);

    const slow = () => app.orm.em.fork().getConnection().execute('select pg_sleep(5)');
    const outcomes = await Promise.allSettled([slow(), slow(), slow()]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/canceling statement due to statement timeout/);
    }
    // Inside a transaction too.
    await expect(app.orm.em.fork().transactional((em) => em.getConnection().execute('select pg_sleep(5)', [], 'all', em.getTransactionContext()))).rejects.toThrow(
      /statement timeout/,
    );
  });
});
