import { useState } from 'react';
import type { Translator } from '../lib/i18n';
import { readRecentSessions } from './recentSessions';

/** Sessions created in this browser, so a closed tab is not a lost session. */
export function RecentSessions({ t }: { t: Translator }) {
  const [sessions] = useState(readRecentSessions);
  if (sessions.length === 0) return null;
  return (
    <section className="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading" className="recent-heading">
        {t('create.recent')}
      </h2>
      <ul className="recent-list">
        {sessions.map((session) => (
          <li key={session.code}>
            <a className="row-card recent-item" href={`/f/${session.code}`}>
              <span className="recent-title user-text" dir="auto">
                {session.title}
              </span>
              <span className="recent-code">{session.code}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
