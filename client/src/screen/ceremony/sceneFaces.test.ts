import type { ParticipantPublic } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { hiddenFaceIds, sceneFaces } from './sceneFaces';

const person = (id: string, name: string, extra: Partial<ParticipantPublic> = {}): ParticipantPublic => ({
  id,
  name,
  photoVersion: null,
  joinedAt: '2026-01-01T00:00:00.000Z',
  online: true,
  venueId: 'v1',
  faceHidden: false,
  ...extra,
});

describe('sceneFaces', () => {
  it('keeps join order, leaves hidden faces out and uses photos or initials', () => {
    const roster = new Map([
      ['a', person('a', 'Ann Lee', { photoVersion: 'v7' })],
      ['b', person('b', '王小明', { faceHidden: true })],
      ['c', person('c', 'Carlos')],
    ]);
    const faces = sceneFaces('ABC234', roster);
    expect(faces.map((f) => f.id)).toEqual(['a', 'c']);
    expect(faces[0]?.photoUrl).toBe('/api/sessions/ABC234/participants/a/photo?v=v7');
    expect(faces[1]).toMatchObject({ name: 'Carlos', initials: 'C', photoUrl: null });
    expect(hiddenFaceIds(roster)).toEqual(['b']);
  });

  it('returns the same face object for an unchanged participant, a new one when it changes', () => {
    const ann = person('a', 'Ann');
    const first = sceneFaces('ABC234', new Map([['a', ann]]))[0];
    expect(sceneFaces('ABC234', new Map([['a', ann]]))[0]).toBe(first);
    const renamed = { ...ann, name: 'Annie' };
    expect(sceneFaces('ABC234', new Map([['a', renamed]]))[0]).not.toBe(first);
  });
});
