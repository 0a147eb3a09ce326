import { useEffect, type ReactNode } from 'react';
import './toast.css';

interface ToastProps {
  children: ReactNode;
  /** Buttons shown on the right, e.g. "Undo". */
  action?: ReactNode;
  tone?: 'neutral' | 'error';
  /** Closes itself after this long. */
  durationMs: number;
  onClose: () => void;
  testId?: string;
}

/** A short message at the bottom of the page that goes away by itself. */
export function Toast({ children, action, tone = 'neutral', durationMs, onClose, testId }: ToastProps) {
  useEffect(() => {
    const timer = window.setTimeout(onClose, durationMs);
    return () => window.clearTimeout(timer);
  }, [durationMs, onClose]);

  return (
    <div className="toast" data-tone={tone} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span>{children}</span>
      {action}
    </div>
  );
}
