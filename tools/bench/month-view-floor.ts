/**
 * The floor of the month-view benchmark: node:http + a `pg` pool, one hand-written statement per
 * request, the rows as the driver returns them serialised as JSON. Nothing a real API needs
 * (auth, validation, GraphQL) — the best this machine can do for these rows.
 *
 * Started by month-view.ts: `GET /month-view?month=YYYY-MM&region=<uuid>[&owner=<uuid>&dateTo=YYYY-MM-DD]`.
 */
import http from 'node:http';
import pg from 'pg';
import { MONTH_PATTERN, monthRange } from '@pams/shared-util';
import { reportChildFailure, serveBenchIpc } from './bench-child.js';
import { FLOOR_SQL, floorTotals, narrowedFloorSql, type FloorAnswer, type FloorRow, type FloorShape } from './month-view-data.js';

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const shape = (process.env.BENCH_FLOOR_SHAPE ?? 'join') as FloorShape;
  if (!(shape in FLOOR_SQL)) throw new Error(`BENCH_FLOOR_SHAPE must be one of ${Object.keys(FLOOR_SQL).join(', ')}`);
  const sql = FLOOR_SQL[shape];
  const narrowedSql = narrowedFloorSql(shape);
  // As many connections as the gateway's pool (libs/server/core orm-config: max 10).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let statements = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/month-view') {
      res.writeHead(404).end();
      return;
    }
    const month = url.searchParams.get('month') ?? '';
    const region = url.searchParams.get('region') ?? '';
    const owner = url.searchParams.get('owner');
    const dateTo = url.searchParams.get('dateTo');
    if (!MONTH_PATTERN.test(month)) {
      res.writeHead(400).end();
      return;
    }
    const { from, to } = monthRange(month);
    // The page-size check narrows to one owner and a few days; the measured request is the plain one.
    const narrowed = owner && dateTo;
    const params = narrowed ? [region, from, to, owner, dateTo] : [region, from, to];
    statements += 1;
    pool.query<FloorRow>(narrowed ? narrowedSql : sql, params).then(
      (result) => {
        const answer: FloorAnswer = { month, totals: floorTotals(result.rows), items: result.rows };
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  serveBenchIpc(server, `http://127.0.0.1:${address.port}`, {
    statements: () => statements,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  });
}

main().catch(reportChildFailure);
