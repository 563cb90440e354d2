import PDFDocument from 'pdfkit';
import type { MonthlyReport } from '../monthly-report.types.js';
import { chartBars, formatCount, formatMoney, headlines, monthlyTables, monthName, rangeLabel, scopeLabel, type Cell, type ChartBar, type ReportTable } from './monthly-tables.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 48;
const INK = '#1d2230';
const MUTED = '#5b6275';
const ACCENT = '#2f5fb3';
const RULE = '#d5d9e2';
const SHADE = '#eef1f6';
const FOOTER = 28;

/** Characters the standard PDF fonts (WinAnsi) can show; anything else prints as "?" rather than as a wrong glyph. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfText(value: Cell | undefined): string {
  const text = value === null || value === undefined ? '—' : typeof value === 'number' ? formatCount(value) : value;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  }
  return out;
}

/**
 * The monthly report as a PDF (P-015): a title page with the headline figures and highlights, featured
 * use cases, the win of the month and win cards, the wins/losses table, then each breakdown as a bar
 * chart drawn with vector shapes above its table; page numbers on every page. A pure function of the data.
 */
export function renderMonthlyReportPdf(report: MonthlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `PAMS monthly report — ${pdfText(rangeLabel(report))}`, Author: 'PAMS', CreationDate: report.asOf },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  titlePage(doc, report);
  doc.addPage();
  featuredUseCases(doc, report);
  winOfTheMonth(doc, report);
  winCards(doc, report);
  const [outcomes, ...breakdowns] = monthlyTables(report);
  doc.addPage();
  heading(doc, outcomes.title);
  table(doc, {
    ...outcomes,
    // The PDF shows the columns that fit a page; the CSV/XLSX attachments hold every one.
    columns: ['Month', 'Result', 'Account', 'Project', 'Region', `MRR (USD)`, 'Won by'],
    rows: outcomes.rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[10], r[7]]),
  }, [52, 44, 110, 110, 70, 55, 58]);
  for (const breakdown of breakdowns) {
    doc.addPage();
    heading(doc, breakdown.title);
    barChart(doc, chartBars(breakdown));
    table(doc, breakdown);
  }
  pageNumbers(doc);
  doc.end();
  return done;
}

function width(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom - FOOTER;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureRoom(doc, 60);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(15).fillColor(INK).text(pdfText(text), MARGIN, doc.y);
  doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + width(doc), doc.y + 2).lineWidth(1).strokeColor(ACCENT).stroke();
  doc.moveDown(0.6);
}

function paragraph(doc: Doc, text: string, size = 10, color = INK): void {
  doc.font('Helvetica').fontSize(size).fillColor(color).text(pdfText(text), MARGIN, doc.y, { width: width(doc) });
}

function titlePage(doc: Doc, report: MonthlyReport): void {
  doc.font('Helvetica').fontSize(11).fillColor(MUTED).text('PAMS · Pre-sales monthly report', MARGIN, 90);
  doc.font('Helvetica-Bold').fontSize(28).fillColor(INK).text(pdfText(rangeLabel(report)), MARGIN, doc.y + 6);
  paragraph(doc, `${scopeLabel(report)} · figures as of ${report.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC`, 10, MUTED);
  doc.moveDown(1.5);
  // The headline figures as a grid of boxes, three to a row.
  const boxes = headlines(report);
  const gap = 10;
  const boxWidth = (width(doc) - 2 * gap) / 3;
  const boxHeight = 58;
  const top = doc.y;
  boxes.forEach(([label, value], i) => {
    const x = MARGIN + (i % 3) * (boxWidth + gap);
    const y = top + Math.floor(i / 3) * (boxHeight + gap);
    doc.roundedRect(x, y, boxWidth, boxHeight, 4).fillColor(SHADE).fill();
    doc.font('Helvetica-Bold').fontSize(20).fillColor(ACCENT).text(pdfText(value), x + 10, y + 9, { width: boxWidth - 20, lineBreak: false });
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(pdfText(label), x + 10, y + 36, { width: boxWidth - 20, lineBreak: false });
  });
  doc.y = top + Math.ceil(boxes.length / 3) * (boxHeight + gap) + 10;
  heading(doc, 'Highlights');
  if (report.highlights.length === 0) paragraph(doc, 'No highlights were written for this period.', 10, MUTED);
  for (const highlight of report.highlights) {
    if (report.highlights.length > 1 || report.from !== report.to) {
      doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(pdfText(monthName(highlight.month)), MARGIN, doc.y);
    }
    paragraph(doc, highlight.text);
    doc.moveDown(0.6);
  }
}

function featuredUseCases(doc: Doc, report: MonthlyReport): void {
  heading(doc, 'Featured use cases');
  if (report.featuredUseCases.length === 0) {
    paragraph(doc, 'No use cases were featured for this period.', 10, MUTED);
    return;
  }
  table(doc, {
    key: 'featured-use-cases',
    title: 'Featured use cases',
    columns: ['Use case', 'Bucket', 'Activities', 'Wins', 'Won MRR (USD)'],
    rows: report.featuredUseCases.map((u) => [u.name, u.bucket, u.activities, u.wins, u.wonMrr]),
  });
}

function winOfTheMonth(doc: Doc, report: MonthlyReport): void {
  heading(doc, 'Win of the month');
  const win = report.winOfTheMonth;
  if (!win) {
    paragraph(doc, 'No wins in this period.', 10, MUTED);
    return;
  }
  const o = win.outcome;
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(pdfText(`${o.accountName} — ${o.projectName}`), MARGIN, doc.y, { width: width(doc) });
  paragraph(doc, `${formatMoney(o.mrrReporting)} MRR · ${o.regionName ?? 'No region'} · won by ${o.wonByName ?? 'nobody named'} · ${win.source === 'PICKED' ? 'picked by the managers' : 'largest win'}`, 10, MUTED);
  doc.moveDown(0.3);
  paragraph(doc, win.story);
  doc.moveDown(0.5);
}

function winCards(doc: Doc, report: MonthlyReport): void {
  heading(doc, 'Wins');
  if (report.winCards.length === 0) {
    paragraph(doc, 'No wins in this period.', 10, MUTED);
    return;
  }
  const gap = 10;
  const cardWidth = (width(doc) - gap) / 2;
  const cardHeight = 118;
  let column = 0;
  let top = doc.y;
  for (const card of report.winCards) {
    if (column === 0) {
      if (top + cardHeight > bottom(doc)) {
        doc.addPage();
        top = doc.y;
      }
    }
    const x = MARGIN + column * (cardWidth + gap);
    doc.roundedRect(x, top, cardWidth, cardHeight, 4).lineWidth(0.8).strokeColor(RULE).stroke();
    doc.rect(x, top, 4, cardHeight).fillColor(card.manual ? MUTED : ACCENT).fill();
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(pdfText(card.title), x + 12, top + 8, { width: cardWidth - 20, lineBreak: false, ellipsis: true });
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(pdfText(card.accountName), x + 12, top + 23, { width: cardWidth - 20, lineBreak: false, ellipsis: true });
    doc.font('Helvetica-Bold').fontSize(14).fillColor(ACCENT).text(pdfText(formatMoney(card.mrrReporting)), x + 12, top + 37, { width: cardWidth - 20, lineBreak: false });
    const meta = card.manual ? 'Added by hand' : [card.regionName, card.useCaseName, card.wonByName && `won by ${card.wonByName}`].filter(Boolean).join(' · ');
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(pdfText(meta), x + 12, top + 56, { width: cardWidth - 20, lineBreak: false, ellipsis: true });
    doc.font('Helvetica').fontSize(8.5).fillColor(INK).text(pdfText(card.story), x + 12, top + 70, { width: cardWidth - 20, height: cardHeight - 76, ellipsis: true });
    column = (column + 1) % 2;
    if (column === 0) top += cardHeight + gap;
  }
  doc.y = column === 0 ? top : top + cardHeight + gap;
  doc.x = MARGIN;
}

/** Horizontal bars, one per row, drawn as rectangles (no raster image in the PDF). */
function barChart(doc: Doc, bars: ChartBar[]): void {
  if (bars.length === 0) return;
  const labelWidth = 150;
  const valueWidth = 50;
  const barHeight = 12;
  const step = 17;
  const area = width(doc) - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  ensureRoom(doc, bars.length * step + 10);
  const top = doc.y;
  bars.forEach((bar, i) => {
    const y = top + i * step;
    doc.font('Helvetica').fontSize(8.5).fillColor(INK).text(pdfText(bar.label), MARGIN, y + 2, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    const length = Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * area);
    doc.rect(MARGIN + labelWidth, y, length, barHeight).fillColor(ACCENT).fill();
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(pdfText(formatCount(bar.value)), MARGIN + labelWidth + length + 4, y + 2, { width: valueWidth, lineBreak: false });
  });
  doc.y = top + bars.length * step + 12;
  doc.x = MARGIN;
}

/** A table with a shaded header row that repeats on every page it runs onto. */
function table(doc: Doc, data: ReportTable, widths?: number[]): void {
  const total = width(doc);
  const first = Math.max(total * 0.4, total - (data.columns.length - 1) * 80);
  const columns = widths ?? [first, ...data.columns.slice(1).map(() => (total - first) / (data.columns.length - 1))];
  const rowHeight = 16;
  const header = () => {
    doc.rect(MARGIN, doc.y, total, rowHeight).fillColor(SHADE).fill();
    row(data.columns, true);
  };
  const row = (cells: Cell[], bold = false) => {
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const numeric = typeof cell === 'number';
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor(INK)
        .text(pdfText(cell), x + 3, y + 4, { width: columns[i] - 6, lineBreak: false, ellipsis: true, align: numeric ? 'right' : 'left' });
      x += columns[i];
    });
    doc.moveTo(MARGIN, y + rowHeight).lineTo(MARGIN + total, y + rowHeight).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.y = y + rowHeight;
  };
  ensureRoom(doc, rowHeight * 3);
  header();
  if (data.rows.length === 0) row(['Nothing in this period.']);
  for (const cells of data.rows) {
    if (doc.y + rowHeight > bottom(doc)) {
      doc.addPage();
      header();
    }
    row(cells);
  }
  doc.y += 10;
  doc.x = MARGIN;
}

function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin would otherwise start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED)
      .text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN, { width: width(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
