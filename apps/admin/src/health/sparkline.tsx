/**
 * A small line chart of a series, drawn as inline SVG (no chart library: a few points, drawn at once).
 * Gaps (null) break the line; a dashed line marks the threshold when given. Decorative beside its numbers,
 * so the table or text next to it carries the values for screen readers; the SVG has a label.
 */
export function Sparkline({
  values,
  label,
  threshold,
  width = 240,
  height = 40,
}: {
  values: readonly (number | null)[];
  label: string;
  threshold?: number;
  width?: number;
  height?: number;
}) {
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(1, ...known, threshold ?? 0);
  const min = Math.min(0, ...known);
  const x = (i: number) => (values.length <= 1 ? width / 2 : (i * (width - 4)) / (values.length - 1) + 2);
  const y = (v: number) => height - 2 - ((v - min) * (height - 4)) / (max - min || 1);
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const dots = values.map((v, i) => (v === null ? null : { cx: x(i), cy: y(v) })).filter((d) => d !== null);
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: 'block' }} data-testid="sparkline">
      {threshold !== undefined ? <line x1={0} x2={width} y1={y(threshold)} y2={y(threshold)} stroke="currentColor" strokeOpacity={0.4} strokeDasharray="3 3" /> : null}
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />
      ))}
      {dots.length === 1 ? <circle cx={dots[0]!.cx} cy={dots[0]!.cy} r={2} fill="currentColor" /> : null}
    </svg>
  );
}
