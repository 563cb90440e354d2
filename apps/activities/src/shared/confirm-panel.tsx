import { useEffect, useId, useRef, type CSSProperties, type KeyboardEvent } from 'react';

export interface ConfirmPanelProps {
  testId: string;
  /** The question, which also names the dialog. */
  title: string;
  /** The confirming button's text (its busy text while `busy`). */
  action: string;
  /** The confirming button is disabled (sending, or nothing may be sent). */
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
  style?: CSSProperties;
}

/** A key handler that runs `handler` on Escape and keeps the key from the page (a form's own Escape). */
export function escapeKey(handler: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    handler();
  };
}

/**
 * An inline confirmation: focus moves to Cancel (the safe choice), Escape cancels, and Tab follows the
 * two buttons' natural order. No window.confirm: it blocks the page and cannot be styled.
 */
export function ConfirmPanel({ testId, title, action, busy, onConfirm, onCancel, style }: ConfirmPanelProps) {
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Another confirmation in the same place (a count that needs an audited confirm) takes the focus again.
  useEffect(() => cancelRef.current?.focus(), [testId]);
  return (
    <div role="alertdialog" aria-labelledby={titleId} className="pams-panel pams-panel-error" data-testid={testId} onKeyDown={escapeKey(onCancel)} style={style}>
      <p id={titleId}>{title}</p>
      <div style={{ display: 'flex', gap: '.6rem' }}>
        <button type="button" className="pams-button" disabled={busy} onClick={onConfirm}>
          {action}
        </button>
        <button type="button" className="pams-button pams-button-quiet" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
