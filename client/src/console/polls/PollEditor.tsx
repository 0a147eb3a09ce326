import { useId, useState, type FormEvent } from 'react';
import type { PollDraft, PollKind, PollPublic } from '@ideasphere/shared';
import {
  POLL_OPTION_MAX_CHARS,
  POLL_OPTIONS_MAX,
  POLL_OPTIONS_MIN,
  POLL_QUESTION_MAX_CHARS,
  POLL_SCALE_MAX,
  POLL_SCALE_MIN,
  QUIZ_DURATION_DEFAULT_SECONDS,
  QUIZ_DURATION_MAX_SECONDS,
  QUIZ_DURATION_MIN_SECONDS,
} from '@ideasphere/shared/polls/pollLimits.js';
import { POLL_KINDS } from '@ideasphere/shared/polls/pollModel.js';
import { checkLine } from '@ideasphere/shared/text.js';
import type { Translator } from '../../lib/i18n';

interface PollEditorProps {
  /** The poll being edited; null for a new one. */
  poll: PollPublic | null;
  busy: boolean;
  onSave: (draft: PollDraft) => Promise<boolean>;
  onCancel: () => void;
  t: Translator;
}

/** Creates or edits a prepared poll; checks what the server checks before sending. */
export function PollEditor({ poll, busy, onSave, onCancel, t }: PollEditorProps) {
  const id = useId();
  const [kind, setKind] = useState<PollKind>(poll?.kind ?? 'choice');
  const [question, setQuestion] = useState(poll?.question ?? '');
  const [optionsText, setOptionsText] = useState(poll?.options.map((o) => o.text).join('\n') ?? '');
  const [multiple, setMultiple] = useState(poll?.multiple ?? false);
  const [scaleMax, setScaleMax] = useState(poll?.scaleMax ?? 5);
  const [correct, setCorrect] = useState(poll?.correctOptionId ? Number(poll.correctOptionId.slice(1)) : 0);
  const [duration, setDuration] = useState(poll?.durationSeconds ?? QUIZ_DURATION_DEFAULT_SECONDS);
  const [afterClose, setAfterClose] = useState(poll?.resultMode === 'afterClose');
  const [problem, setProblem] = useState<string | null>(null);
  const hasOptions = kind === 'choice' || kind === 'ranking' || kind === 'quiz';
  const options = optionsText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checkLine(question, POLL_QUESTION_MAX_CHARS).problem !== null) return setProblem(t('poll.console.questionNeeded'));
    const distinct = new Set(options.map((o) => o.toLocaleLowerCase())).size === options.length;
    if (hasOptions && (options.length < POLL_OPTIONS_MIN || options.length > POLL_OPTIONS_MAX || !distinct || options.some((o) => checkLine(o, POLL_OPTION_MAX_CHARS).problem !== null))) {
      return setProblem(t('poll.console.optionsNeeded', { min: POLL_OPTIONS_MIN }));
    }
    setProblem(null);
    const draft: PollDraft = {
      kind,
      question,
      options: hasOptions ? options : [],
      multiple: kind === 'choice' && multiple,
      scaleMax,
      correctIndex: kind === 'quiz' ? Math.min(correct, options.length - 1) : null,
      durationSeconds: duration,
      resultMode: afterClose ? 'afterClose' : 'live',
    };
    await onSave(draft);
  };

  return (
    <form className="card poll-editor" onSubmit={(e) => void submit(e)} noValidate data-testid="poll-editor" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel-heading">
        {poll ? t('poll.console.edit') : t('poll.console.new')}
      </h3>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-kind`}>
          {t('poll.console.kind')}
        </label>
        <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as PollKind)} data-testid="poll-kind">
          {POLL_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`poll.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-question`}>
          {t('poll.console.question')}
        </label>
        <input
          id={`${id}-question`}
          className="input"
          value={question}
          dir="auto"
          placeholder={t('poll.console.questionPlaceholder')}
          onChange={(e) => setQuestion(e.target.value)}
          data-testid="poll-question"
        />
      </div>
      {hasOptions && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-options`}>
            {t('poll.console.options')}
          </label>
          <textarea
            id={`${id}-options`}
            className="input"
            rows={Math.max(3, options.length + 1)}
            value={optionsText}
            dir="auto"
            onChange={(e) => setOptionsText(e.target.value)}
            aria-describedby={`${id}-options-hint`}
            data-testid="poll-options"
          />
          <p id={`${id}-options-hint`} className="field-hint">
            {t('poll.console.optionsHint', { min: POLL_OPTIONS_MIN, max: POLL_OPTIONS_MAX })}
          </p>
        </div>
      )}
      {kind === 'choice' && (
        <label className="check-row">
          <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} data-testid="poll-multiple" />
          <span>{t('poll.console.multiple')}</span>
        </label>
      )}
      {kind === 'rating' && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-scale`}>
            {t('poll.console.scale')}
          </label>
          <select id={`${id}-scale`} className="input" value={scaleMax} onChange={(e) => setScaleMax(Number(e.target.value))}>
            {Array.from({ length: POLL_SCALE_MAX - POLL_SCALE_MIN + 1 }, (_, i) => POLL_SCALE_MIN + i).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'quiz' && (
        <div className="poll-editor-row">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-correct`}>
              {t('poll.console.correct')}
            </label>
            <select id={`${id}-correct`} className="input" value={correct} onChange={(e) => setCorrect(Number(e.target.value))} data-testid="poll-correct">
              {options.map((o, i) => (
                <option key={`${i}-${o}`} value={i}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-duration`}>
              {t('poll.console.duration')}
            </label>
            <input
              id={`${id}-duration`}
              className="input"
              type="number"
              min={QUIZ_DURATION_MIN_SECONDS}
              max={QUIZ_DURATION_MAX_SECONDS}
              value={duration}
              onChange={(e) => setDuration(Math.min(QUIZ_DURATION_MAX_SECONDS, Math.max(QUIZ_DURATION_MIN_SECONDS, Number(e.target.value) || QUIZ_DURATION_MIN_SECONDS)))}
              data-testid="poll-duration"
            />
          </div>
        </div>
      )}
      <label className="check-row">
        <input type="checkbox" checked={afterClose} onChange={(e) => setAfterClose(e.target.checked)} data-testid="poll-after-close" />
        <span>{t('poll.console.hideUntilClose')}</span>
      </label>
      {problem && (
        <p className="field-error" role="alert" data-testid="poll-editor-error">
          {problem}
        </p>
      )}
      <div className="poll-editor-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="poll-save">
          {busy && <span className="spinner" aria-hidden="true" />}
          {poll ? t('poll.console.save') : t('poll.console.create')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
