import type { ConnectionState } from '../lib/useSessionSocket';
import type { Translator } from '../lib/i18n';
import './controls.css';

/** What tests and styles see: `connecting` counts as not connected yet, i.e. reconnecting. */
export type ConnectionDataState = 'connected' | 'reconnecting' | 'offline';

export function connectionDataState(connection: ConnectionState): ConnectionDataState {
  return connection === 'connecting' ? 'reconnecting' : connection;
}

interface ConnectionIndicatorProps {
  connection: ConnectionState;
  t: Translator;
  className?: string;
  /** Render nothing while connected (the big screen only shows trouble). */
  hideWhenConnected?: boolean;
}

/** A dot and a word for the live connection; announced politely to screen readers. */
export function ConnectionIndicator({ connection, t, className, hideWhenConnected = false }: ConnectionIndicatorProps) {
  const state = connectionDataState(connection);
  const hidden = hideWhenConnected && state === 'connected';
  return (
    <div
      className={['connection', className].filter(Boolean).join(' ')}
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
      hidden={hidden}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{t(`connection.${connection}`)}</span>
    </div>
  );
}
