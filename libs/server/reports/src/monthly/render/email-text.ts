import type { MonthlyReport } from '../monthly-report.types.js';
import { formatCount, formatMoney, headlines, monthName, rangeLabel, scopeLabel, type ReportTable } from './monthly-tables.js';

/** The plain-text part of the email: the same content as email.html, tables as aligned text. */
export function emailText(report: MonthlyReport, tables: readonly ReportTable[], attachments: readonly string[]): string {
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title, '-'.repeat(title.length));
  lines.push(`Pre-sales monthly report — ${rangeLabel(report)}`, `PAMS · ${scopeLabel(report)}`, '');
  const labelWidth = Math.max(...headlines(report).map(([label]) => label.length));
  for (const [label, value] of headlines(report)) lines.push(`${label.padEnd(labelWidth)}  ${value}`);
  section('Highlights');
  if (report.highlights.length === 0) lines.push('No highlights were written for this period.');
  for (const h of report.highlights) {
    if (report.highlights.length > 1 || report.from !== report.to) lines.push(`${monthName(h.month)}:`);
    lines.push(h.text, '');
  }
  section('Win of the month');
  const win = report.winOfTheMonth;
  if (win) {
    lines.push(`${win.outcome.accountName} — ${win.outcome.projectName}`, `${formatMoney(win.outcome.mrrReporting)} MRR · ${win.outcome.regionName ?? 'No region'} · won by ${win.outcome.wonByName ?? 'nobody named'}`, '', win.story);
  } else {
    lines.push('No wins in this period.');
  }
  section('Featured use cases');
  if (report.featuredUseCases.length === 0) lines.push('No use cases were featured for this period.');
  for (const u of report.featuredUseCases) lines.push(`* ${u.name}: ${formatCount(u.activities)} activities, ${formatCount(u.wins)} wins, ${formatMoney(u.wonMrr)}`);
  section('Wins');
  if (report.winCards.length === 0) lines.push('No wins in this period.');
  for (const c of report.winCards) lines.push(`* ${c.title} — ${c.accountName}: ${formatMoney(c.mrrReporting)}${c.manual ? ' (added by hand)' : ''}`);
  for (const table of tables.slice(1)) {
    section(table.title);
    if (table.rows.length === 0) lines.push('Nothing in this period.');
    const widths = table.columns.map((name, i) => Math.max(name.length, ...table.rows.map((r) => text(r[i]).length)));
    const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
    if (table.rows.length > 0) lines.push(format(table.columns), format(widths.map((w) => '-'.repeat(w))));
    for (const row of table.rows) lines.push(format(row.map(text)));
  }
  lines.push('', `Attached: ${attachments.join(', ')}.`, `Figures as of ${report.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC.`, '');
  return lines.join('\r\n');
}

function text(cell: string | number | null | undefined): string {
  return cell === null || cell === undefined ? '—' : typeof cell === 'number' ? formatCount(cell) : cell;
}
