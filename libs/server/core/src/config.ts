import path from 'node:path';

/** Everything the gateway reads from the environment, parsed once and typed. README lists each variable. */
export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  host: string;
  port: number;
  /** Public origin used in links sent by mail (reset links). */
  publicUrl: string;
  /** PostgreSQL URL; undefined means "start the embedded server in dataDir". */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  trustProxy: boolean | number | string;
  session: { idleMs: number; absoluteMs: number; touchEveryMs: number };
  statementTimeoutMs: number;
  bodyLimit: string;
  graphql: {
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxCost: number;
    tokenMaxCost: number;
    maxPageSize: number;
    /** graphql-jit (default, docs/adr/0005) or the reference graphql-js executor. */
    executor: 'jit' | 'graphql-js';
  };
  rateLimit: {
    signInPerAccount: number;
    signInPerIp: number;
    resetPerAccount: number;
    resetPerIp: number;
    windowSeconds: number;
  };
  mail: { from: string; smtpUrl: string | undefined; dir: string };
  /** Audit events older than this many days move to `audit_event_archive`, still read by the history (at least 30). */
  audit: { retentionDays: number };
  /** Background jobs (libs/server/jobs): how many run at once in this process. */
  jobs: { concurrency: number };
  /** `GET /metrics` answers a Bearer of this token; unset, only a scraper on this machine (loopback, no proxy). */
  metricsToken: string | undefined;
  /** The daily count check (libs/server/admin): a collection that falls by more than either is reported to the admins. */
  counts: { dropPercent: number; dropRows: number };
  /**
   * Nightly `pg_dump` snapshots, each restored into a scratch database and checked (libs/server/backups,
   * docs/runbooks/restore.md). `binDir` holds pg_dump and pg_restore (unset: found on PATH).
   */
  backups: { dir: string; retentionDays: number; binDir: string | undefined };
  /** Files attached to activities and accounts (libs/server/attachments, P-022). */
  attachments: { dir: string; maxBytes: number; retentionDays: number; scanCommand: string | undefined };
  /** Files of the old system taken in (libs/server/legacy-import, P-011): the largest upload. */
  legacyImport: { maxBytes: number };
  /** Service-level objectives shown on the admin Health page (P-018), over the last `windowMinutes`. */
  slo: { windowMinutes: number; activitiesP95Ms: number; errorRatePercent: number };
  /** The live event stream (libs/server/events, ADR 0017). */
  liveEvents: {
    /** A heartbeat is sent after this long without a message. */
    heartbeatMs: number;
    /** Events a connection may hold for a slow client before it is told it missed some (reset). */
    queueLimit: number;
    /** How far back a Last-Event-ID may replay. */
    replayWindowMs: number;
  };
  demoPassword: string;
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer, got "${raw}"`);
  return value;
}

function percent(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 100) throw new Error(`${key} must be a percentage from 0 to 100, got "${raw}"`);
  return value;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const port = int(env, 'PORT', 4000);
  const dataDir = path.resolve(cwd, env.PAMS_DATA_DIR ?? '.data');
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    host: env.HOST ?? '127.0.0.1',
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    session: {
      idleMs: int(env, 'SESSION_IDLE_MINUTES', 8 * 60) * 60_000,
      absoluteMs: int(env, 'SESSION_ABSOLUTE_HOURS', 7 * 24) * 3_600_000,
      touchEveryMs: 60_000,
    },
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 10_000),
    bodyLimit: env.BODY_LIMIT ?? '100kb',
    graphql: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15),
      maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', 10),
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 2_000),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 20_000),
      tokenMaxCost: int(env, 'GRAPHQL_TOKEN_MAX_COST', 5_000),
      maxPageSize: int(env, 'GRAPHQL_MAX_PAGE_SIZE', 500),
      executor: env.GRAPHQL_EXECUTOR === 'graphql-js' ? 'graphql-js' : 'jit',
    },
    rateLimit: {
      signInPerAccount: int(env, 'RATE_SIGNIN_PER_ACCOUNT', 5),
      signInPerIp: int(env, 'RATE_SIGNIN_PER_IP', 50),
      resetPerAccount: int(env, 'RATE_RESET_PER_ACCOUNT', 3),
      resetPerIp: int(env, 'RATE_RESET_PER_IP', 20),
      windowSeconds: int(env, 'RATE_WINDOW_SECONDS', 15 * 60),
    },
    mail: {
      from: env.MAIL_FROM ?? 'PAMS <no-reply@pams.local>',
      smtpUrl: env.SMTP_URL || undefined,
      dir: path.join(dataDir, 'mail'),
    },
    audit: { retentionDays: Math.max(30, int(env, 'AUDIT_RETENTION_DAYS', 365)) },
    jobs: { concurrency: Math.max(1, int(env, 'JOBS_CONCURRENCY', 2)) },
    metricsToken: env.METRICS_TOKEN || undefined,
    counts: { dropPercent: int(env, 'COUNT_DROP_PERCENT', 5), dropRows: int(env, 'COUNT_DROP_ROWS', 50) },
    legacyImport: { maxBytes: Math.max(1, int(env, 'LEGACY_IMPORT_MAX_MB', 100)) * 1024 * 1024 },
    attachments: {
      dir: path.resolve(cwd, env.ATTACHMENT_DIR ?? path.join(dataDir, 'attachments')),
      maxBytes: Math.max(1, int(env, 'ATTACHMENT_MAX_MB', 10)) * 1024 * 1024,
      retentionDays: int(env, 'ATTACHMENT_RETENTION_DAYS', 30),
      scanCommand: env.ATTACHMENT_SCAN_COMMAND || undefined,
    },
    slo: {
      windowMinutes: Math.min(60, Math.max(1, int(env, 'SLO_WINDOW_MINUTES', 5))),
      activitiesP95Ms: Math.max(1, int(env, 'SLO_ACTIVITIES_P95_MS', 300)),
      errorRatePercent: percent(env, 'SLO_ERROR_RATE_PERCENT', 1),
    },
    backups: {
      dir: path.resolve(cwd, env.BACKUP_DIR ?? path.join(dataDir, 'backups')),
      retentionDays: Math.max(1, int(env, 'BACKUP_RETENTION_DAYS', 14)),
      binDir: env.PG_BIN_DIR || undefined,
    },
    liveEvents: {
      heartbeatMs: Math.max(10, int(env, 'LIVE_HEARTBEAT_MS', 15_000)),
      queueLimit: Math.max(2, int(env, 'LIVE_QUEUE_LIMIT', 1_000)),
      replayWindowMs: int(env, 'LIVE_REPLAY_DAYS', 7) * 86_400_000,
    },
    demoPassword: env.PAMS_DEMO_PASSWORD ?? 'demo-password',
  };
}
