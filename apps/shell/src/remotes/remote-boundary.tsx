import { Component, type ReactNode } from 'react';

interface Props {
  /** Renders the failure; `reset` clears it and renders the children again. */
  fallback(error: Error, reset: () => void): ReactNode;
  children: ReactNode;
}

/** Catches what a remote throws while rendering, so one broken remote never blanks the portal. */
export class RemoteBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  private readonly reset = () => this.setState({ error: null });

  override render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}
