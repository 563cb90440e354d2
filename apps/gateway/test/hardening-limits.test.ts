import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementCount } from '@pams/server-core';
import { newSecret } from '@pams/server-identity';
import type { GraphqlResponse } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Low limits so that small queries of today's schema cross them. Each refusal must come from
 * parsing/validation: with a session cookie, any request that reached a resolver would run SQL.
 */
const LIMITS = {
  GRAPHQL_MAX_DEPTH: '3',
  GRAPHQL_MAX_ALIASES: '2',
  GRAPHQL_MAX_DIRECTIVES: '2',
  GRAPHQL_MAX_TOKENS: '40',
  GRAPHQL_MAX_COST: '40',
  GRAPHQL_TOKEN_MAX_COST: '10',
};

describe('GraphQL limits (depth, aliases, directives, tokens, cost)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(LIMITS);
  });
  afterAll(() => app?.close());

  async function run(query: string, variables: Record<string, unknown> = {}): Promise<{ response: GraphqlResponse; statements: number }> {
    const client = app.client();
    client.cookies.set('pams_session', newSecret());
    const start = statementCount();
    const response = await client.query(query, variables);
    return { response, statements: statementCount() - start };
  }

  async function expectRefused(query: string, message: RegExp, variables: Record<string, unknown> = {}): Promise<void> {
    const { response, statements } = await run(query, variables);
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.map((e) => e.message).join('\n')).toMatch(message);
    expect(statements).toBe(0);
  }

  async function expectAccepted(query: string): Promise<void> {
    const { response, statements } = await run(query);
    expect(response.status).toBe(200);
    expect(response.data).toBeDefined();
    expect(statements).toBeGreaterThan(0);
  }

  it('accepts a query within every limit (the control)', async () => {
    await expectAccepted('{ a: viewer { id } b: viewer { name } }');
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH', async () => {
    await expectAccepted('{ auditEvents(first: 1) { nodes { id } } }');
    await expectRefused('{ auditEvents(first: 1) { nodes { changes { field } } } }', /depth limit of 3/i);
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
    await expectRefused('{ a: viewer { id } b: viewer { id } c: viewer { id } }', /aliases limit of 2/i);
  });

  it('refuses more directives than GRAPHQL_MAX_DIRECTIVES', async () => {
    await expectRefused('{ viewer @include(if: true) @include(if: true) @skip(if: false) { id } }', /directives limit of 2/i);
  });

  it('refuses a document of more tokens than GRAPHQL_MAX_TOKENS', async () => {
    await expectRefused(`{ viewer { ${Array.from({ length: 40 }, () => 'id').join(' ')} } }`, /more that 40 tokens/i);
  });

  it('refuses a query costlier than GRAPHQL_MAX_COST, counting page sizes however they are given', async () => {
    // 2 × (object 2 + 1.5 × (object 2 + 1.5 × scalar 1)) = 14.5
    await expectAccepted('{ auditEvents(first: 2) { nodes { id } } }');
    await expectRefused('{ auditEvents(first: 10) { nodes { id } } }', /cost limit of 40/i);
    await expectRefused('query Page($first: Int) { auditEvents(first: $first) { nodes { id } } }', /cost limit of 40/i, { first: 10 });
    await expectRefused('query Page($first: Int = 10) { auditEvents(first: $first) { nodes { id } } }', /cost limit of 40/i);
    // Omitted, the schema's default page size (50) counts.
    await expectRefused('{ auditEvents { nodes { id } } }', /cost limit of 40/i);
  });

  it('holds personal access tokens to the lower GRAPHQL_TOKEN_MAX_COST, from the header alone', async () => {
    const query = '{ auditEvents(first: 2) { nodes { id } } }';
    const client = app.client();
    client.bearer = newSecret();
    const start = statementCount();
    const refused = await client.query(query);
    expect(statementCount() - start).toBe(0);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COSTLY' } });
    expect(refused.errors?.[0].message).toMatch(/cost limit of 10/);
  });

  it('refuses fragments that hide depth or cost in the same way', async () => {
    await expectRefused(
      `{ auditEvents(first: 1) { ...Page } }
       fragment Page on AuditEventConnection { nodes { changes { field } } }`,
      /depth limit of 3/i,
    );
  });
});
