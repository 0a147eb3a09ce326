import type { ParticipantPublic } from '@ideasphere/shared';
import { readStored, removeStored, storageKeys, writeStored } from './storage';

/**
 * The participant this phone joined as, remembered beside its token: a reload shows the
 * guest's name and photo at once instead of "Loading…" until the snapshot arrives.
 */
export function readMe(code: string): ParticipantPublic | null {
  try {
    const value: unknown = JSON.parse(readStored(storageKeys.me(code)) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const me = value as Partial<ParticipantPublic>;
    if (typeof me.id !== 'string' || typeof me.name !== 'string' || typeof me.joinedAt !== 'string') return null;
    return {
      id: me.id,
      name: me.name,
      photoVersion: typeof me.photoVersion === 'string' ? me.photoVersion : null,
      joinedAt: me.joinedAt,
      online: me.online === true,
      venueId: typeof me.venueId === 'string' ? me.venueId : null,
      faceHidden: me.faceHidden === true,
    };
  } catch {
    return null;
  }
}

export function rememberMe(code: string, me: ParticipantPublic): void {
  writeStored(storageKeys.me(code), JSON.stringify(me));
}

export function forgetMe(code: string): void {
  removeStored(storageKeys.me(code));
}
