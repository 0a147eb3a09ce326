import { useCallback, useMemo, useState } from 'react';
import type { QaTrackPublic, QuestionAction, QuestionPublic, VenuePublic } from '@ideasphere/shared';
import { QUESTION_TEXT_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { sortQuestions } from '@ideasphere/shared/qa/qaModel.js';
import { checkBlock, checkLine } from '@ideasphere/shared/text.js';
import { QA_TRACK_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';
import type { QaClient } from '../../lib/useQa';
import { useDialog } from '../../ui/useDialog';
import { trackName } from '../../join/qa/PhoneQa';
import { ConsoleQuestion, type QuestionCommands } from './ConsoleQuestion';
import { QuestionMergeDialog } from './QuestionMergeDialog';
import { ModeratorLinkCard } from './ModeratorLinkCard';
import { TrackPanel } from './TrackPanel';
import '../../join/qa/qa.css';
import '../settings/settings.css';
import './consoleQa.css';

interface QaTabProps {
  qa: QaClient;
  venues: readonly VenuePublic[];
  screenUrl: string | null;
  /** The facilitator may hand out a moderator link; a moderator may not. */
  canInvite: boolean;
  t: Translator;
}

/**
 * The facilitator's Q&A: settings, tracks, the approval queue, the live list (highlight, answered,
 * archive, edit, merge, remove) and what was removed or archived, per track.
 */
export function QaTab({ qa, venues, screenUrl, canInvite, t }: QaTabProps) {
  const { state, send, dispatch } = qa;
  const dialogs = useDialog(t);
  const [selected, setSelected] = useState('main');
  const [error, setError] = useState<SendError | null>(null);
  const [mergeSource, setMergeSource] = useState<QuestionPublic | null>(null);
  const trackId = state.tracks.some((tr) => tr.id === selected) ? selected : 'main';
  const track = state.tracks.find((tr) => tr.id === trackId);
  const ofTrack = useMemo(() => [...state.questions.values()].filter((q) => q.trackId === trackId), [state.questions, trackId]);
  const queue = ofTrack.filter((q) => q.status === 'pending' || q.status === 'held');
  const live = sortQuestions(ofTrack.filter((q) => q.status === 'visible'), 'popular');
  const offList = ofTrack.filter((q) => q.status === 'hidden' || q.status === 'archived');

  const done = useCallback(
    <T,>(result: { ok: true; data: T } | { ok: false; error: SendError }, apply: (data: T) => void) => {
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      setError(null);
      apply(result.data);
      return true;
    },
    [],
  );

  const commands: QuestionCommands = useMemo(
    () => ({
      moderate: async (question: QuestionPublic, action: QuestionAction) =>
        done(await send('question:moderate', { questionId: question.id, action }), (q) => dispatch({ type: 'question', question: q })),
      highlight: async (question: QuestionPublic, on: boolean) =>
        done(await send('question:highlight', { trackId: question.trackId, questionId: on ? question.id : null }), (tr) => dispatch({ type: 'track', track: tr })),
      edit: async (question: QuestionPublic) => {
        const text = await dialogs.prompt({ title: t('qa.console.editTitle'), label: t('qa.askLabel'), initial: question.text, confirmLabel: t('qa.console.save'), testId: 'question-edit-dialog' });
        if (text === null || checkBlock(text, QUESTION_TEXT_MAX_CHARS, { required: true }).problem !== null) return false;
        return done(await send('question:edit', { questionId: question.id, text }), (q) => dispatch({ type: 'question', question: q }));
      },
      merge: async (question: QuestionPublic) => {
        setMergeSource(question);
        return true;
      },
    }),
    [send, dispatch, done, dialogs, t],
  );

  const createTrack = async (name: string, venueId: string | null) =>
    done(await send('track:create', { name, venueId }), (tr) => {
      dispatch({ type: 'track', track: tr });
      setSelected(tr.id);
    });
  const renameTrack = async (tr: QaTrackPublic) => {
    const name = await dialogs.prompt({ title: t('qa.console.renameTitle'), label: t('qa.console.newTrack'), initial: trackName(tr, t), confirmLabel: t('qa.console.save') });
    if (name === null || checkLine(name, QA_TRACK_NAME_MAX_CHARS).problem !== null) return false;
    return done(await send('track:rename', { trackId: tr.id, name }), (next) => dispatch({ type: 'track', track: next }));
  };
  const configure = async (patch: { open?: boolean; anonymousAllowed?: boolean; preModeration?: boolean }) =>
    done(await send('qa:configure', patch), (settings) => dispatch({ type: 'settings', settings }));

  const mergeInto = async (source: QuestionPublic, target: QuestionPublic) => {
    setMergeSource(null);
    done(await send('question:merge', { sourceId: source.id, targetId: target.id }), (q) => {
      dispatch({ type: 'question', question: q });
      dispatch({ type: 'delta', delta: { questions: [], removedQuestionIds: [source.id], upvotes: {}, tracks: [] } });
    });
  };

  const row = (q: QuestionPublic) => <ConsoleQuestion key={q.id} question={q} highlighted={track?.highlightedId === q.id} commands={commands} t={t} />;

  return (
    <div className="console-qa" data-testid="console-qa">
      
      <div className="console-qa-layout">
        <div className="console-qa-side">
          <section className="card qa-card qa-settings" aria-label={t('qa.console.heading')}>
            {(
              [
                ['open', 'qa.console.open', 'qa.console.openHint'],
                ['anonymousAllowed', 'qa.console.anonymousAllowed', 'qa.console.anonymousAllowedHint'],
                ['preModeration', 'qa.console.preModeration', 'qa.console.preModerationHint'],
              ] as const
            ).map(([key, title, hint]) => (
              <label key={key} className="switch-row">
                <input type="checkbox" role="switch" className="switch" data-testid={`qa-setting-${key}`} checked={state.settings[key]} onChange={(e) => void configure({ [key]: e.target.checked })} />
                <span>
                  <span className="switch-title">{t(title)}</span>
                  <span className="field-hint">{t(hint)}</span>
                </span>
              </label>
            ))}
          </section>
          <TrackPanel tracks={state.tracks} venues={venues} selected={trackId} onSelect={setSelected} onCreate={createTrack} onRename={renameTrack} screenUrl={screenUrl} t={t} />
          {canInvite && <ModeratorLinkCard qa={qa} t={t} />}
        </div>
        <div className="console-qa-main">
          {error && (
            <p className="field-error" role="alert" data-testid="qa-console-error">
              {errorText(t, error)}
            </p>
          )}
          <section className="card qa-card" aria-labelledby="qa-queue-heading" data-testid="qa-queue">
            <h3 id="qa-queue-heading" className="panel-heading">
              {t('qa.console.queue')} <span className="board-count">{queue.length}</span>
            </h3>
            {queue.length === 0 ? <p className="field-hint">{t('qa.console.queueEmpty')}</p> : <ul className="question-list">{queue.map(row)}</ul>}
          </section>
          <section className="card qa-card" aria-labelledby="qa-live-heading" data-testid="qa-live">
            <h3 id="qa-live-heading" className="panel-heading">
              {t('qa.console.live')} · <bdi>{track ? trackName(track, t) : ''}</bdi> <span className="board-count">{live.length}</span>
            </h3>
            {live.length === 0 ? <p className="field-hint">{t('qa.empty')}</p> : <ul className="question-list">{live.map(row)}</ul>}
          </section>
          {offList.length > 0 && (
            <details className="card qa-card">
              <summary>
                {t('qa.console.offList')} ({offList.length})
              </summary>
              <ul className="question-list">{offList.map(row)}</ul>
            </details>
          )}
        </div>
      </div>
      <QuestionMergeDialog
        key={mergeSource?.id ?? 'none'}
        source={mergeSource}
        targets={live.filter((q) => q.id !== mergeSource?.id)}
        onMerge={(s, target) => void mergeInto(s, target)}
        onClose={() => setMergeSource(null)}
        t={t}
      />
      {dialogs.dialog}
    </div>
  );
}
