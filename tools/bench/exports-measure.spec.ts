import { describe, expect, it } from 'vitest';
import { CsvScan, kilobytes, parseCsv, peakGrowth } from './exports-measure.js';

const ID_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ID_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function scan(text: string, chunk: number) {
  const s = new CsvScan();
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  return s.end();
}

describe('CsvScan', () => {
  const crlf = `\uFEFFDate,Name,Id\r\n2024-10-01,"two\r\nlines, and a comma",${ID_A}\r\n2024-09-30,"say ""hi""",${ID_B}\r\n`;
  const lf = `Date,Name,Id\n2024-10-01,"two\nlines, and a comma",${ID_A}\n2024-09-30,"say ""hi""",${ID_B}\n`;

  it.each([1, 3, 7, 38, 1 << 20])('counts records, not lines, and hashes the ids whatever the chunk size (%i)', (chunk) => {
    const a = scan(crlf, chunk);
    expect(a).toMatchObject({ records: 3, dataRows: 2, header: 'Date,Name,Id', oddRecords: 0 });
    // CRLF with a BOM and LF without one: the same rows.
    expect(scan(lf, chunk).idsSha1).toBe(a.idsSha1);
  });

  it('counts a last record without a newline', () => {
    expect(scan(lf.slice(0, -1), 5)).toMatchObject({ records: 3, dataRows: 2, oddRecords: 0 });
    expect(scan('Date,Id', 2)).toMatchObject({ records: 1, dataRows: 0, header: 'Date,Id' });
  });

  it('tells apart another order and records that do not end with an id', () => {
    const swapped = `Date,Name,Id\n2024-09-30,x,${ID_B}\n2024-10-01,y,${ID_A}\n`;
    expect(scan(swapped, 4).idsSha1).not.toBe(scan(lf, 4).idsSha1);
    expect(scan('Id,Date\nx,2024-10-01\n', 4).oddRecords).toBe(1);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and both line endings', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x,1","say ""hi"""\n"two\nlines",\n')).toEqual([['a', 'b'], ['x,1', 'say "hi"'], ['two\nlines', '']]);
    expect(parseCsv('a,b\n1,2\n3,4\n', 2)).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('memory', () => {
  it('reads kB fields of /proc/<pid>/status as bytes', () => {
    expect(kilobytes('Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n', 'VmRSS')).toBe(100 * 1024 * 1024);
    expect(kilobytes('Name:\tnode\n', 'VmRSS')).toBeNull();
  });

  it('takes the larger of the sampled peak and the high-water mark', () => {
    expect(peakGrowth({ before: 100, peakSampled: 150, peakHwm: 180, after: 120, samples: 3 })).toBe(80);
    expect(peakGrowth({ before: 100, peakSampled: 150, peakHwm: null, after: 120, samples: 3 })).toBe(50);
  });
});
