export interface ProgressBarProps {
  label: string;
  done: number;
  /** Null when the end is not known yet (a file still being read). */
  total: number | null | undefined;
  message?: string | null;
}

/** A step's progress as a bar and its words; without a total, the count alone. */
export function ProgressBar({ label, done, total, message }: ProgressBarProps) {
  const known = typeof total === 'number' && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : null;
  const text = message ?? (known ? `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : `${done.toLocaleString('en-US')} so far`);
  return (
    <div data-testid="legacy-progress" style={{ display: 'flex', flexDirection: 'column', gap: '.25rem', margin: '.5rem 0' }}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={done}
        aria-valuetext={text}
        style={{ height: '.6rem', borderRadius: '.3rem', background: 'rgba(127,127,127,.25)', overflow: 'hidden', maxWidth: '32rem' }}
      >
        <div style={{ height: '100%', width: percent === null ? '30%' : `${percent}%`, background: 'currentColor', opacity: percent === null ? 0.4 : 0.8 }} />
      </div>
      <span className="pams-muted">{percent === null ? text : `${text} (${percent} %)`}</span>
    </div>
  );
}
