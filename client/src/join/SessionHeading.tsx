import type { SessionPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';

/** The session a guest is joining: title, description and code. */
export function SessionHeading({ info, t }: { info: SessionPublic; t: Translator }) {
  return (
    <div className="session-heading">
      <p className="session-code-chip">{t('join.codeChip', { code: info.code })}</p>
      <h1 className="join-title" data-testid="join-session-title">
        {info.title}
      </h1>
      {info.description && <p className="join-lead session-description">{info.description}</p>}
    </div>
  );
}
