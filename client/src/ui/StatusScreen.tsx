import type { ReactNode } from 'react';
import './status-screen.css';

interface StatusScreenProps {
  title: string;
  body?: ReactNode;
  /** Emoji or icon shown above the title. */
  icon?: ReactNode;
  tone?: 'neutral' | 'error' | 'success';
  children?: ReactNode;
  testId?: string;
}

/** A centred full-page message: not found, no access, session ended, loading. */
export function StatusScreen({ title, body, icon, tone = 'neutral', children, testId }: StatusScreenProps) {
  return (
    <section className="status-screen" data-tone={tone} data-testid={testId} aria-labelledby="status-title">
      {icon !== undefined && (
        <div className="status-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h1 id="status-title" className="status-title">
        {title}
      </h1>
      {body !== undefined && <div className="status-body">{body}</div>}
      {children !== undefined && <div className="status-actions">{children}</div>}
    </section>
  );
}
