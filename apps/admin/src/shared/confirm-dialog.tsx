import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  title: string;
  /** The label of the button that runs it ("Disable Mira Member"). */
  confirmLabel: string;
  children?: ReactNode;
  busy?: boolean;
  /** Shown above the buttons, in plain words, when the last attempt failed. */
  error?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal confirmation (the native <dialog>: focus kept inside, Escape cancels). Nothing runs before Confirm. */
export function ConfirmDialog({ title, confirmLabel, children, busy = false, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="pams-panel"
      style={{ maxWidth: '32rem', width: '100%' }}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit} style={{ display: 'flex', flexDirection: 'column', gap: '.7rem' }}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {error && (
          <div role="alert" className="pams-error-text" data-testid="command-error">
            {error}
          </div>
        )}
        <div style={{ display: 'flex', gap: '.6rem', justifyContent: 'flex-end' }}>
          <button type="button" className="pams-button pams-button-quiet" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="pams-button" disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
