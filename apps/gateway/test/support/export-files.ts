import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { ACTIVITY_TYPE_LABELS, type ActivityType } from '@pams/shared-util';
import type { SignedInUser } from './domain-fixtures.js';
import type { TestApp } from './test-app.js';

/** RFC 4180 CSV as csv-stringify writes it (quoted fields, doubled quotes, CRLF records) back into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV download as text, with its BOM checked and removed. */
export function csvText(body: Buffer): string {
  if (body[0] !== 0xef || body[1] !== 0xbb || body[2] !== 0xbf) throw new Error('the CSV has no UTF-8 BOM');
  return body.subarray(3).toString('utf8');
}

/** Every sheet of an XLSX file as rows of cell values (exceljs's reader; empty cells null). */
export async function readXlsx(body: Buffer): Promise<{ name: string; rows: unknown[][]; boldHeader: boolean }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values: unknown[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const v = row.getCell(c).value;
        values.push(v === undefined ? null : v);
      }
      rows.push(values);
    });
    return { name: sheet.name, rows, boldHeader: sheet.getRow(1).getCell(1).font?.bold === true };
  });
}

/** The text a PDF shows: its content streams inflated, each TJ/Tj's hex strings joined and decoded (the standard fonts' WinAnsi). */
/** WinAnsi's 0x80–0x9F (the rest is latin1); Node's TextDecoder reads windows-1252 as latin1. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const WIN_ANSI = { decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join('') };

export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  for (const body of pdfStreams(pdf)) {
    let content: string;
    try {
      content = zlib.inflateSync(body).toString('latin1');
    } catch {
      continue; // not a deflated content stream (an image, a font)
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : op[2];
      out.push(WIN_ANSI.decode(Buffer.from(hex, 'hex')));
    }
  }
  return out.join('\n');
}

/**
 * Every stream's bytes, taken by the /Length its dictionary states. (Searching for the next "endstream"
 * instead cuts a compressed stream whose last byte happens to be a CR — about one stream in 256.)
 */
function pdfStreams(pdf: Buffer): Buffer[] {
  const source = pdf.toString('latin1');
  const streams: Buffer[] = [];
  for (const match of source.matchAll(/\/Length\s+(\d+)(?![\d\s]*R)[^]*?>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    streams.push(pdf.subarray(start, start + Number(match[1])));
  }
  return streams;
}

export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page[^s]/g)].length;
}

/** Whether the pages are wider than tall (the first page's MediaBox). */
export function pdfLandscape(pdf: Buffer): boolean {
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  if (!box) throw new Error('no MediaBox');
  return Number(box[1]) > Number(box[2]);
}

/** A GET with the user's session cookie (or none), the body read whole. */
export async function getFile(app: TestApp, path: string, user?: SignedInUser, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const all: Record<string, string> = { ...headers };
  if (user) all.cookie = [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(app.url + path, { headers: all });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

export function exportUrl(path: string, query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return `${path}?${params}`;
}

export const ACTIVITY_EXPORT_FIELDS = `id date category type effortDays effortHours callType name topic description minutesOfMeeting sowLink
  pocAccessType pocUseCase pocStartDate pocEndDate rfxType submissionDeadline createdAt updatedAt
  owner { name email } region { name } account { name } project { name }`;

/** An activity from the API as the export's columns hold it (CSV text, before the formula guard). */
export function activityExportRow(a: Record<string, any>): (string | number | null)[] {
  return [
    a.date, a.owner.name, a.owner.email, a.region?.name ?? null, a.category, ACTIVITY_TYPE_LABELS[a.type as ActivityType], a.account?.name ?? null,
    a.project?.name ?? null, a.effortDays, a.effortHours, a.callType, a.name, a.topic, a.description, a.minutesOfMeeting, a.sowLink,
    a.pocAccessType, a.pocUseCase, a.pocStartDate, a.pocEndDate, a.rfxType, a.submissionDeadline, a.createdAt, a.updatedAt, a.id,
  ];
}

export const ACTIVITY_EXPORT_HEADER = ['Date', 'Owner', 'Owner email', 'Region', 'Category', 'Type', 'Account', 'Project', 'Effort (days)', 'Effort (hours)',
  'Call type', 'Name', 'Topic', 'Description', 'Minutes of meeting', 'SOW link', 'PoC access', 'PoC use case', 'PoC start', 'PoC end', 'RFx type',
  'Submission deadline', 'Created', 'Updated', 'Id'];

/** A row of values as CSV shows them: numbers plain, nothing as an empty field. */
export function asCsv(row: readonly (string | number | null | undefined)[]): string[] {
  return row.map((v) => (v === null || v === undefined ? '' : String(v)));
}
