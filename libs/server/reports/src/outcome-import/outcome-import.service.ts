import type { EntityManager } from '@mikro-orm/postgresql';
import {
  fieldError,
  forbidden,
  isUuid,
  notFound,
  validationFailed,
  type Forbidden,
  type NotFound,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { User } from '@pams/server-identity';
import { Project } from '@pams/server-accounts';
import { IMPORT_WRITER_ROLES, importScope, mayEditImport, maySeeImport } from './outcome-import.access.js';
import { OutcomeImport, OutcomeImportMatch, OutcomeImportRow, OutcomeImportRowStatus, OutcomeImportStatus } from './outcome-import.entity.js';
import { asImports, findImportRecord, importById, importRecords } from './outcome-import.read-model.js';
import { alreadyApplied, importConflict } from './outcome-import.results.js';
import type { OutcomeImportAlreadyApplied, OutcomeImportType, OutcomeImportVersionConflict, ReviewOutcomeImportRowInput } from './outcome-import.types.js';
import { existingOutcomes, matchRows, projectScope, type ExistingOutcome } from './match-rows.js';
import type { ParsedRow } from './parse-outcome-file.js';

const LIST_LIMIT = 20;

/** Same result in the same month: the CRM row is already in PAMS. */
function sameOutcome(row: Pick<OutcomeImportRow, 'result' | 'closeDate'>, existing: ExistingOutcome): boolean {
  return existing.result === row.result && existing.month === String(row.closeDate).slice(0, 7);
}

/** A matched row's status once the project's recorded outcome and the import's other rows are known. */
function settleMatched(row: OutcomeImportRow, existing: ExistingOutcome | undefined, claimedByRow: number | undefined): void {
  if (existing && sameOutcome(row, existing)) {
    row.status = OutcomeImportRowStatus.DUPLICATE;
    row.skipped = true;
    row.message = `Already recorded: ${existing.result} in ${existing.month}.`;
  } else if (existing) {
    row.status = OutcomeImportRowStatus.INVALID;
    row.skipped = true;
    row.message = `The project already has another outcome (${existing.result}, ${existing.month}): change it in the win/loss form, or pick another project.`;
  } else if (claimedByRow !== undefined) {
    row.status = OutcomeImportRowStatus.DUPLICATE;
    row.skipped = true;
    row.message = `Row ${claimedByRow} records this project's outcome already.`;
  } else {
    row.status = OutcomeImportRowStatus.MATCHED;
  }
}

/**
 * Stages an uploaded CRM export: one import and one row per data row, each matched to a project in the
 * uploader's scope, in one transaction (audited like any change). Parsing happened before: a bad file
 * never gets here.
 */
export async function createOutcomeImport(em: EntityManager, viewer: Viewer, fileName: string, parsed: ParsedRow[]): Promise<OutcomeImportType | Forbidden> {
  if (!IMPORT_WRITER_ROLES.includes(viewer.role)) return forbidden('Only managers and admins can import outcomes.');
  const id = await em.transactional(async (tx) => {
    const imp = tx.create(OutcomeImport, {
      fileName: fileName.slice(0, 200),
      uploadedBy: tx.getReference(User, viewer.id),
      regionIds: [...viewer.regionIds],
      rowCount: parsed.length,
    });
    const firstRowOfId = new Map<string, number>();
    for (const row of parsed) {
      if (!row.crmId) continue;
      const seen = firstRowOfId.get(row.crmId.toLowerCase());
      if (seen !== undefined) row.errors.push(`Opportunity ${row.crmId} is in row ${seen} already.`);
      else firstRowOfId.set(row.crmId.toLowerCase(), row.rowNumber);
    }
    const valid = parsed.filter((r) => r.errors.length === 0);
    const matches = await matchRows(tx, viewer, valid.map((r) => ({ rowNumber: r.rowNumber, accountName: r.accountName!, projectName: r.projectName! })));
    const existing = await existingOutcomes(tx, [...matches.values()].flatMap((m) => (m.projectId ? [m.projectId] : [])));
    const claimed = new Map<string, number>();
    for (const cells of parsed) {
      const { errors, ...values } = cells;
      const row = tx.create(OutcomeImportRow, { ...values, outcomeImport: imp, errors, status: OutcomeImportRowStatus.INVALID });
      if (errors.length > 0) {
        row.skipped = true;
        row.message = errors.join(' ');
        continue;
      }
      const match = matches.get(cells.rowNumber)!;
      Object.assign(row, { status: match.status, matchedBy: match.matchedBy, candidates: match.candidates, message: match.message });
      if (match.projectId) {
        row.project = tx.getReference(Project, match.projectId);
        settleMatched(row, existing.get(match.projectId), claimed.get(match.projectId));
        if (row.status === OutcomeImportRowStatus.MATCHED) claimed.set(match.projectId, row.rowNumber);
      }
    }
    await tx.flush();
    return imp.id;
  });
  return importById(em, viewer, id);
}

export async function outcomeImport(em: EntityManager, viewer: Viewer, id: string): Promise<OutcomeImportType | null> {
  if (!isUuid(id)) return null;
  const record = await findImportRecord(em, id);
  if (!record || !maySeeImport(viewer, { uploadedById: record.uploaded_by_id, regionIds: record.region_ids })) return null;
  return (await asImports(em, viewer, [record]))[0];
}

/** The latest imports the viewer may see, newest first. */
export async function recentOutcomeImports(em: EntityManager, viewer: Viewer): Promise<OutcomeImportType[]> {
  return asImports(em, viewer, await importRecords(em, importScope(viewer), LIST_LIMIT));
}

export type ImportGate = { imp: OutcomeImport } | { refusal: Forbidden | NotFound | OutcomeImportAlreadyApplied | 'conflict' };

/** The import locked for this transaction, if the viewer may change it at `expectedVersion`. */
export async function lockImportForEdit(tx: EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<ImportGate> {
  if (!isUuid(id)) return { refusal: notFound('No such import.') };
  const [locked] = await tx.execute<{ id: string }[]>('select id from outcome_import where id = ? for update', [id]);
  const imp = locked ? await tx.findOne(OutcomeImport, id, { refresh: true }) : null;
  const ownership = imp && { uploadedById: imp.uploadedBy.id, regionIds: imp.regionIds };
  if (!imp || !maySeeImport(viewer, ownership!)) return { refusal: notFound('No such import.') };
  if (!mayEditImport(viewer, ownership!)) return { refusal: forbidden('Only managers and admins can review and apply outcome imports.') };
  if (imp.status === OutcomeImportStatus.APPLIED) return { refusal: alreadyApplied(await importById(tx, viewer, id)) };
  if (imp.version !== expectedVersion) return { refusal: 'conflict' };
  return { imp };
}

/** Sets a row's project (which takes it back in) or skips / unskips it; every edit bumps the import's version. */
export async function reviewOutcomeImportRow(
  em: EntityManager,
  viewer: Viewer,
  input: ReviewOutcomeImportRowInput,
): Promise<OutcomeImportType | OutcomeImportVersionConflict | OutcomeImportAlreadyApplied | ValidationFailed | Forbidden | NotFound> {
  if (!IMPORT_WRITER_ROLES.includes(viewer.role)) return forbidden('Only managers and admins can review outcome imports.');
  if (input.projectId == null && input.skip == null) return validationFailed([fieldError('projectId', 'REQUIRED', 'Choose a project, or skip the row.')]);
  const result = await em.transactional(async (tx) => {
    const gate = await lockImportForEdit(tx, viewer, input.importId, input.expectedVersion);
    if ('refusal' in gate) return gate.refusal;
    const { imp } = gate;
    const row = isUuid(input.rowId) ? await tx.findOne(OutcomeImportRow, { id: input.rowId, outcomeImport: imp }) : null;
    if (!row) return notFound('The import has no such row.');
    if (input.projectId != null) {
      if (row.errors.length > 0) return validationFailed([fieldError('rowId', 'INVALID_ROW', `Row ${row.rowNumber} has bad cells and cannot be applied: ${row.errors.join(' ')}`)]);
      const scope = projectScope(viewer);
      const [found] = isUuid(input.projectId)
        ? await tx.execute<{ id: string }[]>(
            `select p.id from project p join account a on a.id = p.account_id left join sales_rep rep on rep.id = a.sales_rep_id where p.id = ? and ${scope.sql}`,
            [input.projectId, ...scope.params],
          )
        : [];
      if (!found) return validationFailed([fieldError('projectId', 'NOT_FOUND', 'No such project among those you can record outcomes for.')]);
      const [claim] = await tx.execute<{ row_number: number }[]>(
        `select row_number from outcome_import_row where outcome_import_id = ? and project_id = ? and id <> ? and not skipped and status = 'MATCHED' limit 1`,
        [imp.id, found.id, row.id],
      );
      row.project = tx.getReference(Project, found.id);
      row.matchedBy = OutcomeImportMatch.REVIEWER;
      row.skipped = false;
      row.message = 'Chosen by a reviewer.';
      settleMatched(row, (await existingOutcomes(tx, [found.id])).get(found.id), claim?.row_number);
    }
    if (input.skip === true) row.skipped = true;
    if (input.skip === false && input.projectId == null) {
      if (row.status === OutcomeImportRowStatus.DUPLICATE || row.status === OutcomeImportRowStatus.INVALID) {
        return validationFailed([fieldError('skip', 'CANNOT_APPLY', `Row ${row.rowNumber} is ${row.status.toLowerCase()}: it stays skipped unless another project is chosen.`)]);
      }
      row.skipped = false;
    }
    imp.reviewCount += 1;
    await tx.flush();
    return 'saved' as const;
  });
  if (result === 'conflict') return importConflict(await importById(em, viewer, input.importId));
  if (result === 'saved') return importById(em, viewer, input.importId);
  return result;
}
