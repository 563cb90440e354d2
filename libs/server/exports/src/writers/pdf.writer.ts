import PDFDocument from 'pdfkit';
import { pdfText } from '@pams/server-reports';
import type { Cell, ExportColumn, ExportRow } from '../table-source.js';
import { drained, ended, type TableWriter } from './writer.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 36;
const ROW = 13;
const HEADER = 16;
const FOOTER = 20;
const PAD = 3;
const FONT_SIZE = 7.5;
const INK = '#1d2230';
const MUTED = '#5b6275';
const SHADE = '#eef1f6';
const RULE = '#9aa3b5';
/** More columns than this and the table is printed landscape. */
const PORTRAIT_MAX_COLUMNS = 6;
const DEFAULT_WIDTHS: Record<ExportColumn['type'], number> = { text: 2, number: 1, date: 1, datetime: 1.6, json: 3 };

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function pdfCell(column: ExportColumn, value: Cell): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return NUMBER.format(value);
  if (column.type === 'datetime') return value.slice(0, 16).replace('T', ' ');
  return value;
}

interface Layout {
  columns: ExportColumn[];
  x: number[];
  widths: number[];
  top: number;
  bottom: number;
}

/** Rows a page holds below `from` (the header row first). */
function capacity(layout: Layout, from: number): number {
  return Math.max(1, Math.floor((layout.bottom - from - HEADER) / ROW));
}

/** The widest prefix of `text` that fits `width`, with an ellipsis when cut (binary search on the font's metrics). */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * A PDF table: the title and the filters/range line on the first page, the header row repeated on every
 * page, page numbers ("Page n of m" when the row count is known up front: rows have one fixed height), and
 * landscape pages for wide tables. Pages are written out as they fill (no page buffering), so a long table
 * streams. Columns with `pdfWidth: 0` are left to the CSV and XLSX files.
 */
export const writePdf: TableWriter = async (source, out, hooks) => {
  const columns = source.columns.filter((c) => c.pdfWidth !== 0);
  const landscape = columns.length > PORTRAIT_MAX_COLUMNS;
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: pdfText(source.title), Author: 'PAMS', CreationDate: new Date() },
  });
  doc.on('error', (error: Error) => out.destroy(error));
  doc.pipe(out);

  const pageWidth = doc.page.width - 2 * MARGIN;
  const weights = columns.map((c) => c.pdfWidth ?? DEFAULT_WIDTHS[c.type]);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * pageWidth);
  const x = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const layout: Layout = { columns, x, widths, top: MARGIN, bottom: doc.page.height - MARGIN - FOOTER };

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(14).text(pdfText(source.title), MARGIN, MARGIN, { width: pageWidth });
  doc.moveDown(0.3).fillColor(MUTED).font('Helvetica').fontSize(8.5).text(pdfText(source.description), { width: pageWidth });
  const firstTop = doc.y + 8;

  const firstCapacity = capacity(layout, firstTop);
  const otherCapacity = capacity(layout, layout.top);
  const pages = source.total === null ? null : source.total <= firstCapacity ? 1 : 1 + Math.ceil((source.total - firstCapacity) / otherCapacity);
  let page = 1;
  let y = firstTop;
  let left = firstCapacity;

  const footer = () => {
    doc.fillColor(MUTED).font('Helvetica').fontSize(7.5);
    const label = pages !== null && page <= pages ? `Page ${page} of ${pages}` : `Page ${page}`;
    const fy = doc.page.height - MARGIN - FOOTER / 2;
    doc.text(pdfText(fit(doc, source.title, pageWidth / 2)), MARGIN, fy, { lineBreak: false });
    doc.text(label, MARGIN + pageWidth - doc.widthOfString(label), fy, { lineBreak: false });
  };
  const header = () => {
    doc.rect(MARGIN, y, pageWidth, HEADER).fill(SHADE);
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(FONT_SIZE);
    columns.forEach((c, i) => {
      const label = fit(doc, pdfText(c.header), widths[i] - 2 * PAD);
      const lx = c.type === 'number' ? x[i] + widths[i] - PAD - doc.widthOfString(label) : x[i] + PAD;
      doc.text(label, lx, y + 5, { lineBreak: false });
    });
    doc.moveTo(MARGIN, y + HEADER).lineTo(MARGIN + pageWidth, y + HEADER).lineWidth(0.5).strokeColor(RULE).stroke();
    y += HEADER;
    doc.font('Helvetica').fontSize(FONT_SIZE);
  };
  const row = (values: ExportRow, index: number) => {
    if (left === 0) {
      doc.addPage();
      page += 1;
      y = layout.top;
      left = otherCapacity;
      footer();
      header();
    }
    if (index % 2 === 1) {
      doc.rect(MARGIN, y, pageWidth, ROW).fill(SHADE);
    }
    doc.fillColor(INK);
    columns.forEach((c, i) => {
      const text = pdfCell(c, values[c.key] ?? null);
      if (text === '') return;
      const shown = fit(doc, pdfText(text), widths[i] - 2 * PAD);
      const tx = c.type === 'number' ? x[i] + widths[i] - PAD - doc.widthOfString(shown) : x[i] + PAD;
      doc.text(shown, tx, y + 3.5, { lineBreak: false });
    });
    y += ROW;
    left -= 1;
  };

  footer();
  header();
  let done = 0;
  for await (const batch of source.batches()) {
    for (const values of batch) row(values, done++);
    await hooks?.onRows?.(done);
    await drained(out);
  }
  if (done === 0) doc.fillColor(MUTED).text('No rows.', MARGIN + PAD, y + 4, { lineBreak: false });
  doc.end();
  await ended(out);
};
