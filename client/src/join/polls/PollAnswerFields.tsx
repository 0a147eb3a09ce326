import { useId } from 'react';
import type { PollAnswerValue, PollPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';

interface PollAnswerFieldsProps {
  poll: PollPublic;
  value: PollAnswerValue | null;
  onChange: (value: PollAnswerValue) => void;
  maxChars: number;
  t: Translator;
}

/** The inputs of one poll kind: native radios and checkboxes, buttons for a ranking, so a keyboard works. */
export function PollAnswerFields({ poll, value, onChange, maxChars, t }: PollAnswerFieldsProps) {
  const id = useId();
  switch (poll.kind) {
    case 'choice':
    case 'quiz': {
      const picked = new Set(value?.kind === 'choice' ? value.optionIds : value?.kind === 'quiz' ? [value.optionId] : []);
      const multiple = poll.kind === 'choice' && poll.multiple;
      const pick = (optionId: string, on: boolean) => {
        if (poll.kind === 'quiz') return onChange({ kind: 'quiz', optionId });
        if (!multiple) return onChange({ kind: 'choice', optionIds: [optionId] });
        const next = poll.options.map((o) => o.id).filter((oid) => (oid === optionId ? on : picked.has(oid)));
        if (next.length > 0) onChange({ kind: 'choice', optionIds: next });
      };
      return (
        <fieldset className="poll-options">
          <legend className="field-label">{t(multiple ? 'poll.pickMany' : 'poll.pickOne')}</legend>
          {poll.options.map((o) => (
            <label key={o.id} className="poll-option" data-picked={picked.has(o.id)}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`${id}-option`}
                checked={picked.has(o.id)}
                onChange={(e) => pick(o.id, e.target.checked)}
                data-testid={`poll-option-${o.id}`}
              />
              <span className="user-text" dir="auto">
                {o.text}
              </span>
            </label>
          ))}
        </fieldset>
      );
    }
    case 'rating': {
      const rating = value?.kind === 'rating' ? value.rating : null;
      return (
        <fieldset className="poll-rating">
          <legend className="field-label">{t('poll.rateLabel', { max: poll.scaleMax })}</legend>
          <div className="poll-rating-row">
            {Array.from({ length: poll.scaleMax }, (_, i) => i + 1).map((n) => (
              <label key={n} className="poll-rating-choice" data-picked={rating === n}>
                <input type="radio" name={`${id}-rating`} checked={rating === n} onChange={() => onChange({ kind: 'rating', rating: n })} data-testid={`poll-rating-${n}`} />
                <span>{n}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'ranking': {
      const order = value?.kind === 'ranking' ? value.optionIds : poll.options.map((o) => o.id);
      const move = (from: number, to: number) => {
        const next = [...order];
        const [moved] = next.splice(from, 1);
        if (moved === undefined) return;
        next.splice(to, 0, moved);
        onChange({ kind: 'ranking', optionIds: next });
      };
      const text = (oid: string) => poll.options.find((o) => o.id === oid)?.text ?? oid;
      return (
        <fieldset className="poll-ranking-input">
          <legend className="field-label">{t('poll.rankHint')}</legend>
          <ol>
            {order.map((oid, i) => (
              <li key={oid} className="poll-rank-item">
                <span className="poll-rank-place">{i + 1}</span>
                <span className="poll-rank-text user-text" dir="auto">
                  {text(oid)}
                </span>
                <button type="button" className="button button-secondary button-small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('poll.moveUp', { option: text(oid) })}>
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={i === order.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={t('poll.moveDown', { option: text(oid) })}
                >
                  ↓
                </button>
              </li>
            ))}
          </ol>
        </fieldset>
      );
    }
    case 'words': {
      const text = value?.kind === 'words' ? value.text : '';
      return (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-words`}>
            {t('poll.wordsLabel')}
          </label>
          <input
            id={`${id}-words`}
            className="input"
            value={text}
            maxLength={maxChars * 2}
            dir="auto"
            onChange={(e) => onChange({ kind: 'words', text: e.target.value })}
            data-testid="poll-words"
          />
        </div>
      );
    }
  }
}
