import { useState, type FormEvent } from 'react';
import type { AuditParams } from './audit-params.js';

const FIELDS: { key: keyof AuditParams; label: string; type?: string; placeholder?: string }[] = [
  { key: 'action', label: 'Action', placeholder: 'User.updated' },
  { key: 'entityType', label: 'Entity type', placeholder: 'User' },
  { key: 'entityId', label: 'Entity id' },
  { key: 'actor', label: 'Actor (user id)' },
  { key: 'from', label: 'From (UTC)', type: 'date' },
  { key: 'to', label: 'To (UTC)', type: 'date' },
];

/** The history's filters as a form: applied on submit, so typing does not fire a query per key. */
export function AuditFilters({ params, onApply }: { params: AuditParams; onApply(params: AuditParams): void }) {
  const [draft, setDraft] = useState(params);
  const [applied, setApplied] = useState(params);
  // The URL changed under the form (back, a link): show what it says.
  if (applied !== params) {
    setApplied(params);
    setDraft(params);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, event: '' });
  };
  return (
    <form className="pams-toolbar" onSubmit={submit} aria-label="Audit filters">
      {FIELDS.map((f) => (
        <label key={f.key} className="pams-field">
          {f.label}
          <input
            className="pams-input"
            type={f.type ?? 'text'}
            value={draft[f.key]}
            placeholder={f.placeholder}
            style={{ width: f.type ? '10rem' : '9.5rem' }}
            onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" className="pams-button">
        Apply filters
      </button>
      <button
        type="button"
        className="pams-button pams-button-quiet"
        onClick={() => onApply({ actor: '', action: '', entityType: '', entityId: '', from: '', to: '', event: '' })}
      >
        Clear
      </button>
    </form>
  );
}
