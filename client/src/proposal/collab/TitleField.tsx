import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { PROPOSAL_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { applyInputValue, mapIndexThroughDelta, singleLine, type TextDelta } from './textBinding';

interface TitleFieldProps {
  text: Y.Text;
  editable: boolean;
  label: string;
  placeholder: string;
  /** Enter in the title: go on to the text (the title stays one paragraph). */
  onEnter: () => void;
}

/** Marks this field's own writes, so its observer does not move the caret for them. */
const LOCAL = Symbol('title-input');

/**
 * The proposal title, bound to `doc.getText('title')`: a text area that wraps and grows with
 * its text, so a long title stays readable on a phone, yet holds one paragraph: Enter moves on
 * to the text and pasted line breaks become spaces. Typing sends only the changed span; others'
 * edits update the field while the caret stays on its character.
 */
export function TitleField({ text, editable, label, placeholder, onEnter }: TitleFieldProps) {
  const [value, setValue] = useState(() => text.toString());
  const field = useRef<HTMLTextAreaElement>(null);

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

  return (
    // The invisible copy of the text (::after) shares the grid cell and sets the height.
    <div className="proposal-title" data-replica={value === '' ? placeholder : value}>
      <textarea
        ref={field}
        className="proposal-title-input"
        data-testid="proposal-title"
        rows={1}
        aria-label={label}
        placeholder={placeholder}
        value={value}
        readOnly={!editable}
        maxLength={PROPOSAL_TITLE_MAX_CHARS}
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
          setValue(next);
          applyInputValue(text, next, LOCAL);
          if (next !== area.value) {
            const caret = singleLine(area.value.slice(0, area.selectionEnd)).length;
            requestAnimationFrame(() => area.setSelectionRange(caret, caret));
          }
        }}
      />
    </div>
  );
}
