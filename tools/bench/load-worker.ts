/**
 * The load generator, in a process of its own so its CPU is not counted to any server: runs one
 * autocannon pass with the options the bench sends over IPC and sends back the summary.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** Every answer must have this many bytes of body (the verified answer's); others count as mismatches. */
  expectedBodyBytes: number;
}

export interface LoadSummary {
  durationSeconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  reqPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  bytesPerSec: number;
  /** CPU the load generator itself spent during the pass. */
  cpuMs: number;
}

function run(request: LoadRequest): Promise<LoadSummary> {
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections: request.connections,
        duration: request.durationSeconds,
        // A GraphQL error still answers 200: a body of another size is a wrong answer.
        verifyBody: (body: string) => Buffer.byteLength(body) === request.expectedBodyBytes,
      },
      (error: Error | null, result: autocannon.Result) => {
        if (error) return reject(error);
        resolve({
          durationSeconds: result.duration,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          mismatches: result.mismatches,
          reqPerSec: result['2xx'] / result.duration,
          latencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            mean: result.latency.mean,
            max: result.latency.max,
          },
          bytesPerSec: result.throughput.total / result.duration,
          cpuMs: cpuMsSince(cpuBefore),
        });
      },
    );
  });
}

function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

process.send!({ ready: true });
process.once('message', (request: LoadRequest) => {
  run(request).then(
    (summary) => process.send!({ summary }, () => process.exit(0)),
    (error: Error) => process.send!({ error: error.message }, () => process.exit(1)),
  );
});
