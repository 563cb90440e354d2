import http from 'node:http';
import pg from 'pg';

/**
 * The floor the benches measure the gateway against: a statement through a raw `pg` pool behind a bare
 * node:http server (POST `{ text, values }`, answer `{ rows }`), so both sides pay for HTTP and JSON.
 */
export async function startFloor(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { text, values } = JSON.parse(body) as { text: string; values: unknown[] };
      pool.query(text, values).then(
        (result) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ rows: result.rows }));
        },
        (error: Error) => {
          res.statusCode = 500;
          res.end(error.message);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.close();
      await pool.end();
    },
  };
}
