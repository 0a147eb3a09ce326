import type { ParticipantPublic } from '@ideasphere/shared';
import { sessionPaths } from './paths';

export { initials } from './initials';

/**
 * Avatar backgrounds: mid-dark tones that all keep white initials above 4.5:1 contrast, so
 * every participant's colour is readable on the phone and on the big screen alike.
 */
const AVATAR_COLOURS = [
  '#c2410c', '#b45309', '#4d7c0f', '#047857', '#0f766e', '#0e7490',
  '#0369a1', '#1d4ed8', '#4338ca', '#6d28d9', '#a21caf', '#be185d',
] as const;

/** FNV-1a: a tiny stable hash, so one participant keeps one colour on every device. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The avatar background colour for a participant id. */
export function avatarColour(id: string): string {
  return AVATAR_COLOURS[hash(id) % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}

/** The photo URL of a participant, or null when they have no photo. */
export function photoUrl(code: string, participant: Pick<ParticipantPublic, 'id' | 'photoVersion'>): string | null {
  return participant.photoVersion === null
    ? null
    : sessionPaths.photo(code, participant.id, participant.photoVersion);
}
