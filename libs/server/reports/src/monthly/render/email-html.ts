import type { MonthlyReport } from '../monthly-report.types.js';
import { formatCount, formatMoney, headlines, monthName, rangeLabel, scopeLabel } from './monthly-tables.js';

export interface EmailChart {
  title: string;
  /** File name of the PNG in the package, e.g. `charts/activity-by-type.png`. */
  file: string;
  png: Buffer;
  /** CSS pixels (the PNG is twice as large). */
  width: number;
  height: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px 0;font-size:14px;line-height:21px;color:#1d2230;">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const H2 = `${FONT}margin:24px 0 10px 0;font-size:18px;line-height:24px;color:#1d2230;border-bottom:2px solid #2f5fb3;padding-bottom:4px;`;

/**
 * The email body (P-015): headline numbers, highlights, win of the month, featured use cases, wins
 * and the charts as inline `data:` images — what a browser shows is what the recipients get. Inline
 * CSS and table layout only (mail clients drop <style> and most modern CSS), 640px wide at most.
 */
export function emailHtml(report: MonthlyReport, charts: readonly EmailChart[], attachments: readonly string[]): string {
  const title = `Pre-sales monthly report — ${rangeLabel(report)}`;
  const cells = headlines(report);
  const grid: string[] = [];
  for (let i = 0; i < cells.length; i += 3) {
    grid.push(
      `<tr>${cells
        .slice(i, i + 3)
        .map(([label, value]) => `<td width="33%" style="${FONT}padding:6px;" valign="top">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef1f6;border-radius:4px;"><tr><td style="${FONT}padding:10px 12px;">
    <div style="font-size:22px;line-height:28px;font-weight:bold;color:#2f5fb3;">${escapeHtml(value)}</div>
    <div style="font-size:12px;line-height:16px;color:#5b6275;">${escapeHtml(label)}</div>
  </td></tr></table>
</td>`)
        .join('')}</tr>`,
    );
  }
  const win = report.winOfTheMonth;
  const winBlock = win
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-left:4px solid #2f5fb3;background:#f7f9fc;"><tr><td style="${FONT}padding:12px 14px;">
  <div style="font-size:16px;line-height:22px;font-weight:bold;color:#1d2230;">${escapeHtml(`${win.outcome.accountName} — ${win.outcome.projectName}`)}</div>
  <div style="font-size:13px;line-height:19px;color:#5b6275;margin-bottom:8px;">${escapeHtml(`${formatMoney(win.outcome.mrrReporting)} MRR · ${win.outcome.regionName ?? 'No region'} · won by ${win.outcome.wonByName ?? 'nobody named'}`)}</div>
  ${paragraphs(win.story)}
</td></tr></table>`
    : `<p style="${FONT}font-size:14px;color:#5b6275;">No wins in this period.</p>`;
  const highlights = report.highlights.length
    ? report.highlights
        .map((h) => `${report.highlights.length > 1 || report.from !== report.to ? `<p style="${FONT}margin:0 0 6px 0;font-size:14px;font-weight:bold;color:#1d2230;">${escapeHtml(monthName(h.month))}</p>` : ''}<div style="${FONT}">${paragraphs(h.text)}</div>`)
        .join('')
    : `<p style="${FONT}font-size:14px;color:#5b6275;">No highlights were written for this period.</p>`;
  const useCases = report.featuredUseCases.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${report.featuredUseCases
        .map((u) => `<tr><td style="${FONT}padding:6px 0;border-bottom:1px solid #d5d9e2;font-size:14px;color:#1d2230;"><b>${escapeHtml(u.name)}</b> <span style="color:#5b6275;">(${escapeHtml(u.bucket.toLowerCase())})</span></td>
<td align="right" style="${FONT}padding:6px 0;border-bottom:1px solid #d5d9e2;font-size:13px;color:#5b6275;">${formatCount(u.activities)} activities · ${formatCount(u.wins)} wins · ${escapeHtml(formatMoney(u.wonMrr))}</td></tr>`)
        .join('')}</table>`
    : `<p style="${FONT}font-size:14px;color:#5b6275;">No use cases were featured for this period.</p>`;
  const cards = report.winCards.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${report.winCards
        .map((c) => `<tr><td style="${FONT}padding:8px 0;border-bottom:1px solid #d5d9e2;font-size:14px;line-height:20px;color:#1d2230;">
  <b>${escapeHtml(c.title)}</b> — ${escapeHtml(c.accountName)}<br><span style="color:#5b6275;font-size:13px;">${escapeHtml([c.regionName, c.useCaseName, c.manual ? 'added by hand' : null].filter(Boolean).join(' · ') || ' ')}</span></td>
<td align="right" valign="top" style="${FONT}padding:8px 0;border-bottom:1px solid #d5d9e2;font-size:14px;font-weight:bold;color:#2f5fb3;white-space:nowrap;">${escapeHtml(formatMoney(c.mrrReporting))}</td></tr>`)
        .join('')}</table>`
    : `<p style="${FONT}font-size:14px;color:#5b6275;">No wins in this period.</p>`;
  const images = charts
    .map((chart) => `<tr><td style="padding:8px 0;"><img src="data:image/png;base64,${chart.png.toString('base64')}" width="${chart.width}" height="${chart.height}" alt="${escapeHtml(chart.title)}" style="display:block;width:100%;max-width:${chart.width}px;height:auto;border:0;"></td></tr>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f2f4f8;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f2f4f8;"><tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background:#ffffff;"><tr><td style="${FONT}padding:24px 20px;">
<p style="${FONT}margin:0;font-size:13px;color:#5b6275;">PAMS · ${escapeHtml(scopeLabel(report))}</p>
<h1 style="${FONT}margin:4px 0 16px 0;font-size:24px;line-height:30px;color:#1d2230;">${escapeHtml(title)}</h1>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${grid.join('')}</table>
<h2 style="${H2}">Highlights</h2>
${highlights}
<h2 style="${H2}">Win of the month</h2>
${winBlock}
<h2 style="${H2}">Featured use cases</h2>
${useCases}
<h2 style="${H2}">Wins</h2>
${cards}
<h2 style="${H2}">Activity</h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${images}</table>
<p style="${FONT}margin:20px 0 0 0;font-size:12px;line-height:18px;color:#5b6275;">Attached: ${attachments.map(escapeHtml).join(', ')}. Figures as of ${escapeHtml(report.asOf.toISOString().slice(0, 16).replace('T', ' '))} UTC.</p>
</td></tr></table>
</td></tr></table>
</body>
</html>
`;
}
