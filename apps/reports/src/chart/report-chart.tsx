import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import { stackedValues, type ChartData } from './chart-series.js';

/**
 * The chart itself: uPlot, in this module only. It is imported by LazyChart with `import()`, so uPlot and
 * its stylesheet arrive in their own chunk the first time a chart is shown, never with the page.
 */
const PALETTE = ['#2f5bd3', '#e07a1f', '#2a9d6f', '#c0392b', '#8e44ad', '#16a2b8', '#b8860b', '#7f8c8d'];
const HEIGHT = 320;

function ensureStyles(): void {
  if (document.querySelector('style[data-pams-uplot]')) return;
  const style = document.createElement('style');
  style.dataset.pamsUplot = '';
  style.textContent = uPlotCss;
  document.head.append(style);
}

function optionsOf(chart: ChartData, width: number): uPlot.Options {
  const bars = uPlot.paths.bars!({ size: [0.7, 64], gap: 2 });
  const n = chart.categories.length;
  // Stacked bars are drawn as running sums, tallest first, so each shorter sum paints over the one below.
  const order = chart.stacked ? chart.series.map((_, i) => chart.series.length - 1 - i) : chart.series.map((_, i) => i);
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: chart.kind === 'line', drag: { x: false, y: false } },
    scales: { x: { time: false, range: chart.kind === 'bar' ? [-0.5, n - 0.5] : [-0.3, Math.max(1, n - 1) + 0.3] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [
      {
        label: chart.xLabel,
        splits: () => chart.categories.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? truncate(chart.categories[i] ?? '') : '')),
        rotate: n > 8 ? -35 : 0,
        size: n > 8 ? 90 : 50,
      },
      { label: 'Activities', values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
    ],
    series: [
      {},
      ...order.map((i) => ({
        label: chart.series[i].label,
        stroke: PALETTE[i % PALETTE.length],
        width: chart.kind === 'line' ? 2 : 0,
        fill: chart.kind === 'bar' ? PALETTE[i % PALETTE.length] : undefined,
        paths: chart.kind === 'bar' ? bars : undefined,
        points: { show: chart.kind === 'line' },
      })),
    ],
  };
}

function dataOf(chart: ChartData): uPlot.AlignedData {
  const x = chart.categories.map((_, i) => i);
  const values = chart.stacked ? stackedValues(chart.series).reverse() : chart.series.map((s) => s.values);
  return [x, ...values];
}

function truncate(text: string): string {
  return text.length > 18 ? `${text.slice(0, 17)}…` : text;
}

/** A bar or line chart of a report, with its legend; the table beside it holds the exact figures. */
export function ReportChart({ chart, title }: { chart: ChartData; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    ensureStyles();
    const plot = new uPlot(optionsOf(chart, Math.max(320, element.clientWidth)), dataOf(chart), element);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [chart]);

  return (
    <figure data-testid="report-chart" style={{ margin: 0, background: 'var(--pams-surface)', border: '1px solid var(--pams-line)', borderRadius: 'var(--pams-radius)', padding: '.6rem' }}>
      <div ref={ref} role="img" aria-label={title} />
      <figcaption style={{ display: 'flex', flexWrap: 'wrap', gap: '.3rem .9rem', fontSize: '.85rem', color: 'var(--pams-muted)' }}>
        {chart.series.length > 1 &&
          chart.series.map((s, i) => (
            <span key={s.label} style={{ display: 'inline-flex', alignItems: 'center', gap: '.3rem' }}>
              <span aria-hidden="true" style={{ width: '.8rem', height: '.8rem', borderRadius: 2, background: PALETTE[i % PALETTE.length] }} />
              {s.label}
            </span>
          ))}
        {chart.note && <span>{chart.note}</span>}
      </figcaption>
    </figure>
  );
}
