/**
 * The floor of the SSE fan-out bench: a bare node:http server-sent events broadcaster — no framework,
 * no auth, no GraphQL, no database. `GET /stream` holds the response in a Set (after the same `:`
 * comment graphql-sse writes first); a `broadcast` IPC message from the bench is written as is to
 * every held response; `GET /replay` writes the messages the bench handed over (`replay-messages`,
 * answered `replay-ready`)
 * to one client, waiting for `drain` when the socket is full, and ends. What one process needs at the
 * least to hold a connection and push a message down it.
 *
 * Started by tools/bench/sse-fanout.ts with --expose-gc; speaks bench-child's IPC (ready, stats, gc-stats, stop).
 */
import http from 'node:http';
import { reportChildFailure, serveBenchIpc } from './bench-child.js';

export type FloorCommand = { type: 'broadcast'; message: string } | { type: 'replay-messages'; messages: string[] };

const HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' };

async function main(): Promise<void> {
  const subscribers = new Set<http.ServerResponse>();
  let replay: string[] = [];

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/stream') {
      res.writeHead(200, HEADERS);
      res.write(':\n\n');
      subscribers.add(res);
      res.once('close', () => subscribers.delete(res));
    } else if (pathname === '/replay') {
      res.writeHead(200, HEADERS);
      res.write(':\n\n');
      void (async () => {
        for (const message of replay) {
          if (res.destroyed) return;
          if (!res.write(message)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      })();
    } else {
      res.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  process.on('message', (command: FloorCommand) => {
    if (command.type === 'broadcast') {
      for (const res of subscribers) res.write(command.message);
    } else if (command.type === 'replay-messages') {
      replay = command.messages;
      process.send!({ type: 'replay-ready' });
    }
  });

  serveBenchIpc(server, `http://127.0.0.1:${port}`, {
    statements: () => 0,
    close: async () => {
      for (const res of subscribers) res.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

main().catch(reportChildFailure);
