import JSZip from 'jszip';
import type { MonthlyReport } from '../monthly-report.types.js';
import { barChartSvg } from './bar-chart.svg.js';
import { svgToPng } from './chart-png.js';
import { emailHtml, type EmailChart } from './email-html.js';
import { emailText } from './email-text.js';
import { renderMonthlyReportPdf } from './monthly-report.pdf.js';
import { chartBars, monthlyTables, rangeLabel, rangeSlug } from './monthly-tables.js';
import { tableCsv, tablesXlsx } from './table-files.js';

const CHART_WIDTH = 600;

/** File name of a download, e.g. `pams-monthly-report-2026-03.pdf`. */
export function monthlyReportFileName(report: Pick<MonthlyReport, 'from' | 'to'>, extension: 'pdf' | 'xlsx' | 'zip', stem = 'pams-monthly-report'): string {
  return `${stem}-${rangeSlug(report)}.${extension}`;
}

/** The PNG charts of the report's breakdowns (SVG drawn here, rasterised by resvg). */
export async function monthlyCharts(report: MonthlyReport): Promise<EmailChart[]> {
  const charts: EmailChart[] = [];
  for (const table of monthlyTables(report)) {
    if (table.chartColumn === undefined) continue;
    const svg = barChartSvg(chartBars(table), { title: table.title, width: CHART_WIDTH });
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    charts.push({ title: table.title, file: `charts/${table.key}.png`, png: await svgToPng(svg), width: CHART_WIDTH, height });
  }
  return charts;
}

/**
 * The monthly email package (P-015) as one zip, for a person to send: the HTML body with its charts
 * inlined as data: images (and the same PNGs as files, for mail tools that want real attachments),
 * the plain-text part, the tables as CSV and XLSX, the PDF, and README.txt. Nothing is sent from here.
 */
export async function renderEmailPackage(report: MonthlyReport): Promise<Buffer> {
  const tables = monthlyTables(report);
  const charts = await monthlyCharts(report);
  const xlsxName = monthlyReportFileName(report, 'xlsx');
  const pdfName = monthlyReportFileName(report, 'pdf');
  const csvNames = tables.map((t) => `${t.key}.csv`);
  const attachments = [pdfName, xlsxName, ...csvNames];
  const zip = new JSZip();
  const date = report.asOf;
  zip.file('email.html', emailHtml(report, charts, attachments), { date });
  zip.file('email.txt', emailText(report, tables, attachments), { date });
  for (const chart of charts) zip.file(chart.file, chart.png, { date, binary: true });
  tables.forEach((table, i) => zip.file(`attachments/${csvNames[i]}`, tableCsv(table), { date }));
  zip.file(`attachments/${xlsxName}`, await tablesXlsx(report, tables), { date, binary: true });
  zip.file(`attachments/${pdfName}`, await renderMonthlyReportPdf(report), { date, binary: true });
  zip.file('README.txt', readme(report, attachments), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function readme(report: MonthlyReport, attachments: readonly string[]): string {
  return [
    `PAMS monthly email package — ${rangeLabel(report)}`,
    '',
    'PAMS does not send this email: a person reviews it and sends it. To send it:',
    '',
    '1. Open email.html in a browser. It looks as the email will: check the figures, the highlights',
    '   and the win of the month. To change them, edit the month in PAMS (Reports → Monthly report)',
    '   and download the package again.',
    '2. Start a new message in your mail client, subject for example:',
    `   "Pre-sales monthly report — ${rangeLabel(report)}".`,
    '3. Paste the body: select all of email.html in the browser (Ctrl+A / Cmd+A), copy, paste into the',
    '   message. The charts are inlined as images and come along. Clients that refuse pasted inline',
    '   images: insert the PNG files from charts/ in their place.',
    '   Mail tools that take raw HTML (or a "send HTML" add-in) can use email.html directly;',
    '   email.txt is the plain-text part for tools that ask for one.',
    '4. Attach what the recipients need from attachments/:',
    ...attachments.map((name) => `   - ${name}`),
    '5. Check the recipients (the figures cover: ' + (report.scope.allRegions ? 'all regions' : report.scope.regionNames.join(', ') || 'no regions') + ') and send.',
    '',
    `Figures as of ${report.asOf.toISOString()}.`,
    '',
  ].join('\r\n');
}
