import type { ChartBar } from './monthly-tables.js';

export interface BarChartOptions {
  title: string;
  /** Width in CSS pixels; the PNG is rendered at twice this for sharp email images. */
  width?: number;
}

const ROW = 24;
const BAR = 16;
const LABEL = 180;
const VALUE = 56;
const TITLE = 34;
const PAD = 12;
const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A horizontal bar chart as SVG: a title, one labelled bar per row with its value at the end. */
export function barChartSvg(bars: readonly ChartBar[], options: BarChartOptions): string {
  const width = options.width ?? 600;
  const height = TITLE + Math.max(1, bars.length) * ROW + PAD;
  const area = width - LABEL - VALUE - 2 * PAD;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((bar, i) => {
    const y = TITLE + i * ROW;
    const length = bar.value > 0 ? Math.max(2, (bar.value / max) * area) : 0;
    return [
      `<text x="${PAD + LABEL - 8}" y="${y + BAR - 3}" text-anchor="end" font-size="12" fill="#1d2230">${escapeXml(clip(bar.label, 26))}</text>`,
      `<rect x="${PAD + LABEL}" y="${y}" width="${length.toFixed(1)}" height="${BAR}" rx="2" fill="#2f5fb3"/>`,
      `<text x="${(PAD + LABEL + length + 6).toFixed(1)}" y="${y + BAR - 3}" font-size="12" fill="#5b6275">${bar.value.toLocaleString('en-US', { maximumFractionDigits: 1 })}</text>`,
    ].join('');
  });
  const empty = bars.length === 0 ? `<text x="${PAD}" y="${TITLE + BAR - 3}" font-size="12" fill="#5b6275">Nothing in this period.</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`
    + `<rect width="100%" height="100%" fill="#ffffff"/>`
    + `<text x="${PAD}" y="22" font-size="15" font-weight="bold" fill="#1d2230">${escapeXml(options.title)}</text>`
    + rows.join('')
    + empty
    + '</svg>';
}
