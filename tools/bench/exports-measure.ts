/**
 * What the exports benchmark measures besides time: the resident memory of the gateway process while
 * it writes an export (sampled from /proc, and its high-water mark), and what a downloaded CSV holds
 * (records, counted with quotes in mind, and the sequence of its last column, the activity id).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** VmRSS and VmHWM of a process, in bytes (null where /proc does not say). */
export function memoryOf(pid: number): { rss: number | null; hwm: number | null } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: kilobytes(status, 'VmRSS'), hwm: kilobytes(status, 'VmHWM') };
}

export function kilobytes(status: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Resets the process's VmHWM to its current RSS (Linux: `echo 5 > /proc/<pid>/clear_refs`); false when not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemoryTrace {
  /** RSS when the sampling started. */
  before: number;
  /** The highest RSS sampled. */
  peakSampled: number;
  /** VmHWM at the end, when it was reset at the start (catches a peak between two samples). */
  peakHwm: number | null;
  /** RSS when the sampling stopped. */
  after: number;
  samples: number;
}

/** Growth over the RSS before: the larger of the sampled peak and the high-water mark. */
export function peakGrowth(trace: MemoryTrace): number {
  return Math.max(trace.peakSampled, trace.peakHwm ?? 0) - trace.before;
}

/** Samples VmRSS of `pid` every `everyMs` from now until `stop()`; resets VmHWM first when it can. */
export function sampleMemory(pid: number, everyMs = 50): { stop(): MemoryTrace } {
  const reset = resetPeak(pid);
  const before = memoryOf(pid).rss ?? 0;
  let peakSampled = before;
  let samples = 0;
  const timer = setInterval(() => {
    const rss = memoryOf(pid).rss;
    samples += 1;
    if (rss !== null && rss > peakSampled) peakSampled = rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = memoryOf(pid);
      peakSampled = Math.max(peakSampled, now.rss ?? 0);
      return { before, peakSampled, peakHwm: reset ? now.hwm : null, after: now.rss ?? 0, samples };
    },
  };
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU (user + system) a process has used, in ms, from /proc/<pid>/stat; null once it is gone. */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after "(comm)": state is the 3rd, utime the 14th, stime the 15th (man 5 proc).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** CPU of a set of processes (pid → ms) now; the ones that are gone are left out. */
export function cpuOf(pids: readonly number[]): Map<number, number> {
  const result = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== null) result.set(pid, ms);
  }
  return result;
}

/** CPU used between two readings; a process that appeared meanwhile counts from zero. */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, value] of after) ms += value - (before.get(pid) ?? 0);
  return ms;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const UUID_LENGTH = 36;

/**
 * Counts the records of a CSV (LF or CRLF; a newline inside quotes is part of a field) and hashes the
 * last field of every record after the header, which both the export and the floor end with the
 * activity id (36 characters, never quoted): equal hashes mean the same rows in the same order.
 */
export class CsvScan {
  records = 0;
  /** The header record, as text (a UTF-8 BOM removed). */
  header = '';
  private inQuotes = false;
  /** Bytes after the last record's end: a record in progress. */
  private open = false;
  private carry = Buffer.alloc(0);
  private headerBytes: Buffer[] = [];
  private readonly ids = createHash('sha1');
  /** Records after the header whose last field is not 36 characters (an id): should stay 0. */
  oddRecords = 0;
  /** The first ids, for a message when two files differ. */
  readonly firstIds: string[] = [];

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // The carry was scanned with the previous chunk (and is in headerBytes while the header lasts).
    let recordStart = this.carry.length;
    for (let i = this.carry.length; i < buf.length; i++) {
      const byte = buf[i];
      if (byte === QUOTE) this.inQuotes = !this.inQuotes;
      else if (byte === LF && !this.inQuotes) {
        const end = i > 0 && buf[i - 1] === CR ? i - 1 : i;
        if (this.records === 0) {
          this.headerBytes.push(buf.subarray(recordStart, Math.max(recordStart, end)));
          this.header = headerText(this.headerBytes);
        } else {
          this.takeId(buf, end);
        }
        this.records += 1;
        recordStart = i + 1;
      }
    }
    if (this.records === 0) this.headerBytes.push(buf.subarray(recordStart));
    this.open = recordStart < buf.length;
    // Enough of the record in progress to read its id when it ends in the next chunk.
    this.carry = Buffer.from(buf.subarray(Math.max(0, buf.length - (UUID_LENGTH + 2))));
  }

  /** Call after the last chunk: a final record without a newline is counted too. */
  end(): { records: number; dataRows: number; idsSha1: string; header: string; oddRecords: number } {
    // A last record without a newline after it.
    if (this.open) {
      if (this.records === 0) this.header = headerText(this.headerBytes);
      else this.takeId(this.carry, this.carry.length);
      this.records += 1;
    }
    return { records: this.records, dataRows: Math.max(0, this.records - 1), idsSha1: this.ids.digest('hex'), header: this.header, oddRecords: this.oddRecords };
  }

  private takeId(buf: Buffer, end: number): void {
    const start = end - UUID_LENGTH;
    const id = start >= 0 ? buf.toString('latin1', start, end) : '';
    const previous = start - 1 >= 0 ? buf[start - 1] : 0x2c;
    if (!/^[0-9a-f-]{36}$/.test(id) || previous !== 0x2c) this.oddRecords += 1;
    if (this.firstIds.length < 3) this.firstIds.push(id);
    this.ids.update(id);
    this.ids.update('\n');
  }
}

/** The header's bytes as text: no BOM, no CR left over when the CRLF was split between two chunks. */
function headerText(parts: Buffer[]): string {
  return Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
}

/** Scans a CSV file in 1 MiB chunks. */
export async function scanCsvFile(file: string): Promise<ReturnType<CsvScan['end']> & { firstIds: string[] }> {
  const scan = new CsvScan();
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) scan.push(chunk as Buffer);
  return { ...scan.end(), firstIds: scan.firstIds };
}

/** RFC 4180 fields of the first `max` records of `text` (for comparing a sample of two files cell by cell). */
export function parseCsv(text: string, max = Infinity): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length && records.length < max; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (records.length < max && (field !== '' || record.length > 0)) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The first `bytes` of a file as UTF-8 text, cut after its last complete line. */
export async function headOf(file: string, bytes = 4 << 20): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return bytesRead < bytes ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/** Whether the file starts as a zip archive does (`PK\x03\x04`), as every XLSX does. */
export async function isZip(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}
