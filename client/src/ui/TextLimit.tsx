import type { MessageKey } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import type { TextFieldView } from '../lib/textField';

interface CharCounterProps {
  field: TextFieldView;
  /** Show the counter all the time, not only near the limit. */
  always?: boolean;
}

/** `37/40`: characters counted as the server counts them, shown near the limit (or always). */
export function CharCounter({ field, always = false }: CharCounterProps) {
  const over = field.check.problem === 'too_long';
  if (!always && !field.near && !over) return null;
  return (
    <span className="field-counter" data-near-limit={field.near} data-over-limit={over} data-testid="char-counter" aria-hidden="true">
      {field.check.length}/{field.max}
    </span>
  );
}

interface TextFieldNoteProps {
  field: TextFieldView;
  /** The id the input names in `aria-describedby`. */
  id: string;
  t: Translator;
  /** What to say when the field is left empty (default: `text.required`). */
  requiredKey?: MessageKey;
}

/** The field's problem in words, under the field: too long (by how much), invisible, or empty. */
export function TextFieldNote({ field, id, t, requiredKey = 'text.required' }: TextFieldNoteProps) {
  const { shown, check, max } = field;
  if (shown === null) return null;
  const text =
    shown === 'too_long'
      ? t('text.tooLong', { count: check.length, max, over: check.length - max })
      : shown === 'blank'
        ? t('text.blank')
        : t(requiredKey);
  return (
    <p id={id} className="field-error" role="alert" data-testid="text-field-error" data-problem={shown}>
      {text}
    </p>
  );
}

/** The `aria-*` attributes of an input checked by `field`, with the note's id. */
export function textFieldAria(field: TextFieldView, noteId: string): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  return field.shown === null ? { 'aria-invalid': false } : { 'aria-invalid': true, 'aria-describedby': noteId };
}
