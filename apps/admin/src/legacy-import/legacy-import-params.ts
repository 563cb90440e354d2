import type { LegacyImportKind, LegacyImportStatus } from '@pams/client-admin-data-access';

export const LEGACY_IMPORT_PATH = '/admin/legacy-import';
/** How many recent imports the page lists. */
export const RECENT_IMPORTS = 20;
/** While a step runs, the page asks for the import's progress every second, as the Backups page does. */
export const POLL_MS = 1_000;
/** Rows per page of the dry run's table (the gateway's query cost allows 100 with their differences). */
export const ROWS_PER_PAGE = 100;

/** In the order they should be imported: each kind's rows are matched against what the earlier ones brought in. */
export const KINDS: readonly { kind: LegacyImportKind; label: string }[] = [
  { kind: 'USERS', label: 'Users' },
  { kind: 'ACCOUNTS', label: 'Accounts' },
  { kind: 'PROJECTS', label: 'Projects' },
  { kind: 'ACTIVITIES', label: 'Activities' },
];

const RUNNING: ReadonlySet<LegacyImportStatus> = new Set(['STAGING', 'CHECKING', 'COMMITTING', 'UNDOING']);

/** A background step (reading the file, the dry run, the commit, the undo) is running. */
export const isRunning = (status: LegacyImportStatus) => RUNNING.has(status);

export const STATUS_LABEL: Readonly<Record<LegacyImportStatus, string>> = {
  STAGING: 'Reading the file',
  STAGED: 'Staged',
  CHECKING: 'Dry run running',
  CHECKED: 'Dry-run',
  COMMITTING: 'Committing',
  COMMITTED: 'Committed',
  UNDOING: 'Undoing',
  UNDONE: 'Undone',
  FAILED: 'Failed',
};

export const kindLabel = (kind: LegacyImportKind) => KINDS.find((k) => k.kind === kind)?.label ?? kind;

/** The page with one import open. */
export const importHref = (id: string) => `${LEGACY_IMPORT_PATH}?import=${encodeURIComponent(id)}`;
