import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX_CHARS, IDEA_DETAIL_MAX_CHARS, IDEA_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { nearLimitFrom, textFieldState } from './textField';

const CODER = '👩‍💻';

describe('textFieldState', () => {
  it('counts characters as the server does: an emoji sequence is one', () => {
    const state = textFieldState(CODER.repeat(DISPLAY_NAME_MAX_CHARS), DISPLAY_NAME_MAX_CHARS);
    expect(state.check.length).toBe(DISPLAY_NAME_MAX_CHARS);
    expect(state.shown).toBeNull();
    expect(state.near).toBe(true);
  });

  it('says at once that a pasted text is too long, and never cuts it', () => {
    const pasted = 'x'.repeat(IDEA_TITLE_MAX_CHARS + 12);
    const state = textFieldState(pasted, IDEA_TITLE_MAX_CHARS);
    expect(state.shown).toBe('too_long');
    expect(state.check).toMatchObject({ length: IDEA_TITLE_MAX_CHARS + 12, problem: 'too_long', text: pasted });
  });

  it('says at once that pasted invisible characters show nothing', () => {
    expect(textFieldState('\u200b\u3164', DISPLAY_NAME_MAX_CHARS).shown).toBe('blank');
    expect(textFieldState('\u2800 \u200d', DISPLAY_NAME_MAX_CHARS).shown).toBe('blank');
  });

  it('asks for an empty field only once they try to send it', () => {
    expect(textFieldState('', DISPLAY_NAME_MAX_CHARS).shown).toBeNull();
    expect(textFieldState('   ', DISPLAY_NAME_MAX_CHARS).shown).toBeNull();
    expect(textFieldState('   ', DISPLAY_NAME_MAX_CHARS, {}, true).shown).toBe('required');
    expect(textFieldState('Ann', DISPLAY_NAME_MAX_CHARS, {}, true).shown).toBeNull();
  });

  it('lets an optional multi-line field stay empty, but not grow too long', () => {
    expect(textFieldState('', IDEA_DETAIL_MAX_CHARS, { kind: 'block' }, true).shown).toBeNull();
    expect(textFieldState('\u200b', IDEA_DETAIL_MAX_CHARS, { kind: 'block' }, true).check.text).toBe('');
    expect(textFieldState('a\n'.repeat(IDEA_DETAIL_MAX_CHARS), IDEA_DETAIL_MAX_CHARS, { kind: 'block' }).shown).toBe('too_long');
  });

  it('refuses a required multi-line field with nothing visible', () => {
    expect(textFieldState('\u200b', 2_000, { kind: 'block', required: true }).shown).toBe('blank');
  });

  it('shows the counter in the last tenth of the limit, and at least the last five characters', () => {
    expect(nearLimitFrom(40)).toBe(35);
    expect(nearLimitFrom(140)).toBe(126);
    expect(textFieldState('a'.repeat(125), 140).near).toBe(false);
    expect(textFieldState('a'.repeat(126), 140).near).toBe(true);
  });
});
