import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { GraphqlResponse } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A logger that keeps what the gateway logs at warn level and above, to assert on. */
function recordingLogger(): { log: pino.Logger; entries: { level: number; msg: string }[] } {
  const entries: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) entries.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'warn' }, sink), entries };
}

/** What a client sees, without the request id that differs between two servers. */
function answer(response: GraphqlResponse): unknown {
  return {
    status: response.status,
    data: response.data,
    errors: response.errors?.map(({ extensions, ...rest }) => ({ ...rest, code: extensions?.code })),
  };
}

const ACTIVITIES = 'query Month($m: String!) { activities(month: $m) { month } }';
const ACCOUNTS = 'query Accounts($n: Int) { accounts(first: $n) { nodes { id } } }';
const PROJECTS = 'query Projects($s: ProjectStatus) { projectList(status: $s) { nodes { id } } }';
const FILTERED = 'query Filtered($m: String!, $f: ActivityFilter) { activities(month: $m, filter: $f) { month } }';
const AUDIT = 'query Audit($f: AuditEventFilter) { auditEvents(filter: $f) { nodes { id } } }';

/** Each kind of coercion error, on queries of today's schema. */
const CASES: { kind: string; query: string; variables: Record<string, unknown>; message: RegExp }[] = [
  { kind: 'missing required variable', query: ACTIVITIES, variables: {}, message: /^Variable "\$m" of required type "String!" was not provided\.$/ },
  { kind: 'number for String', query: ACTIVITIES, variables: { m: 5 }, message: /^Variable "\$m" got invalid value 5; String cannot represent/ },
  { kind: 'string for Int', query: ACCOUNTS, variables: { n: 'ten' }, message: /^Variable "\$n" got invalid value "ten"; Int cannot represent/ },
  { kind: 'bad enum value', query: PROJECTS, variables: { s: 'NOPE' }, message: /^Variable "\$s" got invalid value "NOPE"; Value "NOPE" does not exist in "ProjectStatus" enum\./ },
  { kind: 'null for non-null', query: ACTIVITIES, variables: { m: null }, message: /^Variable "\$m" of non-null type "String!" must not be null\.$/ },
  {
    kind: 'bad enum nested in an input object',
    query: FILTERED,
    variables: { m: '2026-01', f: { types: ['CUSTOMER_CALL', 'NOPE'] } },
    message: /^Variable "\$f" got invalid value "NOPE" at "f\.types\[1\]"; Value "NOPE" does not exist in "ActivityType" enum\./,
  },
  {
    kind: 'unknown field in an input object',
    query: FILTERED,
    variables: { m: '2026-01', f: { colour: 'red' } },
    message: /^Variable "\$f" got invalid value \{ colour: "red" \}; Field "colour" is not defined by type "ActivityFilter"\./,
  },
  {
    kind: 'bad custom scalar nested in an input object',
    query: AUDIT,
    variables: { f: { from: 'yesterday' } },
    message: /^Variable "\$f" got invalid value "yesterday" at "f\.from"; /,
  },
];

describe('variable coercion errors read the same under graphql-jit and graphql-js', () => {
  let jit: TestApp;
  let reference: TestApp;
  const jitLog = recordingLogger();
  const referenceLog = recordingLogger();

  beforeAll(async () => {
    [jit, reference] = await Promise.all([
      startTestApp({ GRAPHQL_EXECUTOR: 'jit' }, jitLog.log),
      startTestApp({ GRAPHQL_EXECUTOR: 'graphql-js' }, referenceLog.log),
    ]);
  });
  afterAll(async () => {
    await Promise.all([jit?.close(), reference?.close()]);
  });

  async function both(query: string, variables: Record<string, unknown>, operationName?: string): Promise<[GraphqlResponse, GraphqlResponse]> {
    const send = (app: TestApp) =>
      operationName === undefined ? app.client().query(query, variables) : queryNamed(app, query, variables, operationName);
    return Promise.all([send(jit), send(reference)]);
  }

  for (const { kind, query, variables, message } of CASES) {
    it(`answers a ${kind} as BAD_USER_INPUT naming the variable`, async () => {
      const [fromJit, fromReference] = await both(query, variables);
      expect(answer(fromJit)).toEqual(answer(fromReference));
      expect(fromJit.status).toBe(400);
      expect(fromJit.data).toBeUndefined();
      expect(fromJit.errors).toHaveLength(1);
      expect(fromJit.errors?.[0].message).toMatch(message);
      expect(fromJit.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fromJit.errors?.[0].extensions?.requestId).toEqual(expect.any(String));
    });
  }

  it('reports every bad variable of one request, as graphql-js does', async () => {
    const [fromJit, fromReference] = await both(FILTERED, { m: 7, f: { scope: 'EVERYONE', text: 3 } });
    expect(answer(fromJit)).toEqual(answer(fromReference));
    expect(fromJit.errors?.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Variable "\$m" got invalid value 7;/),
      expect.stringMatching(/^Variable "\$f" got invalid value "EVERYONE" at "f\.scope";/),
      expect.stringMatching(/^Variable "\$f" got invalid value 3 at "f\.text";/),
    ]);
    expect(fromJit.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('runs a query whose variables are good (the control)', async () => {
    const [fromJit, fromReference] = await both(ACTIVITIES, { m: '2026-01' });
    expect(answer(fromJit)).toEqual(answer(fromReference));
    // Anonymous: the resolver ran and refused, so coercion let the request through.
    expect(fromJit.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown operation name as graphql-js does, even in a one-operation document', async () => {
    const [fromJit, fromReference] = await both(ACTIVITIES, { m: '2026-01' }, 'Nope');
    expect(answer(fromJit)).toEqual(answer(fromReference));
    expect(fromJit.status).toBe(400);
    expect(fromJit.errors?.[0]).toMatchObject({ message: 'Unknown operation named "Nope".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
  });

  it('refuses a document of two operations without a name as graphql-js does', async () => {
    const [fromJit, fromReference] = await both(`${ACTIVITIES} ${ACCOUNTS}`, { m: '2026-01' });
    expect(answer(fromJit)).toEqual(answer(fromReference));
    expect(fromJit.status).toBe(400);
    expect(fromJit.errors?.[0]).toMatchObject({
      message: 'Must provide operation name if query contains multiple operations.',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
  });

  it('logs none of these at warn level or above', () => {
    expect(jitLog.entries).toEqual([]);
    expect(referenceLog.entries).toEqual([]);
  });
});

async function queryNamed(app: TestApp, query: string, variables: Record<string, unknown>, operationName: string): Promise<GraphqlResponse> {
  const response = await app.client().post('/graphql', JSON.stringify({ query, variables, operationName }), { 'content-type': 'application/json' });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}
