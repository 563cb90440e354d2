import { useState, type FormEvent } from 'react';
import type { LegacyImportView } from '@pams/client-admin-data-access';
import { CELL, TableHead } from '../shared/table-head.js';
import { StepAlert, type LegacySteps } from './legacy-steps.js';

const NOT_MAPPED = '';

/**
 * Which column of the file feeds each field: the server's mapping (its suggestion until saved), each a
 * select of the file's headers. Save it, or run the dry run, which saves unsaved changes first.
 */
export function MappingForm({ imp, steps, onReload }: { imp: LegacyImportView; steps: LegacySteps; onReload(): void }) {
  const saved = Object.fromEntries(imp.fields.map((f) => [f.name, f.column ?? null]));
  const [columns, setColumns] = useState<Record<string, number | null>>(saved);
  const changed = imp.fields.filter((f) => columns[f.name] !== saved[f.name]);
  const fieldProblems = steps.problem?.source === 'mapping' && steps.problem.problem.kind === 'refused' ? steps.problem.problem.fields : [];
  const problemOf = (name: string) => fieldProblems.filter((p) => p.field === name);

  const save = () => steps.map(changed.map((f) => ({ field: f.name, column: columns[f.name] })));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const dryRun = async () => {
    let version = imp.version;
    if (changed.length > 0) {
      const after = await save();
      if (!after) return;
      version = after.version;
    }
    await steps.check(version);
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby="legacy-mapping-title" data-testid="legacy-mapping" className="pams-panel">
      <h2 id="legacy-mapping-title">Columns</h2>
      <p className="pams-muted" style={{ marginTop: 0 }}>
        Each field of PAMS reads the column chosen here. <abbr title="required">*</abbr> marks a required field, <strong>key</strong> the fields rows are matched
        on.
      </p>
      <table aria-label="Column mapping" style={{ borderCollapse: 'collapse' }}>
        <TableHead columns={['Field', 'Column of the file']} />
        <tbody>
          {imp.fields.map((f) => {
            const id = `legacy-map-${f.name}`;
            const problems = problemOf(f.name);
            return (
              <tr key={f.name} data-field={f.name}>
                <td style={CELL}>
                  <label htmlFor={id}>{f.label}</label>
                  {f.required ? (
                    <abbr title="required" aria-label="required" style={{ marginLeft: '.2rem' }}>
                      *
                    </abbr>
                  ) : null}
                  {f.key ? (
                    <span className="pams-badge" style={{ marginLeft: '.4rem' }}>
                      key
                    </span>
                  ) : null}
                </td>
                <td style={CELL}>
                  <select
                    id={id}
                    className="pams-select"
                    value={columns[f.name] === null || columns[f.name] === undefined ? NOT_MAPPED : String(columns[f.name])}
                    aria-invalid={problems.length > 0 || undefined}
                    aria-describedby={problems.length > 0 ? `${id}-problem` : undefined}
                    onChange={(e) => setColumns({ ...columns, [f.name]: e.target.value === NOT_MAPPED ? null : Number(e.target.value) })}
                  >
                    <option value={NOT_MAPPED}>— not mapped —</option>
                    {imp.headers.map((header, index) => (
                      <option key={index} value={String(index)}>
                        {header || `(column ${index + 1})`}
                      </option>
                    ))}
                  </select>
                  {f.suggested !== null && f.suggested !== columns[f.name] ? <span className="pams-muted"> suggested: {imp.headers[f.suggested]}</span> : null}
                  {problems.length > 0 ? (
                    <span id={`${id}-problem`} className="pams-error-text">
                      {' '}
                      {problems.map((p) => p.message).join(' ')}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <StepAlert steps={steps} source="mapping" onReload={onReload} />
      <div style={{ display: 'flex', gap: '.6rem', marginTop: '.7rem' }}>
        <button type="submit" className="pams-button pams-button-quiet" disabled={steps.busy || changed.length === 0}>
          Save mapping
        </button>
        <button type="button" className="pams-button" disabled={steps.busy} onClick={() => void dryRun()}>
          Run dry run
        </button>
      </div>
    </form>
  );
}
