import { describe, expect, it } from 'vitest';
import { VENUE_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { venueNamesToSend } from './venueNames';

describe('venueNamesToSend', () => {
  it('leaves the default to the server when only an empty first row exists', () => {
    expect(venueNamesToSend([''], 'en')).toEqual({ ok: true, names: undefined });
    expect(venueNamesToSend(['  '], 'zh')).toEqual({ ok: true, names: undefined });
  });

  it('names an empty first row after the language and drops empty extra rows', () => {
    expect(venueNamesToSend(['', 'Sub-venue A', ' '], 'en')).toEqual({ ok: true, names: ['Main venue', 'Sub-venue A'] });
    expect(venueNamesToSend(['', '分会场'], 'zh')).toEqual({ ok: true, names: ['主会场', '分会场'] });
  });

  it('trims names and keeps a single named venue', () => {
    expect(venueNamesToSend([' Hall 1 '], 'en')).toEqual({ ok: true, names: ['Hall 1'] });
  });

  it('points at the row that repeats a name, ignoring case', () => {
    expect(venueNamesToSend(['Hall', 'Garden', 'hall'], 'en')).toEqual({ ok: false, problem: { kind: 'duplicate', index: 2 } });
    expect(venueNamesToSend(['', 'Main venue'], 'en')).toEqual({ ok: false, problem: { kind: 'duplicate', index: 1 } });
  });

  it('points at a row with only invisible characters, and at one that is too long', () => {
    expect(venueNamesToSend(['Hall', '\u200b\u3164'], 'en')).toEqual({ ok: false, problem: { kind: 'blank', index: 1 } });
    expect(venueNamesToSend(['Hall', '🏛️'.repeat(VENUE_NAME_MAX_CHARS + 1)], 'en')).toEqual({ ok: false, problem: { kind: 'too_long', index: 1 } });
    expect(venueNamesToSend(['🏛️'.repeat(VENUE_NAME_MAX_CHARS)], 'en')).toEqual({ ok: true, names: ['🏛️'.repeat(VENUE_NAME_MAX_CHARS)] });
  });
});
