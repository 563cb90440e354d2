import { changeKind, formatValue } from './format.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** An event's field-level changes as a table: field, what happened, before, after. */
export function ChangeDiff({ changes, label }: { changes: readonly FieldChange[]; label: string }) {
  if (changes.length === 0) return <p className="pams-muted">No field changed (an action without a record change).</p>;
  return (
    <table aria-label={label} style={{ borderCollapse: 'collapse', width: '100%', fontSize: '.9rem' }}>
      <thead>
        <tr>
          {['Field', '', 'Before', 'After'].map((c) => (
            <th key={c} style={{ textAlign: 'left', borderBottom: '1px solid var(--pams-line)', padding: '.2rem .4rem' }}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <td style={{ padding: '.2rem .4rem', fontWeight: 600 }}>{change.field}</td>
            <td style={{ padding: '.2rem .4rem' }} className="pams-muted">
              {changeKind(change)}
            </td>
            <td style={{ padding: '.2rem .4rem', wordBreak: 'break-word' }}>
              <del style={{ color: 'var(--pams-danger)' }}>{formatValue(change.before)}</del>
            </td>
            <td style={{ padding: '.2rem .4rem', wordBreak: 'break-word' }}>
              <ins style={{ color: '#16713a' }}>{formatValue(change.after)}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
