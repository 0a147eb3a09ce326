import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { PROPOSAL_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { graphemeCount } from '@ideasphere/shared/text.js';
import type { Translator } from '../../lib/i18n';
import { nearLimitFrom } from '../../lib/textField';
import { applyInputValue, mapIndexThroughDelta, type TextDelta } from './textBinding';

interface TitleFieldProps {
  text: Y.Text;
  editable: boolean;
  label: string;
  placeholder: string;
  t: Translator;
}

/** Marks this field's own writes, so its observer does not move the caret for them. */
const LOCAL = Symbol('title-input');

/**
 * The proposal title: a plain input bound to `doc.getText('title')`. Typing sends only the
 * changed span; others' edits update the field while the caret stays on its character.
 * An edit that would take the title past PROPOSAL_TITLE_MAX_CHARS characters is not sent
 * (never cut): the field says so, and shows its count near the limit.
 */
export function TitleField({ text, editable, label, placeholder, t }: TitleFieldProps) {
  const id = useId();
  const [value, setValue] = useState(() => text.toString());
  /** The length of an edit that was not sent because it was too long. */
  const [refused, setRefused] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const length = graphemeCount(value);

  useEffect(() => {
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const field = input.current;
      const next = text.toString();
      if (transaction.origin === LOCAL || !field || document.activeElement !== field) {
        setValue(next);
        return;
      }
      const delta = event.delta as TextDelta;
      const start = mapIndexThroughDelta(field.selectionStart ?? 0, delta);
      const end = mapIndexThroughDelta(field.selectionEnd ?? 0, delta);
      setValue(next);
      // After React wrote the new value: put the caret back on its character.
      requestAnimationFrame(() => field.setSelectionRange(start, end));
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const near = length >= nearLimitFrom(PROPOSAL_TITLE_MAX_CHARS);
  return (
    <>
      <input
        ref={input}
        className="proposal-title-input"
        data-testid="proposal-title"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        dir="auto"
        readOnly={!editable}
        aria-invalid={refused !== null}
        aria-describedby={refused !== null ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = e.target.value;
          const nextLength = graphemeCount(next);
          // Shortening an over-long title (someone else's, or an old one) is always allowed.
          if (nextLength > PROPOSAL_TITLE_MAX_CHARS && nextLength > length) return setRefused(nextLength);
          setRefused(null);
          setValue(next);
          applyInputValue(text, next, LOCAL);
        }}
      />
      {editable && (near || refused !== null) && (
        <p className="proposal-title-limit">
          <span className="field-counter" data-near-limit={near} data-testid="char-counter">
            {length}/{PROPOSAL_TITLE_MAX_CHARS}
          </span>
          {refused !== null && (
            <span id={`${id}-error`} className="field-error" role="alert" data-testid="text-field-error" data-problem="too_long">
              {t('text.tooLong', { count: refused, max: PROPOSAL_TITLE_MAX_CHARS, over: refused - PROPOSAL_TITLE_MAX_CHARS })}
            </span>
          )}
        </p>
      )}
    </>
  );
}
