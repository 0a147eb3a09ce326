import { useCallback, useMemo, useState } from 'react';
import { type TextCheck, checkBlock, checkLine } from '@ideasphere/shared/text.js';

/** What a text field says about its text: too long, nothing visible in it, or nothing typed yet. */
export type TextFieldProblem = 'too_long' | 'blank' | 'required';

export interface TextFieldOptions {
  /** `line` (names, titles) or `block` (details, comments, messages): cleaned as the server cleans them. */
  kind?: 'line' | 'block';
  /** Whether the field may be left empty (`block` only: a name or title is always required). */
  required?: boolean;
}

export interface TextFieldState {
  /** The text as the server would store it, its length in characters and its problem. */
  check: TextCheck;
  /** The problem to show now, if any. */
  shown: TextFieldProblem | null;
  /** Close enough to the limit to show the counter. */
  near: boolean;
}

/** The counter shows from here on: the last tenth of the limit, and at least the last five characters. */
export function nearLimitFrom(max: number): number {
  return max - Math.max(5, Math.ceil(max / 10));
}

/**
 * What a field with `value` shows. Too long is said at once, as the person types or pastes;
 * text with nothing visible in it (pasted zero-width or filler characters) is said at once too;
 * a field left empty (or only spaces) is said only once they try to send it.
 */
export function textFieldState(value: string, max: number, options: TextFieldOptions = {}, attempted = false): TextFieldState {
  const kind = options.kind ?? 'line';
  const required = kind === 'line' || options.required === true;
  const check = kind === 'line' ? checkLine(value, max) : checkBlock(value, max, { required });
  const near = check.length >= nearLimitFrom(max);
  let shown: TextFieldProblem | null = null;
  if (check.problem === 'too_long') shown = 'too_long';
  else if (check.problem === 'blank') {
    // Only ordinary white space is an empty field; anything else that shows nothing was pasted.
    const onlySpaces = /^\s*$/.test(value);
    if (!onlySpaces) shown = 'blank';
    else if (attempted) shown = 'required';
  }
  return { check, shown, near };
}

/** A field's state and its limit: what the counter and the note show. */
export interface TextFieldView extends TextFieldState {
  max: number;
}

export interface TextField extends TextFieldView {
  /** Call when the person sends: true if the text may go; otherwise its problem is shown. */
  ready: () => boolean;
  /** Forget a send attempt (after the text was sent and the field cleared). */
  reset: () => void;
}

/** A text field's live check against the same rules and count the server applies. */
export function useTextField(value: string, max: number, options: TextFieldOptions = {}): TextField {
  const [attempted, setAttempted] = useState(false);
  const { kind, required } = options;
  const state = useMemo(() => textFieldState(value, max, { kind, required }, attempted), [value, max, kind, required, attempted]);
  const ok = state.check.problem === null;
  const ready = useCallback(() => {
    setAttempted(!ok);
    return ok;
  }, [ok]);
  const reset = useCallback(() => setAttempted(false), []);
  return { ...state, max, ready, reset };
}
