import { useState, type FormEvent } from 'react';
import type { Language, PollAnswerValue, PollPublic } from '@ideasphere/shared';
import { POLL_WORDS_MAX_CHARS } from '@ideasphere/shared/polls/pollLimits.js';
import { resultsVisibleToAudience } from '@ideasphere/shared/polls/pollRules.js';
import { currentPoll } from '@ideasphere/shared/sync/pollState.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';
import type { PollClient } from '../../lib/usePolls';
import { Countdown } from '../../ui/Countdown';
import { PollResultView } from '../../ui/polls/PollResultView';
import { SendIcon } from '../../ui/icons';
import { PollAnswerFields } from './PollAnswerFields';
import './polls.css';

interface PhonePollProps {
  polls: PollClient;
  online: boolean;
  language: Language;
  t: Translator;
}

/**
 * The phone's poll: the live one (or the one closed last) with the answer form for its kind,
 * the phone's own answer, and the results once the host shows them. An answer may be changed
 * while the poll is open; each send has its own client id, so a resend counts once.
 */
export function PhonePoll({ polls, online, language, t }: PhonePollProps) {
  const { state } = polls;
  const poll = currentPoll(state);
  if (!state.loaded) {
    return (
      <p className="board-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('common.loading')}
      </p>
    );
  }
  if (!poll) {
    return (
      <p className="empty-state board-empty" data-testid="poll-none">
        {t('poll.none')}
      </p>
    );
  }
  return <PollCard key={poll.id} poll={poll} polls={polls} online={online} language={language} t={t} />;
}

function PollCard({ poll, polls, online, language, t }: { poll: PollPublic; polls: PollClient; online: boolean; language: Language; t: Translator }) {
  const mine = polls.state.mine.get(poll.id) ?? null;
  // Untouched (null), the form shows the stored answer (restored after a reload or from another tab).
  const [edited, setDraft] = useState<PollAnswerValue | null>(null);
  const draft = edited ?? mine ?? defaultDraft(poll);
  const [editing, setEditing] = useState(mine === null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SendError | null>(null);
  const [sent, setSent] = useState(false);
  const open = poll.status === 'open';
  const showResults = resultsVisibleToAudience(poll);
  const results = polls.state.results.get(poll.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || busy) return;
    setBusy(true);
    setError(null);
    setSent(false);
    const payload = { pollId: poll.id, clientId: crypto.randomUUID(), answer: draft };
    let result = await polls.send('poll:answer', payload);
    // A lost ack: the same client id again, so the server stores it once.
    if (!result.ok && result.error.code === 'network') result = await polls.send('poll:answer', payload);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    polls.dispatch({ type: 'answered', pollId: poll.id, answer: result.data.answer });
    setSent(true);
    setEditing(false);
  };

  const correct = poll.kind === 'quiz' && poll.correctOptionId !== null && mine?.kind === 'quiz' ? mine.optionId === poll.correctOptionId : null;

  return (
    <section className="join-card phone-poll" data-testid="phone-poll" data-poll={poll.id} data-status={poll.status} aria-labelledby="phone-poll-question">
      <div className="phone-poll-head">
        <span className="phone-poll-kind">{t(`poll.kind.${poll.kind}`)}</span>
        {open && poll.closesAt && <Countdown endsAt={poll.closesAt} t={t} className="phone-poll-timer" testId="phone-poll-timer" />}
      </div>
      <h2 id="phone-poll-question" className="phone-poll-question user-text" dir="auto">
        {poll.question}
      </h2>
      {open && editing ? (
        <form onSubmit={(e) => void submit(e)} className="phone-poll-form" noValidate>
          <PollAnswerFields poll={poll} value={draft} onChange={setDraft} maxChars={POLL_WORDS_MAX_CHARS} t={t} />
          <button type="submit" className="button button-primary button-block" disabled={busy || !online || draft === null || (draft.kind === 'words' && draft.text.trim() === '')} data-testid="poll-submit">
            {busy ? <span className="spinner" aria-hidden="true" /> : <SendIcon size={18} />}
            {busy ? t('poll.sending') : t('poll.submit')}
          </button>
        </form>
      ) : (
        mine && <MyAnswer poll={poll} answer={mine} />
      )}
      <div aria-live="polite">
        {error && (
          <p className="field-error" role="alert" data-testid="poll-error">
            {errorText(t, error)}
          </p>
        )}
        {sent && !error && open && (
          <p className="qa-sent" data-testid="poll-sent">
            {t('poll.sent')}
          </p>
        )}
        {!open && <p className="phone-poll-note">{t('poll.closed')}</p>}
        {correct !== null && (
          <p className="phone-poll-verdict" data-correct={correct} data-testid="poll-verdict">
            {t(correct ? 'poll.right' : 'poll.wrong')}
          </p>
        )}
      </div>
      {open && !editing && (
        <button type="button" className="button button-secondary button-block" onClick={() => setEditing(true)} data-testid="poll-change">
          {t('poll.change')}
        </button>
      )}
      {showResults ? (
        <PollResultView poll={poll} results={results} language={language} t={t} size="compact" />
      ) : (
        (mine !== null || !open) && (
          <p className="phone-poll-note" data-testid="poll-results-hidden">
            {poll.resultMode === 'afterClose' && open ? t('poll.resultsAfterClose') : t('poll.resultsHidden')}
          </p>
        )
      )}
    </section>
  );
}

/** The phone's stored answer, in words. */
function MyAnswer({ poll, answer }: { poll: PollPublic; answer: PollAnswerValue }) {
  const text = (id: string) => poll.options.find((o) => o.id === id)?.text ?? id;
  let shown: string;
  switch (answer.kind) {
    case 'choice':
    case 'ranking':
      shown = answer.optionIds.map(text).join(answer.kind === 'ranking' ? ' › ' : ' · ');
      break;
    case 'quiz':
      shown = text(answer.optionId);
      break;
    case 'rating':
      shown = `${answer.rating} / ${poll.scaleMax}`;
      break;
    case 'words':
      shown = answer.text;
      break;
  }
  return (
    <p className="phone-poll-mine user-text" dir="auto" data-testid="poll-mine">
      {shown}
    </p>
  );
}

/** A ranking starts in the options' order (already an answer); other kinds start empty. */
function defaultDraft(poll: PollPublic): PollAnswerValue | null {
  return poll.kind === 'ranking' ? { kind: 'ranking', optionIds: poll.options.map((o) => o.id) } : null;
}
