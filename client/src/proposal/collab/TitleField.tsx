import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { PROPOSAL_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { graphemeCount } from '@ideasphere/shared/text.js';
import type { Translator } from '../../lib/i18n';
import { nearLimitFrom } from '../../lib/textField';
import { applyInputValue, mapIndexThroughDelta, singleLine, type TextDelta } from './textBinding';

interface TitleFieldProps {
  text: Y.Text;
  editable: boolean;
  label: string;
  placeholder: string;
  /** Enter in the title: go on to the text (the title stays one paragraph). */
  onEnter: () => void;
  t: Translator;
}

/** Marks this field's own writes, so its observer does not move the caret for them. */
const LOCAL = Symbol('title-input');

/**
 * The proposal title, bound to `doc.getText('title')`: a text area that wraps and grows with
 * its text, so a long title stays readable on a phone, yet holds one paragraph: Enter moves on
 * to the text and pasted line breaks become spaces. Typing sends only the changed span; others'
 * edits update the field while the caret stays on its character. An edit that would take the
 * title past PROPOSAL_TITLE_MAX_CHARS characters is not sent (never cut): the field says so,
 * and shows its count near the limit.
 */
export function TitleField({ text, editable, label, placeholder, onEnter, t }: TitleFieldProps) {
  const id = useId();
  const [value, setValue] = useState(() => text.toString());
  /** The length of an edit that was not sent because it was too long. */
  const [refused, setRefused] = useState<number | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const length = graphemeCount(value);

  useEffect(() => {
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const area = field.current;
      const next = text.toString();
      if (transaction.origin === LOCAL || !area || document.activeElement !== area) {
        setValue(next);
        return;
      }
      const delta = event.delta as TextDelta;
      const start = mapIndexThroughDelta(area.selectionStart, delta);
      const end = mapIndexThroughDelta(area.selectionEnd, delta);
      setValue(next);
      // After React wrote the new value: put the caret back on its character.
      requestAnimationFrame(() => area.setSelectionRange(start, end));
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const near = length >= nearLimitFrom(PROPOSAL_TITLE_MAX_CHARS);
  return (
    <>
      {/* The invisible copy of the text (::after) shares the grid cell and sets the height. */}
      <div className="proposal-title" data-replica={value === '' ? placeholder : value}>
        <textarea
          ref={field}
          className="proposal-title-input"
          data-testid="proposal-title"
          rows={1}
          dir="auto"
          aria-label={label}
          placeholder={placeholder}
          value={value}
          readOnly={!editable}
          aria-invalid={refused !== null}
          aria-describedby={refused !== null ? `${id}-error` : undefined}
          enterKeyHint="next"
          onKeyDown={(e) => {
            // Not while an input method composes (Enter then confirms the Chinese characters).
            if (e.key !== 'Enter' || e.nativeEvent.isComposing || !editable) return;
            e.preventDefault();
            onEnter();
          }}
          onChange={(e) => {
            const area = e.target;
            const next = singleLine(area.value);
            const nextLength = graphemeCount(next);
            // Shortening an over-long title (someone else's, or an old one) is always allowed.
            if (nextLength > PROPOSAL_TITLE_MAX_CHARS && nextLength > length) return setRefused(nextLength);
            setRefused(null);
            setValue(next);
            applyInputValue(text, next, LOCAL);
            if (next !== area.value) {
              const caret = singleLine(area.value.slice(0, area.selectionEnd)).length;
              requestAnimationFrame(() => area.setSelectionRange(caret, caret));
            }
          }}
        />
      </div>
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
