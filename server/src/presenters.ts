import type { ParticipantPublic, SessionPublic } from '@ideasphere/shared';
import type { ParticipantRecord, SessionRecord } from './store/Store.js';

/** Builds join URLs and other public links from the server's public origin. */
export interface Links {
  publicUrl(): string;
}

export function joinUrl(links: Links, code: string): string {
  return `${links.publicUrl()}/j/${code}`;
}

/** The public view of a session: never its token hashes or internal id. */
export function presentSession(session: SessionRecord, links: Links): SessionPublic {
  return {
    code: session.code,
    title: session.title,
    description: session.description,
    language: session.language,
    createdAt: session.createdAt.toISOString(),
    joinUrl: joinUrl(links, session.code),
  };
}

/** The public view of a participant: never the token hash. */
export function presentParticipant(participant: ParticipantRecord, online: boolean): ParticipantPublic {
  return {
    id: participant.id,
    name: participant.name,
    photoVersion: participant.photoVersion,
    joinedAt: participant.joinedAt.toISOString(),
    online,
  };
}
