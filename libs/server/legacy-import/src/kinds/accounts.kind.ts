import { Account, Project } from '@pams/server-accounts';
import { ProjectStatus, isHttpUrl } from '@pams/shared-util';
import { LegacyImportKind } from '../entities/legacy-import.entity.js';
import { RowReader, displayValues, groupByKey, keyRecords, textList, nameKey, type ImportField, type KindSpec, type MappedCells } from './kind-spec.js';
import { loadPeopleAndAccounts, type PeopleAndAccounts } from './lookups.js';

function link(read: RowReader, field: string): string | null {
  const value = read.text(field, 500);
  if (value !== null && !isHttpUrl(value)) return read.fail(field, 'INVALID', 'Give a link starting with http:// or https://.');
  return value;
}

const ACCOUNT_FIELDS: ImportField[] = [
  { name: 'name', label: 'Account name', required: true, key: true, aliases: ['name', 'account', 'accountname', 'customer', 'client'] },
  { name: 'industry', label: 'Industry', required: false, aliases: ['industry', 'sector', 'vertical'] },
  { name: 'salesRep', label: 'Sales rep', required: false, aliases: ['salesrep', 'rep', 'accountowner', 'salesrepemail'] },
  { name: 'crmLink', label: 'CRM link', required: false, aliases: ['crmlink', 'crmurl', 'link', 'url'] },
];

/** Accounts: matched on their name (ignoring case and spacing), as PAMS keeps them unique. */
export const accountsKind: KindSpec<PeopleAndAccounts> = {
  kind: LegacyImportKind.ACCOUNTS,
  entity: Account,
  table: 'account',
  liveRows: 'select count(*)::int as n from account',
  fields: ACCOUNT_FIELDS,
  load: (em) => loadPeopleAndAccounts(em),
  check(cells: MappedCells, ctx) {
    const read = new RowReader(cells, ACCOUNT_FIELDS);
    const name = read.text('name', 200);
    const industryName = read.text('industry', 120);
    const industry = industryName === null ? null : ctx.industriesByName.get(nameKey(industryName));
    if (industryName !== null && !industry) read.fail('industry', 'UNKNOWN_INDUSTRY', `No industry is named "${industryName.slice(0, 80)}": add it under Reference data first.`);
    const repName = read.text('salesRep', 254);
    const rep = repName === null ? null : ctx.salesRepsByName.get(nameKey(repName));
    if (repName !== null && !rep) read.fail('salesRep', 'UNKNOWN_SALES_REP', `No sales rep is named "${repName.slice(0, 80)}" (name or email).`);
    const crmLink = link(read, 'crmLink');
    if (read.reasons.length > 0 || name === null) return { ok: false, reasons: read.reasons };
    const values = { name: name.replace(/\s+/g, ' '), industry: industry?.id ?? null, salesRep: rep?.id ?? null, crmLink };
    return { ok: true, row: { values, display: displayValues(values, { industry: industry?.name ?? null, salesRep: rep?.name ?? null }), key: nameKey(name) } };
  },
  async existing(em, rows) {
    const found = await em.execute<Record<string, unknown>[]>(
      `select a.id, a.version, a.name, a.industry_id as industry, a.sales_rep_id as "salesRep", a.crm_link as "crmLink", i.name as industry_name, r.name as rep_name
       from account a left join industry i on i.id = a.industry_id left join sales_rep r on r.id = a.sales_rep_id
       where lower(a.name) in (select jsonb_array_elements_text(?::jsonb))`,
      [textList(rows.map((r) => r.key))],
    );
    return groupByKey(
      found,
      (row) => nameKey(String(row.name)),
      ({ id, version, industry_name, rep_name, ...values }) => ({
        id: String(id),
        version: Number(version),
        values,
        display: displayValues(values, { industry: industry_name as string | null, salesRep: rep_name as string | null }),
      }),
    );
  },
};

const PROJECT_FIELDS: ImportField[] = [
  { name: 'account', label: 'Account', required: true, key: true, aliases: ['account', 'accountname', 'customer', 'client'] },
  { name: 'name', label: 'Project name', required: true, key: true, aliases: ['name', 'project', 'projectname', 'opportunity', 'opportunityname'] },
  { name: 'status', label: 'Status', required: false, aliases: ['status', 'stage', 'projectstatus'] },
  { name: 'crmLink', label: 'CRM link', required: false, aliases: ['crmlink', 'crmurl', 'link', 'url'] },
];

/** Projects: matched on their name within their account. */
export const projectsKind: KindSpec<PeopleAndAccounts> = {
  kind: LegacyImportKind.PROJECTS,
  entity: Project,
  table: 'project',
  liveRows: 'select count(*)::int as n from project',
  fields: PROJECT_FIELDS,
  load: (em) => loadPeopleAndAccounts(em),
  check(cells, ctx) {
    const read = new RowReader(cells, PROJECT_FIELDS);
    const accountName = read.text('account', 200);
    const accountId = accountName === null ? null : ctx.accountsByName.get(nameKey(accountName));
    if (accountName !== null && !accountId) read.fail('account', 'UNKNOWN_ACCOUNT', `No account is named "${accountName.slice(0, 80)}": import the accounts first.`);
    const name = read.text('name', 200);
    const status = read.choice('status', ProjectStatus, { ACTIVE: 'Open', WON: 'Closed Won', LOST: 'Closed Lost' });
    const crmLink = link(read, 'crmLink');
    if (read.reasons.length > 0 || name === null || !accountId) return { ok: false, reasons: read.reasons };
    const values: Record<string, unknown> = { account: accountId, name: name.replace(/\s+/g, ' '), crmLink };
    if (status !== null || cells('status') !== null) values.status = status;
    return { ok: true, row: { values, display: displayValues(values, { account: accountName }), key: `${accountId}|${nameKey(name)}` } };
  },
  forCreate: (values) => ({ status: ProjectStatus.ACTIVE, ...values, ...(values.status == null ? { status: ProjectStatus.ACTIVE } : {}) }),
  async existing(em, rows) {
    const found = await em.execute<Record<string, unknown>[]>(
      `select p.id, p.version, p.account_id as account, p.name, p.status, p.crm_link as "crmLink", a.name as account_name
       from (select distinct * from jsonb_to_recordset(?::jsonb) as r(account_id uuid, name text)) as k
       join project p on p.account_id = k.account_id and lower(p.name) = k.name
       join account a on a.id = p.account_id`,
      [keyRecords(rows, { account_id: (r) => r.values.account, name: (r) => nameKey(String(r.values.name)) })],
    );
    return groupByKey(
      found,
      (row) => `${String(row.account)}|${nameKey(String(row.name))}`,
      ({ id, version, account_name, ...values }) => ({ id: String(id), version: Number(version), values, display: displayValues(values, { account: account_name as string | null }) }),
    );
  },
};

