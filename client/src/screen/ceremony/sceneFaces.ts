import type { ParticipantPublic } from '@ideasphere/shared';
import { avatarColour, initials, photoUrl } from '../../lib/avatar';
import type { SceneFace } from './CeremonyScene';

/** One SceneFace per participant object: unchanged participants keep the same face object. */
const cache = new WeakMap<ParticipantPublic, SceneFace>();

function sceneFace(code: string, participant: ParticipantPublic): SceneFace {
  const cached = cache.get(participant);
  if (cached) return cached;
  const face: SceneFace = {
    id: participant.id,
    name: participant.name,
    initials: initials(participant.name),
    colour: avatarColour(participant.id),
    photoUrl: photoUrl(code, participant),
  };
  cache.set(participant, face);
  return face;
}

/**
 * The faces a ceremony screen shows, oldest first (the roster keeps join order): everyone
 * except those whose face the facilitator hid.
 */
export function sceneFaces(code: string, participants: ReadonlyMap<string, ParticipantPublic>): SceneFace[] {
  const faces: SceneFace[] = [];
  for (const participant of participants.values()) if (!participant.faceHidden) faces.push(sceneFace(code, participant));
  return faces;
}

/** Ids of the participants whose face is hidden. */
export function hiddenFaceIds(participants: ReadonlyMap<string, ParticipantPublic>): string[] {
  const ids: string[] = [];
  for (const participant of participants.values()) if (participant.faceHidden) ids.push(participant.id);
  return ids;
}
