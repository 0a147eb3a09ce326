import { useId, useState, type FormEvent } from 'react';
import { SCREEN_VIEWS, type ScreenView } from '@ideasphere/shared/ceremonyModel.js';
import { CEREMONY_MESSAGE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import type { SessionAction } from '@ideasphere/shared/sync/sessionState.js';
import { allScreensShow, type StageState } from '@ideasphere/shared/sync/stageState.js';
import { FlagIcon, ScreenIcon } from '../../ui/icons';
import { CharCounter, TextFieldNote } from '../../ui/TextLimit';
import type { StageActions } from './useStageActions';

interface StageControlsProps {
  stage: StageState;
  /** Shown on the screens when the finale has no message of its own. */
  sessionTitle: string | null;
  actions: StageActions;
  apply: (action: SessionAction) => void;
  /** False until connected and synced: the buttons would only fail. */
  ready: boolean;
  t: Translator;
}

/** Start the ceremony, trigger the finale, and switch every big screen at once. */
export function StageControls({ stage, sessionTitle, actions, apply, ready, t }: StageControlsProps) {
  const id = useId();
  const [message, setMessage] = useState('');
  const messageField = useTextField(message, CEREMONY_MESSAGE_MAX_CHARS, { kind: 'block' });
  const { busy, run } = actions;
  const current = stage.ceremony?.stage ?? null;

  const start = () =>
    void run('start', 'ceremony:start', {}, (ceremony) => {
      apply({ type: 'ceremony', ceremony });
      return t('ceremony.started');
    });

  const finale = (event: FormEvent) => {
    event.preventDefault();
    if (!messageField.ready()) return;
    // Nothing visible in it: the screens show the session title instead.
    const text = messageField.check.text;
    void run('finale', 'ceremony:finale', text === '' ? {} : { message: text }, (ceremony) => {
      apply({ type: 'ceremony', ceremony });
      return t('ceremony.finaleStarted');
    });
  };

  const switchAll = (view: ScreenView) =>
    void run(`switch:all`, 'screen:switch', { view }, (snapshot) => {
      apply({ type: 'ceremony', ceremony: snapshot.ceremony });
      apply({ type: 'venues', venues: snapshot.venues });
      return t(view === 'board' ? 'ceremony.allToBoard' : view === 'qa' ? 'ceremony.allToQa' : 'ceremony.allToCeremony');
    });

  const switching = busy.has('switch:all');
  return (
    <section className="card stage-controls" aria-labelledby={`${id}-heading`}>
      <div className="stage-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          {t('ceremony.heading')}
        </h2>
        <span className="pill stage-badge" data-testid="ceremony-stage" data-stage={current ?? 'unknown'}>
          {current === 'finale' ? t('ceremony.stage.finale') : current === 'gathering' ? t('ceremony.stage.gathering') : t('common.loading')}
        </span>
      </div>
      <p className="field-hint">{t('ceremony.intro')}</p>

      <button
        type="button"
        className="button button-secondary button-block"
        data-testid="ceremony-start"
        disabled={!ready || busy.has('start')}
        aria-busy={busy.has('start')}
        onClick={start}
      >
        {busy.has('start') ? <span className="spinner" aria-hidden="true" /> : <ScreenIcon size={18} />}
        {current === 'gathering' ? t('ceremony.restart') : t('ceremony.start')}
      </button>
      <p className="field-hint">{t('ceremony.startHint')}</p>

      <form className="stage-finale" onSubmit={finale}>
        <label className="field-label" htmlFor={`${id}-message`}>
          <span>
            {t('ceremony.messageLabel')} <span className="field-hint">{t('common.optional')}</span>
          </span>
          <CharCounter field={messageField} always />
        </label>
        <textarea
          id={`${id}-message`}
          className="input"
          data-testid="ceremony-message"
          rows={2}
          value={message}
          dir="auto"
          placeholder={sessionTitle ?? ''}
          aria-invalid={messageField.shown !== null}
          aria-describedby={`${id}-message-hint${messageField.shown !== null ? ` ${id}-message-error` : ''}`}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends, like a chat; Shift+Enter keeps a line break.
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <TextFieldNote field={messageField} id={`${id}-message-error`} t={t} />
        <p id={`${id}-message-hint`} className="field-hint">
          {t('ceremony.messageHint')}
        </p>
        <button
          type="submit"
          className="button button-primary button-block"
          data-testid="ceremony-finale"
          disabled={!ready || busy.has('finale')}
          aria-busy={busy.has('finale')}
        >
          {busy.has('finale') ? <span className="spinner" aria-hidden="true" /> : <FlagIcon size={18} />}
          {current === 'finale' ? t('ceremony.finaleAgain') : t('ceremony.finale')}
        </button>
      </form>

      <div className="stage-switch" role="group" aria-labelledby={`${id}-switch`}>
        <p id={`${id}-switch`} className="field-label">
          {t('ceremony.allScreens')}
          {switching && <span className="spinner" aria-hidden="true" />}
        </p>
        <div className="segmented">
          {SCREEN_VIEWS.map((view) => (
            <button
              key={view}
              type="button"
              data-testid={`switch-all-${view}`}
              aria-pressed={allScreensShow(stage, view)}
              disabled={!ready || switching}
              onClick={() => switchAll(view)}
            >
              {t(`ceremony.view.${view}`)}
            </button>
          ))}
        </div>
        <p className="field-hint">{t('ceremony.allScreensHint')}</p>
      </div>
    </section>
  );
}
