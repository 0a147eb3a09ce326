import { useCallback, useMemo, useState } from 'react';
import type { QaTrackPublic } from '@ideasphere/shared';
import { sortQuestions, type QuestionOrder } from '@ideasphere/shared/qa/qaModel.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';
import { trackForVenue, type QaClient } from '../../lib/useQa';
import { AskForm } from './AskForm';
import { QuestionCard } from './QuestionCard';
import './qa.css';

/** Cards rendered at a time (as the idea list). */
const CARDS_PER_STEP = 30;

interface PhoneQaProps {
  qa: QaClient;
  /** The phone's venue: its track opens first. */
  venueId: string | null;
  online: boolean;
  t: Translator;
}

/** A track's name as shown: the main track's empty name is the client's word for it. */
export function trackName(track: QaTrackPublic, t: Translator): string {
  return track.name === '' ? t('qa.mainTrack') : track.name;
}

/** The phone's Q&A: ask, read by popularity or time, upvote once; own questions marked. */
export function PhoneQa({ qa, venueId, online, t }: PhoneQaProps) {
  const { state } = qa;
  const [chosen, setChosen] = useState<string | null>(null);
  const [order, setOrder] = useState<QuestionOrder>('popular');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SendError | null>(null);
  const [sentNote, setSentNote] = useState(false);
  const [limit, setLimit] = useState(CARDS_PER_STEP);
  const trackId = chosen !== null && state.tracks.some((tr) => tr.id === chosen) ? chosen : trackForVenue(state, venueId);
  const track = state.tracks.find((tr) => tr.id === trackId);
  const questions = useMemo(() => sortQuestions([...state.questions.values()].filter((q) => q.trackId === trackId), order), [state.questions, trackId, order]);
  const highlighted = track?.highlightedId ? state.questions.get(track.highlightedId) : undefined;
  const canAct = state.settings.open && online;

  const ask = useCallback(
    async (text: string, anonymous: boolean) => {
      setBusy(true);
      setError(null);
      setSentNote(false);
      // One id for this question: a resend after a lost answer returns the same question.
      const clientId = crypto.randomUUID();
      let result = await qa.send('question:ask', { clientId, trackId, text, anonymous });
      if (!result.ok && result.error.code === 'network') result = await qa.send('question:ask', { clientId, trackId, text, anonymous });
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      qa.dispatch({ type: 'question', question: result.data, mine: true });
      setSentNote(true);
      return true;
    },
    [qa, trackId],
  );

  const upvote = useCallback(
    async (questionId: string, up: boolean) => {
      setError(null);
      const result = await qa.send('question:upvote', { questionId, up });
      if (result.ok) qa.dispatch({ type: 'upvote', result: result.data });
      else setError(result.error);
    },
    [qa],
  );

  if (!state.loaded) {
    return (
      <p className="board-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('common.loading')}
      </p>
    );
  }

  return (
    <div className="phone-qa" data-testid="phone-qa">
      {state.tracks.length > 1 && (
        <div className="field qa-track-field">
          <label className="field-label" htmlFor="qa-track">
            {t('qa.trackChooser')}
          </label>
          <select id="qa-track" className="input" value={trackId} onChange={(e) => setChosen(e.target.value)} data-testid="qa-track">
            {state.tracks.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {trackName(tr, t)}
              </option>
            ))}
          </select>
        </div>
      )}
      {highlighted && highlighted.status === 'visible' && (
        <section className="qa-now" aria-label={t('qa.nowAnswering')} data-testid="qa-now">
          <p className="qa-now-label">{t('qa.nowAnswering')}</p>
          <p className="qa-now-text user-text" dir="auto">
            {highlighted.text}
          </p>
        </section>
      )}
      {state.settings.open ? (
        <AskForm anonymousAllowed={state.settings.anonymousAllowed} busy={busy || !online} onAsk={ask} t={t} />
      ) : (
        <p className="joined-callout qa-closed" data-testid="qa-closed">
          {t('qa.closed')}
        </p>
      )}
      <div aria-live="polite">
        {error && (
          <p className="field-error qa-error" role="alert" data-testid="qa-error">
            {errorText(t, error)}
          </p>
        )}
        {sentNote && !error && <p className="qa-sent">{t('qa.asked')}</p>}
      </div>
      <section className="qa-list-section" aria-labelledby="qa-list-heading">
        <div className="qa-list-head">
          <h2 id="qa-list-heading" className="board-heading">
            {t('qa.listHeading')} <span className="board-count">{questions.length}</span>
          </h2>
          <div className="segmented" role="group" aria-label={t('qa.order')}>
            {(['popular', 'recent'] as const).map((o) => (
              <button key={o} type="button" aria-pressed={order === o} onClick={() => setOrder(o)} data-testid={`qa-order-${o}`}>
                {t(o === 'popular' ? 'qa.popular' : 'qa.recent')}
              </button>
            ))}
          </div>
        </div>
        {questions.length === 0 ? (
          <p className="empty-state board-empty" data-testid="qa-empty">
            {t('qa.empty')}
          </p>
        ) : (
          <ul className="question-list" data-testid="question-list">
            {questions.slice(0, limit).map((q) => (
              <QuestionCard
                key={q.id}
                question={q}
                mine={state.mine.has(q.id)}
                upvoted={state.upvoted.has(q.id)}
                highlighted={track?.highlightedId === q.id}
                onUpvote={canAct && q.status === 'visible' ? (up) => void upvote(q.id, up) : null}
                t={t}
              />
            ))}
          </ul>
        )}
        {questions.length > limit && (
          <button type="button" className="button button-secondary button-block" onClick={() => setLimit((n) => n + CARDS_PER_STEP)}>
            {t('qa.showMore', { count: questions.length - limit })}
          </button>
        )}
      </section>
    </div>
  );
}
