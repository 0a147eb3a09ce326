import { useState } from 'react';
import type { Language, PollDraft, PollPublic } from '@ideasphere/shared';
import { resultsVisibleToAudience } from '@ideasphere/shared/polls/pollRules.js';
import { orderedPolls } from '@ideasphere/shared/sync/pollState.js';
import { errorText, formatCount, type Translator } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';
import type { PollClient } from '../../lib/usePolls';
import { Countdown } from '../../ui/Countdown';
import { PollResultView } from '../../ui/polls/PollResultView';
import { useDialog } from '../../ui/useDialog';
import { PollEditor } from './PollEditor';
import '../../join/polls/polls.css';
import './consolePolls.css';

interface PollsTabProps {
  polls: PollClient;
  language: Language;
  t: Translator;
}

type Editing = { kind: 'new' } | { kind: 'edit'; poll: PollPublic } | null;

/**
 * The facilitator's polls: prepared ahead (create, edit, reorder, delete, preview), launched
 * one at a time, closed, results shown or hidden; participation (answered / present) live.
 */
export function PollsTab({ polls, language, t }: PollsTabProps) {
  const { state, send, dispatch } = polls;
  const dialogs = useDialog(t);
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<SendError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const list = orderedPolls(state);

  /** Sends one command; the ack's poll is applied at once, the broadcast confirms it. */
  const run = async <T,>(key: string, action: () => Promise<{ ok: true; data: T } | { ok: false; error: SendError }>, after: (data: T) => void) => {
    setBusy(key);
    setError(null);
    setNote(null);
    const result = await action();
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    after(result.data);
    return true;
  };
  const upsert = (poll: PollPublic) => dispatch({ type: 'delta', delta: { polls: [poll], removedPollIds: [], results: [], answered: {} } });

  const save = async (draft: PollDraft) => {
    const target = editing?.kind === 'edit' ? editing.poll : null;
    return run(
      'editor',
      () => (target ? send('poll:edit', { pollId: target.id, draft }) : send('poll:create', { draft })),
      (poll) => {
        upsert(poll);
        setEditing(null);
        setNote(t('poll.console.saved'));
      },
    );
  };
  const move = (index: number, by: number) => {
    const ids = list.map((p) => p.id);
    const [moved] = ids.splice(index, 1);
    if (moved === undefined) return;
    ids.splice(index + by, 0, moved);
    void run(`move-${moved}`, () => send('poll:reorder', { pollIds: ids }), (all) => all.forEach(upsert));
  };
  const remove = async (poll: PollPublic) => {
    const ok = await dialogs.confirm({ title: t('poll.console.confirmDelete', { question: poll.question }), confirmLabel: t('poll.console.delete'), tone: 'danger', testId: 'poll-delete-dialog' });
    if (!ok) return;
    void run(`delete-${poll.id}`, () => send('poll:delete', { pollId: poll.id }), () => {
      dispatch({ type: 'delta', delta: { polls: [], removedPollIds: [poll.id], results: [], answered: {} } });
      setNote(t('poll.console.deleted'));
    });
  };
  const command = (poll: PollPublic, event: 'poll:launch' | 'poll:close', message: string) =>
    void run(`${event}-${poll.id}`, () => send(event, { pollId: poll.id }), (next) => {
      upsert(next);
      setNote(message);
    });
  const showResults = (poll: PollPublic, shown: boolean) =>
    void run(`results-${poll.id}`, () => send('poll:showResults', { pollId: poll.id, shown }), (next) => {
      upsert(next);
      setNote(!shown ? t('poll.console.offScreens') : resultsVisibleToAudience(next) ? t('poll.console.onScreens') : t('poll.console.waitingClose'));
    });

  return (
    <div className="console-polls" data-testid="console-polls">
      <div className="console-polls-bar">
        <h2 className="panel-heading console-polls-heading">{t('poll.tab')}</h2>
        {editing === null && (
          <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'new' })} data-testid="poll-new">
            {t('poll.console.new')}
          </button>
        )}
        <div aria-live="polite" className="console-polls-feedback">
          {error && (
            <p className="field-error" role="alert" data-testid="poll-console-error">
              {t('poll.console.failed', { reason: errorText(t, error) })}
            </p>
          )}
          {note && !error && (
            <p className="qa-sent" data-testid="poll-console-note">
              {note}
            </p>
          )}
        </div>
      </div>
      {editing !== null && (
        <PollEditor key={editing.kind === 'edit' ? editing.poll.id : 'new'} poll={editing.kind === 'edit' ? editing.poll : null} busy={busy === 'editor'} onSave={save} onCancel={() => setEditing(null)} t={t} />
      )}
      {list.length === 0 && editing === null ? (
        <p className="empty-state" data-testid="polls-empty">
          {t('poll.console.empty')}
        </p>
      ) : (
        <ol className="console-poll-list">
          {list.map((poll, index) => {
            const answered = state.answered.get(poll.id) ?? 0;
            const working = busy !== null && busy.endsWith(poll.id);
            return (
              <li key={poll.id} className="card console-poll" data-testid="console-poll" data-poll={poll.id} data-status={poll.status}>
                <div className="console-poll-head">
                  <div className="console-poll-order">
                    <button type="button" className="button button-ghost button-small" disabled={index === 0 || busy !== null} onClick={() => move(index, -1)} aria-label={t('poll.console.moveUp', { question: poll.question })}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      disabled={index === list.length - 1 || busy !== null}
                      onClick={() => move(index, 1)}
                      aria-label={t('poll.console.moveDown', { question: poll.question })}
                    >
                      ↓
                    </button>
                  </div>
                  <div className="console-poll-title">
                    <span className="phone-poll-kind">{t(`poll.kind.${poll.kind}`)}</span>
                    <span className="console-poll-status" data-status={poll.status} data-testid="console-poll-status">
                      {t(`poll.console.status.${poll.status}`)}
                    </span>
                    {poll.status === 'open' && poll.closesAt && <Countdown endsAt={poll.closesAt} t={t} className="console-poll-timer" />}
                    <h3 className="console-poll-question user-text" dir="auto">
                      {poll.question}
                    </h3>
                  </div>
                  {poll.status !== 'draft' && (
                    <p className="console-poll-participation" data-testid="poll-participation">
                      {poll.status === 'open'
                        ? t('poll.participation', { answered: formatCount(language, answered), present: formatCount(language, state.present) })
                        : t('poll.answeredCount', { count: formatCount(language, answered) })}
                    </p>
                  )}
                </div>
                <div className="console-poll-actions">
                  {poll.status !== 'open' ? (
                    <button type="button" className="button button-primary" disabled={working} onClick={() => command(poll, 'poll:launch', t('poll.console.launched'))} data-testid="poll-launch">
                      {t(poll.status === 'draft' ? 'poll.console.launch' : 'poll.console.reopen')}
                    </button>
                  ) : (
                    <button type="button" className="button button-primary" disabled={working} onClick={() => command(poll, 'poll:close', t('poll.console.closedNote'))} data-testid="poll-close">
                      {t('poll.console.close')}
                    </button>
                  )}
                  {poll.status !== 'draft' && (
                    <button type="button" className="button button-secondary" disabled={working} aria-pressed={poll.resultsShown} onClick={() => showResults(poll, !poll.resultsShown)} data-testid="poll-results-toggle">
                      {t(poll.resultsShown ? 'poll.console.hideResults' : 'poll.console.showResults')}
                    </button>
                  )}
                  {poll.status === 'draft' && (
                    <button type="button" className="button button-secondary" disabled={working} onClick={() => setEditing({ kind: 'edit', poll })} data-testid="poll-edit">
                      {t('poll.console.edit')}
                    </button>
                  )}
                  {poll.status !== 'open' && (
                    <button type="button" className="button button-ghost" disabled={working} onClick={() => void remove(poll)} data-testid="poll-delete">
                      {t('poll.console.delete')}
                    </button>
                  )}
                  {poll.resultMode === 'afterClose' && <span className="field-hint">{t('poll.console.hideUntilClose')}</span>}
                </div>
                <details className="console-poll-preview" open={poll.status !== 'draft'}>
                  <summary>{t('poll.console.preview')}</summary>
                  {poll.status === 'draft' ? (
                    <ul className="console-poll-options">
                      {poll.kind === 'rating' ? (
                        <li>{t('poll.rateLabel', { max: poll.scaleMax })}</li>
                      ) : poll.kind === 'words' ? (
                        <li>{t('poll.wordsLabel')}</li>
                      ) : (
                        poll.options.map((o) => (
                          <li key={o.id} className="user-text" dir="auto" data-correct={o.id === poll.correctOptionId || undefined}>
                            {o.text}
                            {o.id === poll.correctOptionId && ` · ${t('poll.correct')}`}
                          </li>
                        ))
                      )}
                    </ul>
                  ) : (
                    <PollResultView poll={poll} results={state.results.get(poll.id)} language={language} t={t} size="compact" />
                  )}
                </details>
              </li>
            );
          })}
        </ol>
      )}
      {dialogs.dialog}
    </div>
  );
}
