import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, forbidden, Forbidden, validationFailed, type NotFound, type UserError, type ValidationFailed, type Viewer } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { Outcome, OutcomeType, recordOutcome } from '@pams/server-accounts';
import { enqueueMail } from '@pams/server-mail';
import { IMPORT_WRITER_ROLES } from './outcome-import.access.js';
import { OutcomeImportRow, OutcomeImportRowStatus, OutcomeImportStatus } from './outcome-import.entity.js';
import { importById } from './outcome-import.read-model.js';
import { importConflict } from './outcome-import.results.js';
import { lockImportForEdit } from './outcome-import.service.js';
import type { OutcomeImportAlreadyApplied, OutcomeImportType, OutcomeImportVersionConflict } from './outcome-import.types.js';
import { uuidArray } from './match-rows.js';
import { outcomeMail, type MailedOutcome } from './outcome-import.mail.js';

/** A row the win/loss form refused: the whole apply rolls back and answers this. */
class ApplyRefused extends Error {
  constructor(readonly answer: ValidationFailed | Forbidden) {
    super(answer.message);
  }
}

interface ApplyRow {
  id: string;
  row_number: number;
  project_id: string;
  account_id: string;
  account_name: string;
  project_name: string;
  project_crm_link: string | null;
  result: string;
  month: string;
  reason: string;
  competitors: string | null;
  mrr_amount: string | null;
  currency: string | null;
  one_time_value: string | null;
  crm_link: string | null;
}

function refusedRow(row: ApplyRow, answer: UserError & { fields?: { field: string; message: string }[] }): ValidationFailed | Forbidden {
  if (answer instanceof Forbidden) return forbidden(`Row ${row.row_number} (${row.project_name}): ${answer.message}`);
  const detail = answer.fields?.map((f) => `${f.field}: ${f.message}`).join(' ') ?? answer.message;
  return validationFailed([fieldError(`rows.${row.row_number}`, 'REFUSED', `Row ${row.row_number} (${row.account_name} / ${row.project_name}): ${detail}`)], 'Some rows cannot be recorded: nothing was applied.');
}

/**
 * Applies a reviewed import in ONE transaction (docs/adr/0016): each matched, unskipped row becomes an
 * outcome through the win/loss form's own service (its validation, access rule and audit), the import is
 * marked applied, and one mail per presales owner of the affected projects is queued (outbox + job in
 * the same transaction, sent after commit). Any refused row rolls everything back.
 */
export async function applyOutcomeImport(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
): Promise<OutcomeImportType | OutcomeImportVersionConflict | OutcomeImportAlreadyApplied | ValidationFailed | Forbidden | NotFound> {
  if (!IMPORT_WRITER_ROLES.includes(viewer.role)) return forbidden('Only managers and admins can apply outcome imports.');
  let result;
  try {
    result = await em.transactional(async (tx) => {
      const gate = await lockImportForEdit(tx, viewer, id, expectedVersion);
      if ('refusal' in gate) return gate.refusal;
      const { imp } = gate;
      const conn = tx.getConnection();
      const [pending] = await conn.execute<{ rows: number[] | null }[]>(
        `select array_agg(row_number order by row_number) as rows from outcome_import_row where outcome_import_id = ? and not skipped and (status <> 'MATCHED' or project_id is null)`,
        [imp.id],
      );
      if (pending.rows?.length) {
        const list = pending.rows.slice(0, 20).join(', ');
        return validationFailed([fieldError('rows', 'PENDING', `Choose a project or skip row(s) ${list}${pending.rows.length > 20 ? '…' : ''} first.`)], 'Some rows are still waiting for review.');
      }
      const rows = await conn.execute<ApplyRow[]>(
        `select r.id, r.row_number, p.id as project_id, a.id as account_id, a.name as account_name, p.name as project_name, p.crm_link as project_crm_link,
            r.result, to_char(r.close_date, 'YYYY-MM') as month, r.reason, r.competitors, r.mrr_amount, r.currency, r.one_time_value, r.crm_link
          from outcome_import_row r join project p on p.id = r.project_id join account a on a.id = p.account_id
          where r.outcome_import_id = ? and not r.skipped and r.status = 'MATCHED' order by r.row_number`,
        [imp.id],
      );
      const created = new Map<string, string>();
      for (const row of rows) {
        const answer = await recordOutcome(tx, viewer, {
          accountId: row.account_id,
          projectId: row.project_id,
          result: row.result as never,
          month: row.month,
          // The export's link, else the project's: the form requires one.
          crmLink: row.crm_link ?? row.project_crm_link ?? '',
          reason: row.reason,
          competitors: row.competitors,
          mrrAmount: row.mrr_amount === null ? null : Number(row.mrr_amount),
          currency: row.currency as never,
          oneTimeValue: row.one_time_value === null ? null : Number(row.one_time_value),
        });
        if (!(answer instanceof OutcomeType)) throw new ApplyRefused(refusedRow(row, answer as never));
        created.set(row.id, answer.id);
      }
      for (const row of await tx.find(OutcomeImportRow, { id: [...created.keys()] })) row.outcome = tx.getReference(Outcome, created.get(row.id)!);
      imp.status = OutcomeImportStatus.APPLIED;
      imp.appliedAt = new Date();
      imp.appliedBy = tx.getReference(User, viewer.id);
      imp.appliedCount = created.size;
      await notifyOwners(tx, rows, imp.fileName, viewer);
      await tx.flush();
      return 'applied' as const;
    });
  } catch (error) {
    if (error instanceof ApplyRefused) return error.answer;
    throw error;
  }
  if (result === 'conflict') return importConflict(await importById(em, viewer, id));
  if (result === 'applied') return importById(em, viewer, id);
  return result;
}

/** One mail to each active presales owner of the projects recorded, listing their projects. */
async function notifyOwners(tx: EntityManager, rows: ApplyRow[], fileName: string, viewer: Viewer): Promise<void> {
  if (rows.length === 0) return;
  const owners = await tx.getConnection().execute<{ project_id: string; email: string; name: string }[]>(
    `select po.project_id, u.email, u.name from project_owner po join app_user u on u.id = po.user_id
      where po.project_id = any(?::uuid[]) and u.status = 'ACTIVE' order by u.email`,
    [uuidArray(rows.map((r) => r.project_id))],
  );
  const byOwner = new Map<string, { name: string; outcomes: MailedOutcome[] }>();
  for (const o of owners) {
    const entry = byOwner.get(o.email) ?? { name: o.name, outcomes: [] };
    for (const row of rows.filter((r) => r.project_id === o.project_id)) {
      entry.outcomes.push({ accountName: row.account_name, projectName: row.project_name, result: row.result, month: row.month, mrrAmount: row.mrr_amount, currency: row.currency });
    }
    byOwner.set(o.email, entry);
  }
  for (const [email, { name, outcomes }] of byOwner) {
    await enqueueMail(tx, { to: email, ...outcomeMail(name, outcomes, fileName, viewer.name) });
  }
}

/** The row statuses an apply leaves untouched (for the ADR and the page). */
export const NOT_APPLIED = [OutcomeImportRowStatus.DUPLICATE, OutcomeImportRowStatus.INVALID] as const;
