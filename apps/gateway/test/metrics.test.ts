import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { streamHeaders } from './support/sse.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** P-018: Prometheus metrics per GraphQL operation, the pool, the job queue and the live streams; never public. */

let open: TestApp;
let guarded: TestApp;
let member: SignedInUser;

beforeAll(async () => {
  [open, guarded] = await Promise.all([startTestApp(), startTestApp({ METRICS_TOKEN: 'scrape-secret-for-tests' })]);
  member = await signedInUser(open, { role: Role.MEMBER });
});

afterAll(async () => {
  await Promise.all([open?.close(), guarded?.close()]);
});

/** One series' value from the text format, or undefined. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts and times each GraphQL operation by name, type and outcome, and shows the pool, the queue and the live streams', async () => {
    const before = await (await fetch(`${open.url}/metrics`)).text();
    const okSeries = 'pams_graphql_operations_total{operation="MetricsProbe",type="query",outcome="ok"}';
    const start = value(before, okSeries) ?? 0;
    for (let i = 0; i < 3; i++) await member.client.data('query MetricsProbe { viewer { id } }');
    // A mistake is counted by its code; so is a name nobody should be able to turn into a label.
    await member.client.query('query MetricsBroken { adminUsers(first: 1) { nodes { id } } }');
    await member.client.query('query MetricsBad($m: String!) { activities(month: $m) { month } }', { m: 5 });
    // A document that does not parse has no operation (nor, unless the client sends one, a name) yet.
    await member.client.query('query MetricsTypo { viewer { id ');
    const response = await fetch(`${open.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(value(text, okSeries)).toBe(start + 3);
    expect(value(text, 'pams_graphql_operations_total{operation="MetricsBroken",type="query",outcome="FORBIDDEN"}')).toBe(1);
    expect(value(text, 'pams_graphql_operations_total{operation="MetricsBad",type="query",outcome="BAD_USER_INPUT"}')).toBe(1);
    expect(value(text, 'pams_graphql_operations_total{operation="anonymous",type="unknown",outcome="GRAPHQL_PARSE_FAILED"}')).toBe(1);
    expect(value(text, 'pams_graphql_operation_duration_seconds_count{operation="MetricsProbe",type="query"}')).toBe(start + 3);
    expect(text).toMatch(/pams_http_requests_total\{method="POST",status="200"\} \d+/);
    expect(value(text, 'pams_db_pool_connections{state="used"}')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'pams_job_queue_jobs{state="failed"}')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'pams_live_streams')).toBe(0);
    const stream = new AbortController();
    const opened = await fetch(`${open.url}/graphql/stream`, {
      method: 'POST',
      headers: streamHeaders(member.client.cookies),
      body: JSON.stringify({ query: 'subscription { liveEvents { kind } }' }),
      signal: stream.signal,
    });
    expect(opened.status).toBe(200);
    expect(value(await (await fetch(`${open.url}/metrics`)).text(), 'pams_live_streams')).toBe(1);
    stream.abort();
    expect(text).toContain('pams_nodejs_eventloop_lag_seconds');
  });

  it('is not public: without METRICS_TOKEN only a direct peer on this machine, with it only the token', async () => {
    const relayed = await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(relayed.status).toBe(403);
    expect(((await relayed.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    const none = await fetch(`${guarded.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const scraped = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret-for-tests' } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('pams_graphql_operations_total');
  });
});
