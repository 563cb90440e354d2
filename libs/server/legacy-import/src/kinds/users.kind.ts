import { User } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import { LegacyImportKind } from '../entities/legacy-import.entity.js';
import { RowReader, displayValues, groupByKey, nameKey, textList, type ImportField, type KindSpec } from './kind-spec.js';
import { loadPeopleAndAccounts, type PeopleAndAccounts } from './lookups.js';

const FIELDS: ImportField[] = [
  { name: 'email', label: 'Email', required: true, key: true, aliases: ['email', 'emailaddress', 'mail', 'login', 'username'] },
  { name: 'name', label: 'Name', required: true, aliases: ['name', 'fullname', 'displayname', 'user'] },
  { name: 'role', label: 'Role', required: true, aliases: ['role', 'userrole', 'access'] },
  { name: 'defaultRegion', label: 'Region', required: false, aliases: ['region', 'defaultregion', 'team'] },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Users: matched on their email. A created user has no password anyone knows and must set one
 * (password reset from the sign-in page); the role is taken as given.
 */
export const usersKind: KindSpec<PeopleAndAccounts & { passwordHash?: string }> = {
  kind: LegacyImportKind.USERS,
  entity: User,
  table: 'app_user',
  liveRows: 'select count(*)::int as n from app_user',
  fields: FIELDS,
  load: (em) => loadPeopleAndAccounts(em),
  check(cells, ctx) {
    const read = new RowReader(cells, FIELDS);
    const email = read.text('email', 254);
    if (email !== null && !EMAIL.test(email)) read.fail('email', 'INVALID', `"${email.slice(0, 80)}" is not an email address.`);
    const name = read.text('name', 120);
    const role = read.choice('role', Role, {}, true);
    const regionName = read.text('defaultRegion', 80);
    const region = regionName === null ? null : ctx.regionsByName.get(nameKey(regionName));
    if (regionName !== null && !region) read.fail('defaultRegion', 'UNKNOWN_REGION', `No region is named "${regionName.slice(0, 80)}".`);
    if (read.reasons.length > 0 || email === null || name === null || role === null) return { ok: false, reasons: read.reasons };
    const values: Record<string, unknown> = { email: email.toLowerCase(), name, role };
    if (cells('defaultRegion') !== null) values.defaultRegion = region?.id ?? null;
    return { ok: true, row: { values, display: displayValues(values, { defaultRegion: region?.name ?? null }), key: email.toLowerCase() } };
  },
  forCreate: (values, ctx) => ({
    ...values,
    regions: values.defaultRegion ? [values.defaultRegion] : [],
    mustChangePassword: true,
    passwordHash: ctx.passwordHash!,
  }),
  async existing(em, rows) {
    const found = await em.execute<Record<string, unknown>[]>(
      `select u.id, u.version, u.email, u.name, u.role, u.default_region_id as "defaultRegion", r.name as region_name
       from app_user u left join region r on r.id = u.default_region_id where lower(u.email) in (select jsonb_array_elements_text(?::jsonb))`,
      [textList(rows.map((r) => r.key))],
    );
    return groupByKey(
      found,
      (row) => String(row.email).toLowerCase(),
      ({ id, version, region_name, ...values }) => ({ id: String(id), version: Number(version), values, display: displayValues(values, { defaultRegion: region_name as string | null }) }),
    );
  },
};
