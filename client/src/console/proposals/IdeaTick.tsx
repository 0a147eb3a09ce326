import type { Translator } from '../../lib/i18n';
import { useIdeaTick } from './selection';

/** The "select for a proposal" checkbox on a console idea card. */
export function IdeaTick({ ideaId, title, t }: { ideaId: string; title: string; t: Translator }) {
  const tick = useIdeaTick(ideaId);
  if (!tick) return null;
  return (
    <label className="idea-tick" title={t('promote.select')}>
      <input type="checkbox" checked={tick.ticked} onChange={tick.toggle} data-testid="idea-select" aria-label={`${t('promote.select')}: ${title}`} />
    </label>
  );
}
