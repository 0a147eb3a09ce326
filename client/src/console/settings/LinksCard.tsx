import { useId, useState } from 'react';
import type { FacilitatorLink, ScreenLink } from '@ideasphere/shared';
import { errorText, type Translator } from '../../lib/i18n';
import type { Send, SendError } from '../../lib/useBoard';
import { CopyButton } from '../../ui/CopyButton';
import { KeyIcon } from '../../ui/icons';

interface LinksCardProps {
  send: Send;
  t: Translator;
  /** The console now answers to a new link: remember it and reconnect with it. */
  onConsoleLink: (link: FacilitatorLink) => void;
  /** The session-wide big screen has a new link. */
  onScreenLink: (link: ScreenLink) => void;
}

type Which = 'console' | 'screen';
type State =
  | { kind: 'idle' }
  | { kind: 'confirm'; which: Which }
  | { kind: 'working'; which: Which }
  | { kind: 'done'; which: Which; url: string }
  | { kind: 'failed'; which: Which; error: SendError };

/**
 * Replacing a leaked link: the console's own, or the session-wide big screen's. Each asks for
 * confirmation, since everyone on the old link is closed at once, then shows the new link.
 */
export function LinksCard({ send, t, onConsoleLink, onScreenLink }: LinksCardProps) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const replace = async (which: Which) => {
    setState({ kind: 'working', which });
    if (which === 'console') {
      const result = await send('session:rotateFacilitatorLink', {});
      if (!result.ok) return setState({ kind: 'failed', which, error: result.error });
      setState({ kind: 'done', which, url: result.data.facilitatorUrl });
      onConsoleLink(result.data);
      return;
    }
    const result = await send('session:rotateScreenLink', {});
    if (!result.ok) return setState({ kind: 'failed', which, error: result.error });
    setState({ kind: 'done', which, url: result.data.screenUrl });
    onScreenLink(result.data);
  };

  const row = (which: Which) => {
    const busy = state.kind === 'working' && state.which === which;
    const mine = state.kind !== 'idle' && state.which === which;
    return (
      <div className="links-row" data-testid={`links-${which}`}>
        <div>
          <p className="switch-title">{t(which === 'console' ? 'access.rotateConsole' : 'access.rotateScreen')}</p>
          <p className="field-hint">{t(which === 'console' ? 'access.rotateConsoleHint' : 'access.rotateScreenHint')}</p>
        </div>
        {mine && state.kind === 'confirm' ? (
          <div className="links-confirm" role="alertdialog" aria-labelledby={`${id}-${which}-confirm`}>
            <p id={`${id}-${which}-confirm`} className="field-hint">
              {t(which === 'console' ? 'access.confirmConsole' : 'access.confirmScreen')}
            </p>
            <button type="button" className="button button-danger" data-testid={`links-${which}-confirm`} onClick={() => void replace(which)}>
              {t('access.confirmRotate')}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setState({ kind: 'idle' })} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            data-testid={`links-${which}-replace`}
            disabled={state.kind === 'working'}
            onClick={() => setState({ kind: 'confirm', which })}
          >
            {busy && <span className="spinner" aria-hidden="true" />}
            <KeyIcon size={18} />
            {t(which === 'console' ? 'access.rotateConsole' : 'access.rotateScreen')}
          </button>
        )}
        {mine && state.kind === 'done' && (
          <div className="links-new" role="status">
            <p className="field-hint">{t(which === 'console' ? 'access.newConsoleLink' : 'access.newScreenLink')}</p>
            <div className="copy-row">
              <input className="input input-readonly" data-testid={`links-${which}-url`} value={state.url} readOnly onFocus={(e) => e.currentTarget.select()} />
              <CopyButton text={state.url} t={t} label={t('common.copy')} />
            </div>
          </div>
        )}
        {mine && state.kind === 'failed' && (
          <p className="field-error" role="alert">
            {t('access.rotateFailed', { reason: errorText(t, state.error) })}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card links" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-heading">
        {t('access.linksHeading')}
      </h2>
      {row('console')}
      {row('screen')}
    </section>
  );
}
