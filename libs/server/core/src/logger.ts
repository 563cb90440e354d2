import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; request-scoped children carry `requestId` on every line. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'pams-gateway' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'], remove: true },
  });
}
