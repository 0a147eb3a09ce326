import type { LanguageState } from '../../lib/i18n';
import type { SessionAction, SessionState } from '@ideasphere/shared/sync/sessionState.js';
import type { Send } from '../../lib/useBoard';
import { Toast } from '../../ui/Toast';
import { StageControls } from './StageControls';
import { useStageActions } from './useStageActions';
import { VenueList } from './VenueList';
import { AwardRevealPanel } from './AwardRevealPanel';
import type { AwardRevealClient } from '../../lib/useAwardReveal';
import './ceremony.css';

interface CeremonyTabProps {
  code: string;
  state: SessionState;
  apply: (action: SessionAction) => void;
  send: Send;
  /** Connected and synced: facilitator actions can be sent. */
  ready: boolean;
  lang: LanguageState;
  /** The awards' reveal in this session. */
  awards: AwardRevealClient;
}

/** The console's "Ceremony" section: the stage on the left, the venues on the right. */
export function CeremonyTab({ code, state, apply, send, ready, lang, awards }: CeremonyTabProps) {
  const { t, language } = lang;
  const actions = useStageActions(send, t);
  const { notice, closeNotice } = actions;

  return (
    <div className="ceremony-layout" data-testid="ceremony-panel">
      <StageControls stage={state.stage} sessionTitle={state.session?.title ?? null} actions={actions} apply={apply} ready={ready} t={t} />
      <VenueList
        code={code}
        stage={state.stage}
        actions={actions}
        apply={apply}
        ready={ready}
        loaded={state.session !== null}
        t={t}
        language={language}
      />
      <AwardRevealPanel awards={awards} actions={actions} ready={ready} lang={lang} />
      {notice && (
        <Toast key={notice.id} durationMs={notice.tone === 'error' ? 6_000 : 3_000} onClose={closeNotice} tone={notice.tone} testId="ceremony-toast">
          {notice.text}
        </Toast>
      )}
    </div>
  );
}
