import type {
  ParticipantPage,
  ParticipantPublic,
  PresenceChange,
  SessionChanges,
  SessionPublic,
  SessionSnapshot,
} from '../index.js';
import type { CeremonyState, VenueCounts, VenuePublic } from '../ceremonyModel.js';
import { initialStageState, stageFromSnapshot, stageReducer, type StageState } from './stageState.js';

/** What a page knows about its live session, rebuilt from each snapshot. */
export interface SessionState {
  session: SessionPublic | null;
  /** The connected participant (participant role only). */
  me: ParticipantPublic | null;
  participants: ReadonlyMap<string, ParticipantPublic>;
  participantCount: number;
  onlineCount: number;
  /** Cursor of the next page still to load; null once every page is loaded. */
  nextCursor: string | null;
  /** Ceremony, venues and per-venue counts (see stageState.ts). */
  stage: StageState;
}

export type SessionAction =
  | { type: 'snapshot'; snapshot: SessionSnapshot }
  | { type: 'page'; page: ParticipantPage }
  | { type: 'joined'; participant: ParticipantPublic; participantCount: number; venueCounts?: VenueCounts }
  | { type: 'updated'; participant: ParticipantPublic }
  | { type: 'presence'; change: PresenceChange }
  | { type: 'session'; session: SessionPublic }
  /** `participant:removed`: the facilitator removed someone. */
  | { type: 'removed'; change: { id: string; participantCount: number; venueCounts?: VenueCounts } }
  /** `ceremony:changed`, or the ack of a ceremony action. */
  | { type: 'ceremony'; ceremony: CeremonyState }
  /** `venues:changed`, or the ack of a venue action. */
  | { type: 'venues'; venues: readonly VenuePublic[] }
  /** `session:catchUp`: what changed while the client was away. */
  | { type: 'catchUp'; changes: SessionChanges };

export const initialSessionState: SessionState = {
  session: null,
  me: null,
  participants: new Map(),
  participantCount: 0,
  onlineCount: 0,
  nextCursor: null,
  stage: initialStageState,
};

function withParticipant(
  participants: ReadonlyMap<string, ParticipantPublic>,
  participant: ParticipantPublic,
): Map<string, ParticipantPublic> {
  const next = new Map(participants);
  next.set(participant.id, participant);
  return next;
}

/**
 * Applies one snapshot, page or broadcast. Broadcasts are idempotent upserts, so an event
 * that raced the snapshot it is already part of changes nothing; pages never overwrite what
 * a live event already said about a participant.
 */
export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      return {
        session: snapshot.session,
        me: snapshot.me,
        participants: new Map(snapshot.firstPage.participants.map((p) => [p.id, p])),
        participantCount: snapshot.participantCount,
        onlineCount: snapshot.onlineCount,
        nextCursor: snapshot.firstPage.nextCursor,
        stage: stageFromSnapshot(snapshot.stage),
      };
    }
    case 'page': {
      const participants = new Map(state.participants);
      for (const p of action.page.participants) if (!participants.has(p.id)) participants.set(p.id, p);
      return { ...state, participants, nextCursor: action.page.nextCursor };
    }
    case 'joined':
      return {
        ...state,
        participants: withParticipant(state.participants, action.participant),
        // Counts only grow; a join that raced a newer snapshot must not lower them.
        participantCount: Math.max(state.participantCount, action.participantCount),
        stage: action.venueCounts
          ? stageReducer(state.stage, { type: 'joinCounts', venueCounts: action.venueCounts })
          : state.stage,
      };
    case 'updated': {
      const { participant } = action;
      return {
        ...state,
        participants: withParticipant(state.participants, participant),
        me: state.me?.id === participant.id ? participant : state.me,
      };
    }
    case 'presence': {
      const { change } = action;
      const known = state.participants.get(change.id);
      return {
        ...state,
        participants: known ? withParticipant(state.participants, { ...known, online: change.online }) : state.participants,
        me: state.me?.id === change.id ? { ...state.me, online: change.online } : state.me,
        onlineCount: change.onlineCount,
      };
    }
    case 'session':
      return { ...state, session: action.session };
    case 'removed': {
      const participant = state.participants.get(action.change.id);
      const participants = new Map(state.participants);
      participants.delete(action.change.id);
      return {
        ...state,
        participants,
        participantCount: action.change.participantCount,
        onlineCount: participant?.online ? Math.max(0, state.onlineCount - 1) : state.onlineCount,
        stage: action.change.venueCounts
          ? stageReducer(state.stage, { type: 'removeCounts', venueCounts: action.change.venueCounts })
          : state.stage,
      };
    }
    case 'ceremony':
      return { ...state, stage: stageReducer(state.stage, { type: 'ceremony', ceremony: action.ceremony }) };
    case 'venues':
      return { ...state, stage: stageReducer(state.stage, { type: 'venues', venues: action.venues }) };
    case 'catchUp':
      return applyCatchUp(state, action.changes);
  }
}

/**
 * The session half of a catch-up: the session, stage and counts as they are now, the roster's
 * changes, and who is online now (presence is not logged, so it comes whole).
 */
function applyCatchUp(state: SessionState, changes: SessionChanges): SessionState {
  const online = new Set(changes.online);
  const participants = new Map<string, ParticipantPublic>();
  for (const [id, participant] of state.participants) {
    if (changes.removedParticipantIds.includes(id)) continue;
    participants.set(id, participant.online === online.has(id) ? participant : { ...participant, online: online.has(id) });
  }
  for (const participant of changes.participants) participants.set(participant.id, participant);
  return {
    ...state,
    session: changes.session,
    me: changes.me ?? state.me,
    participants,
    participantCount: changes.participantCount,
    onlineCount: changes.onlineCount,
    stage: stageFromSnapshot(changes.stage),
  };
}

/** Newest first: by join time, then by id (ids also sort by creation time). */
export function compareNewestFirst(a: ParticipantPublic, b: ParticipantPublic): number {
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The participants newest first, at most `limit` of them. */
export function newestParticipants(
  participants: SessionState['participants'],
  limit = Infinity,
): ParticipantPublic[] {
  return [...participants.values()].sort(compareNewestFirst).slice(0, limit);
}
