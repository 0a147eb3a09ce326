import type { AwardRevealState } from '@ideasphere/shared';
import type { LanguageState } from '../../lib/i18n';
import type { AwardRevealClient } from '../../lib/useAwardReveal';
import { useDialog } from '../../ui/useDialog';
import type { StageActions } from './useStageActions';

interface AwardRevealPanelProps {
  awards: AwardRevealClient;
  actions: StageActions;
  ready: boolean;
  lang: LanguageState;
}

/**
 * The awards in the ceremony: "Reveal next category" after a confirm step that names it; every
 * screen and phone of the session then announces its winners. The server checks the category is
 * still the next, so two consoles never reveal one twice.
 */
export function AwardRevealPanel({ awards, actions, ready, lang }: AwardRevealPanelProps) {
  const { t, language } = lang;
  const dialogs = useDialog(t);
  const { reveal } = awards;
  const nameOf = (name: { zh: string; en: string }) => (language === 'zh' ? name.zh : name.en);
  const busy = actions.busy.has('award:reveal');

  const revealNext = async (state: AwardRevealState) => {
    const next = state.next;
    if (!next) return;
    const name = nameOf(next.name);
    const confirmed = await dialogs.confirm({
      title: t('award.reveal.confirmTitle', { name }),
      body: t('award.reveal.confirmBody'),
      confirmLabel: t('award.reveal.confirm'),
      testId: 'award-reveal-dialog',
    });
    if (!confirmed) return;
    const worked = await actions.run('award:reveal', 'award:revealNext', { categoryId: next.categoryId }, (data) => {
      awards.offer(data);
      return t('award.reveal.revealed', { names: name });
    });
    if (!worked) awards.refresh();
  };

  if (reveal === null || (reveal.revealed.length === 0 && reveal.next === null)) {
    return (
      <section className="card award-reveal-panel" data-testid="award-reveal-panel" aria-labelledby="award-reveal-title">
        <h2 className="section-title" id="award-reveal-title">
          {t('award.reveal.title')}
        </h2>
        <p className="muted">{t('award.reveal.none')}</p>
      </section>
    );
  }
  return (
    <section className="card award-reveal-panel" data-testid="award-reveal-panel" aria-labelledby="award-reveal-title">
      <h2 className="section-title" id="award-reveal-title">
        {t('award.reveal.title')}
      </h2>
      {reveal.revealed.length > 0 && (
        <p className="muted" data-testid="award-revealed-list">
          {t('award.reveal.revealed', { names: reveal.revealed.map((c) => nameOf(c.name)).join(language === 'zh' ? '、' : ', ') })}
        </p>
      )}
      {reveal.next ? (
        <>
          <p data-testid="award-next">{t('award.reveal.nextName', { name: nameOf(reveal.next.name) })}</p>
          <button type="button" className="button button-primary" disabled={!ready || busy} aria-busy={busy} onClick={() => void revealNext(reveal)} data-testid="award-reveal-next">
            {busy ? t('award.reveal.revealing') : t('award.reveal.next')}
          </button>
        </>
      ) : (
        <p className="muted" data-testid="award-reveal-done">
          {t('award.reveal.done', { count: reveal.revealed.length })}
        </p>
      )}
      {dialogs.dialog}
    </section>
  );
}
