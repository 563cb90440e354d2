import type { ReactNode } from 'react';

export interface ErrorPanelProps {
  title: string;
  children?: ReactNode;
  /** Shows a Retry button that calls this. */
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failure the user can see and retry, contained to its part of the page. */
export function ErrorPanel({ title, children, onRetry, retrying = false }: ErrorPanelProps) {
  return (
    <section role="alert" className="pams-panel pams-panel-error" data-testid="error-panel">
      <h2>{title}</h2>
      {children}
      {onRetry && (
        <button type="button" className="pams-button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
    </section>
  );
}

/** Information that is not an error: a placeholder, a notice, an explanation. */
export function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="pams-panel" role="status">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A quiet loading line; `aria-busy` tells assistive technology that content is coming. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="pams-loading" aria-busy="true">
      {label}
    </p>
  );
}
