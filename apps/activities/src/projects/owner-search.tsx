import { useId, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useQuery } from '@pams/client-graphql';
import { PresalesOwnerSearchDocument, type PresalesOwnerSearchQuery } from '@pams/client-activities-data-access';
import { useSettled } from '../shared/use-settled.js';

export type PresalesPerson = PresalesOwnerSearchQuery['presalesUsers'][number];

/** How long typing must pause before the server is asked. */
export const SEARCH_DELAY_MS = 250;
const SUGGESTIONS = 10;

const BOX: CSSProperties = { position: 'relative', minWidth: '16rem' };
const OPTIONS: CSSProperties = {
  position: 'absolute',
  zIndex: 1,
  left: 0,
  right: 0,
  top: '100%',
  margin: '.2rem 0 0',
  padding: '.2rem 0',
  listStyle: 'none',
  background: 'var(--pams-surface)',
  border: '1px solid var(--pams-line)',
  borderRadius: 'var(--pams-radius)',
  maxHeight: '14rem',
  overflow: 'auto',
};
const OPTION: CSSProperties = { padding: '.25rem .6rem', cursor: 'pointer' };
const ACTIVE: CSSProperties = { ...OPTION, background: 'var(--pams-accent)', color: 'var(--pams-surface)' };

/**
 * "Add presales owner": a combobox over `presalesUsers`. Typing part of a name or email lists up to ten
 * people not yet chosen; arrow keys move through them, Enter or a click adds one, Escape closes the list.
 */
export function OwnerSearch({ chosen, onAdd, disabled }: { chosen: readonly string[]; onAdd(person: PresalesPerson): void; disabled?: boolean }) {
  const id = useId();
  const listId = `${id}-options`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = text.trim();
  const term = useSettled(typed, SEARCH_DELAY_MS).trim();
  const settled = typed !== '' && term === typed;
  const result = useQuery(PresalesOwnerSearchDocument, { variables: { search: term, first: SUGGESTIONS }, skip: term === '' });
  // Only answers to what is in the box now are offered: Enter never adds someone from an older search.
  const answered = settled && !result.loading && result.data ? result.data.presalesUsers : null;
  const people = (answered ?? []).filter((person) => !chosen.includes(person.id));
  // Disabled (the form is saving): nothing can be picked, not even from a list left open.
  const expanded = open && typed !== '' && !disabled;
  const current = Math.min(active, people.length - 1);

  const add = (person: PresalesPerson) => {
    onAdd(person);
    setText('');
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (people.length > 0) setActive((current + (event.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
        return;
      case 'Enter':
        // Never submits the project form from here: Enter picks a person or does nothing.
        if (typed === '') return;
        event.preventDefault();
        if (expanded && people[current]) add(people[current]);
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
        }
        return;
    }
  };

  const failed = expanded && settled && result.error !== undefined;
  let status: string | null = null;
  if (expanded && !failed) {
    if (!answered) status = 'Searching…';
    else if (answered.length === 0) status = 'Nobody active in presales matches.';
    else if (people.length === 0) status = 'Everyone matching is already an owner.';
  }

  return (
    <div style={BOX}>
      <label className="pams-field">
        Add presales owner
        <input
          className="pams-input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded && people.length > 0}
          aria-controls={listId}
          aria-activedescendant={expanded && people[current] ? `${listId}-${people[current].id}` : undefined}
          placeholder="Part of a name or email"
          autoComplete="off"
          disabled={disabled}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </label>
      <ul id={listId} role="listbox" aria-label="Presales people" style={expanded && people.length > 0 ? OPTIONS : { display: 'none' }}>
        {expanded &&
          people.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${person.id}`}
              role="option"
              aria-selected={index === current}
              style={index === current ? ACTIVE : OPTION}
              // Keeps the focus in the box, so the list stays open for the click.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => add(person)}
            >
              {person.name} ({person.email})
            </li>
          ))}
      </ul>
      {status && (
        <span className="pams-muted" role="status">
          {status}
        </span>
      )}
      {failed && (
        <span className="pams-error-text" role="alert">
          The search failed.{' '}
          <button type="button" className="pams-link-button" onMouseDown={(e) => e.preventDefault()} onClick={() => void result.refetch().catch(() => undefined)}>
            Retry
          </button>
        </span>
      )}
    </div>
  );
}
