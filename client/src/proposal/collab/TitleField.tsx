import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { PROPOSAL_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { applyInputValue, mapIndexThroughDelta, type TextDelta } from './textBinding';

interface TitleFieldProps {
  text: Y.Text;
  editable: boolean;
  label: string;
  placeholder: string;
}

/** Marks this field's own writes, so its observer does not move the caret for them. */
const LOCAL = Symbol('title-input');

/**
 * The proposal title: a plain input bound to `doc.getText('title')`. Typing sends only the
 * changed span; others' edits update the field while the caret stays on its character.
 */
export function TitleField({ text, editable, label, placeholder }: TitleFieldProps) {
  const [value, setValue] = useState(() => text.toString());
  const input = useRef<HTMLInputElement>(null);

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

  return (
    <input
      ref={input}
      className="proposal-title-input"
      data-testid="proposal-title"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      readOnly={!editable}
      maxLength={PROPOSAL_TITLE_MAX_CHARS}
      onChange={(e) => {
        setValue(e.target.value);
        applyInputValue(text, e.target.value, LOCAL);
      }}
    />
  );
}
